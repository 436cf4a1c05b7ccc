package notify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rungs/rungs/notify"
)

func fullParams() notify.Params {
	return notify.Params{
		"course_code":     "CS-101",
		"course_title_en": "Handling Complaints",
		"course_title_zh": "投诉处理",
		"due_on":          "2026-12-03",                // fixed-date: Render is pure; the table asserts its exact text
		"starts_at":       "2026-12-03T09:30:00+08:00", // fixed-date: Render is pure; the table asserts its exact text
		"place":           "Room 3A",
		"old_starts_at":   "2026-12-01T14:00:00+08:00", // fixed-date: Render is pure; the table asserts its exact text
		"old_place":       "Room 1B",
	}
}

// examParams are the params of a notice about an assessment enrolment, as
// Assign, ScanDue and ReopenExpired write them: assessment_* instead of
// course_*.
func examParams() notify.Params {
	return notify.Params{
		"assessment_id":       7.0,
		"assessment_code":     "QA-TONE",
		"assessment_title_en": "Tone Check",
		"assessment_title_zh": "语气测评",
		"due_on":              "2026-12-03", // fixed-date: Render is pure; the table asserts its exact text
		"assignment_id":       3.0,
		"enrollment_id":       11.0,
	}
}

func TestRenderEveryKindInBothLanguages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind   notify.Kind
		exam   bool // examParams, not fullParams
		locale string
		title  string
		body   string
	}{
		{notify.KindCourseAssigned, false, "en", "New course assigned: Handling Complaints",
			"You have been assigned the course Handling Complaints (CS-101). Please complete it by 3 Dec 2026."},
		{notify.KindCourseAssigned, false, "zh-CN", "新课程：投诉处理",
			"您已被安排学习课程《投诉处理》（CS-101）。请于2026年12月3日前完成。"},
		{notify.KindDueSoon, false, "en", "Due soon: Handling Complaints",
			"The course Handling Complaints (CS-101) is due on 3 Dec 2026. Please complete it in time."},
		{notify.KindDueSoon, false, "zh-CN", "即将到期：投诉处理",
			"课程《投诉处理》（CS-101）将于2026年12月3日到期，请按时完成。"},
		{notify.KindOverdue, false, "en", "Overdue: Handling Complaints",
			"The course Handling Complaints (CS-101) was due on 3 Dec 2026 and is not complete yet. Please complete it as soon as possible."},
		{notify.KindOverdue, false, "zh-CN", "已逾期：投诉处理",
			"课程《投诉处理》（CS-101）已于2026年12月3日到期，尚未完成，请尽快完成。"},
		{notify.KindSessionChanged, false, "en", "Session changed: Handling Complaints",
			"A session of Handling Complaints (CS-101) has changed. It now takes place on 3 Dec 2026, 09:30 (UTC+8) at Room 3A. " +
				"It was planned on 1 Dec 2026, 14:00 (UTC+8) at Room 1B."},
		{notify.KindSessionChanged, false, "zh-CN", "培训安排变更：投诉处理",
			"课程《投诉处理》（CS-101）的培训安排已变更。新安排：2026年12月3日 09:30（UTC+8），地点：Room 3A。" +
				"原安排：2026年12月1日 14:00（UTC+8），地点：Room 1B。"},
		{notify.KindSessionCancelled, false, "en", "Session cancelled: Handling Complaints",
			"The session of Handling Complaints (CS-101) on 3 Dec 2026, 09:30 (UTC+8) at Room 3A has been cancelled."},
		{notify.KindSessionCancelled, false, "zh-CN", "培训已取消：投诉处理",
			"课程《投诉处理》（CS-101）的培训（2026年12月3日 09:30（UTC+8），地点：Room 3A）已取消。"},
		{notify.KindWaitlistPromoted, false, "en", "You have a seat: Handling Complaints",
			"A seat has opened up: you are now registered for the session of Handling Complaints (CS-101) on 3 Dec 2026, 09:30 (UTC+8) at Room 3A."},
		{notify.KindWaitlistPromoted, false, "zh-CN", "候补成功：投诉处理",
			"有名额空出，您已成功报名课程《投诉处理》（CS-101）的培训（2026年12月3日 09:30（UTC+8），地点：Room 3A）。"},
		{notify.KindAssignmentReopened, false, "en", "Course to retake: Handling Complaints",
			"Your completion of Handling Complaints (CS-101) has expired. Please complete it again by 3 Dec 2026."},
		{notify.KindAssignmentReopened, false, "zh-CN", "需重新学习：投诉处理",
			"您的课程《投诉处理》（CS-101）完成记录已过期，请于2026年12月3日前重新完成。"},
		// An assessment: assigned, and the enrolment notices that name one.
		{notify.KindAssessmentAssigned, true, "en", "New assessment assigned: Tone Check",
			"You have been assigned the assessment Tone Check (QA-TONE). Please pass it by 3 Dec 2026."},
		{notify.KindAssessmentAssigned, true, "zh-CN", "新测评：语气测评",
			"您已被安排参加测评《语气测评》（QA-TONE）。请于2026年12月3日前通过。"},
		{notify.KindDueSoon, true, "en", "Due soon: Tone Check",
			"The assessment Tone Check (QA-TONE) is due on 3 Dec 2026. Please pass it in time."},
		{notify.KindDueSoon, true, "zh-CN", "即将到期：语气测评",
			"测评《语气测评》（QA-TONE）将于2026年12月3日到期，请按时通过。"},
		{notify.KindOverdue, true, "en", "Overdue: Tone Check",
			"The assessment Tone Check (QA-TONE) was due on 3 Dec 2026 and is not passed yet. Please pass it as soon as possible."},
		{notify.KindOverdue, true, "zh-CN", "已逾期：语气测评",
			"测评《语气测评》（QA-TONE）已于2026年12月3日到期，尚未通过，请尽快通过。"},
		{notify.KindAssignmentReopened, true, "en", "Assessment to retake: Tone Check",
			"Your pass of Tone Check (QA-TONE) has expired. Please pass it again by 3 Dec 2026."},
		{notify.KindAssignmentReopened, true, "zh-CN", "需重新测评：语气测评",
			"您的测评《语气测评》（QA-TONE）通过记录已过期，请于2026年12月3日前重新通过。"},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		params := fullParams
		if tc.exam {
			params = examParams
		}
		name := string(tc.kind) + "/" + tc.locale
		if tc.exam {
			name += "/assessment"
		}
		t.Run(name, func(t *testing.T) {
			got := notify.Render(&notify.Notification{Kind: tc.kind, Params: params()}, tc.locale)
			if got.Title != tc.title {
				t.Errorf("title\n got %q\nwant %q", got.Title, tc.title)
			}
			if got.Body != tc.body {
				t.Errorf("body\n got %q\nwant %q", got.Body, tc.body)
			}
			// A reason, of any kind, closes the body on its own line.
			p := params()
			p["reason"] = "Annual compliance 年度合规"
			withReason := notify.Render(&notify.Notification{Kind: tc.kind, Params: p}, tc.locale)
			label := map[string]string{"en": "\nReason: ", "zh-CN": "\n原因："}[tc.locale]
			if want := tc.body + label + "Annual compliance 年度合规"; withReason.Body != want || withReason.Title != tc.title {
				t.Errorf("with a reason\n got %q\nwant %q", withReason.Body, want)
			}
		})
		if !tc.exam || tc.kind == notify.KindAssessmentAssigned {
			covered[string(tc.kind)+tc.locale] = true
		}
	}
	for _, k := range notify.Kinds {
		if strings.HasPrefix(string(k), "PROMOTION_") {
			continue // TestRenderPromotionKinds covers them
		}
		for _, l := range []string{"en", "zh-CN"} {
			if !covered[string(k)+l] {
				t.Errorf("no test renders %s in %s", k, l)
			}
		}
	}
}

func TestRenderLocaleFallbackAndZone(t *testing.T) {
	t.Parallel()
	n := &notify.Notification{Kind: notify.KindDueSoon, Params: fullParams()}
	zh := notify.Render(n, "zh-CN")
	for _, l := range []string{"", "fr", "de-DE", "zh-TW"} {
		if got := notify.Render(n, l); got != zh {
			t.Errorf("locale %q rendered %q, want the zh-CN text", l, got.Title)
		}
	}
	if got := notify.Render(n, "EN"); !strings.HasPrefix(got.Title, "Due soon") {
		t.Errorf("locale EN rendered %q, want English", got.Title)
	}

	// Sessions are stored in UTC; RenderIn shows them where the reader is.
	s := &notify.Notification{Kind: notify.KindWaitlistPromoted, Params: notify.Params{
		"course_title_en": "Tone", "starts_at": "2026-12-03T01:30:00Z", "place": "Room 1"}} // fixed-date: pure RenderIn, exact text in three zones
	if got := notify.Render(s, "en").Body; !strings.Contains(got, "3 Dec 2026, 01:30 (UTC) at Room 1") {
		t.Errorf("UTC body = %q", got)
	}
	cst := time.FixedZone("CST", 8*3600)
	if got := notify.RenderIn(s, "en", cst).Body; !strings.Contains(got, "3 Dec 2026, 09:30 (UTC+8) at Room 1") {
		t.Errorf("Shanghai body = %q", got)
	}
	if got := notify.RenderIn(s, "zh-CN", time.FixedZone("IST", 5*3600+1800)).Body; !strings.Contains(got, "2026年12月3日 07:00（UTC+5:30），地点：Room 1") {
		t.Errorf("India body = %q", got)
	}
}

func TestRenderMissingParamsNeverPanics(t *testing.T) {
	t.Parallel()
	paramSets := map[string]notify.Params{
		"nil":   nil,
		"empty": {},
		"wrong types": {"course_title_en": 42.0, "course_title_zh": []any{"x"}, "course_code": nil,
			"due_on": "soon", "starts_at": map[string]any{"a": 1}, "place": true, "old_starts_at": "yesterday", "reason": 7.5},
		"wrong assessment types": {"assessment_title_en": []any{"x"}, "assessment_title_zh": nil, "assessment_code": true,
			"assessment_id": map[string]any{"a": 1}, "due_on": 3.0},
	}
	kinds := append([]notify.Kind{"SOMETHING_NEW"}, notify.Kinds...)
	for name, p := range paramSets {
		for _, k := range kinds {
			for _, l := range []string{"en", "zh-CN"} {
				got := notify.Render(&notify.Notification{Kind: k, Params: p}, l)
				if got.Title == "" {
					t.Errorf("%s %s %s: empty title", name, k, l)
				}
				for _, bad := range []string{"<nil>", "%!", "map[", "()", "（）", "《》", " ."} {
					if strings.Contains(got.Title+got.Body, bad) {
						t.Errorf("%s %s %s: %q contains %q", name, k, l, got.Title+" | "+got.Body, bad)
					}
				}
			}
		}
	}
	if got := notify.Render(nil, "en"); got != (notify.Rendered{}) {
		t.Errorf("Render(nil) = %+v", got)
	}

	// A missing title falls back to the other language, then the code.
	onlyZH := &notify.Notification{Kind: notify.KindOverdue, Params: notify.Params{"course_title_zh": "投诉处理", "due_on": "2026-01-09"}} // fixed-date: pure Render, exact text
	if got := notify.Render(onlyZH, "en"); got.Title != "Overdue: 投诉处理" || !strings.Contains(got.Body, "9 Jan 2026") {
		t.Errorf("fallback to zh title: %+v", got)
	}
	onlyCode := &notify.Notification{Kind: notify.KindDueSoon, Params: notify.Params{"course_code": "CS-9"}}
	if got := notify.Render(onlyCode, "zh-CN"); got.Title != "即将到期：CS-9" || got.Body != "课程《CS-9》即将到期，请按时完成。" {
		t.Errorf("fallback to code: %+v", got)
	}
	// An assessment notice falls back the same way, and never to course
	// words; with nothing at all it still says "an assessment".
	examZH := &notify.Notification{Kind: notify.KindAssessmentAssigned, Params: notify.Params{"assessment_title_zh": "语气测评"}}
	if got := notify.Render(examZH, "en"); got.Title != "New assessment assigned: 语气测评" ||
		got.Body != "You have been assigned the assessment 语气测评." {
		t.Errorf("assessment fallback to zh title: %+v", got)
	}
	examCode := &notify.Notification{Kind: notify.KindOverdue, Params: notify.Params{"assessment_code": "QA-1"}}
	if got := notify.Render(examCode, "zh-CN"); got.Title != "已逾期：QA-1" || got.Body != "测评《QA-1》已逾期，尚未通过，请尽快通过。" {
		t.Errorf("assessment fallback to code: %+v", got)
	}
	if got := notify.Render(&notify.Notification{Kind: notify.KindAssessmentAssigned}, "en"); got.Title != "New assessment assigned: an assessment" {
		t.Errorf("assessment with no params: %+v", got)
	}
	if got := notify.Render(&notify.Notification{Kind: notify.KindAssessmentAssigned}, "zh-CN"); got.Body != "您已被安排参加测评《测评》。" {
		t.Errorf("assessment with no params in Chinese: %+v", got)
	}
	wrong := &notify.Notification{Kind: notify.KindDueSoon, Params: paramSets["wrong types"]}
	if got := notify.Render(wrong, "en"); got.Title != "Due soon: 42" || !strings.Contains(got.Body, "due on soon") {
		t.Errorf("numbers print, unparsable dates show as given: %+v", got)
	}
}
