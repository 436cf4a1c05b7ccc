package notify

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Rendered is a notification in one language: a short title (the e-mail
// subject) and a plain-text body.
type Rendered struct {
	Title string
	Body  string
}

// Render renders n in locale ("zh-CN" or "en"; anything else is zh-CN).
// A "reason" param, of any kind, ends the body on a line of its own, as
// written (it is free text in whatever language its author used).
// Times are shown in the offset they were stored with; RenderIn converts
// them to a zone first. Missing or malformed params leave their clause out
// (a missing title falls back to the other language, then the code);
// Render never panics.
//
// ASSESSMENT_ASSIGNED, and DUE_SOON, OVERDUE and ASSIGNMENT_REOPENED whose
// params name an assessment (assessment_* and no course_*), speak of an
// assessment to pass instead of a course to complete.
func Render(n *Notification, locale string) Rendered {
	return RenderIn(n, locale, nil)
}

// RenderIn is Render with times (starts_at, old_starts_at) shown in loc;
// nil keeps each time's own offset. Sessions are stored in UTC, so readers
// in China want loc = Asia/Shanghai.
func RenderIn(n *Notification, locale string, loc *time.Location) Rendered {
	if n == nil {
		return Rendered{}
	}
	l, ok := ParseLocale(locale)
	if !ok {
		l = LocaleZH
	}
	r := renderer{p: n.Params, en: l == LocaleEN, loc: loc}
	r.exam = n.Kind == KindAssessmentAssigned || (r.has("assessment_") && !r.has("course_"))
	if r.en {
		return r.english(n.Kind)
	}
	return r.chinese(n.Kind)
}

type renderer struct {
	p   Params
	en  bool
	loc *time.Location
	// exam: the notice is about an assessment, not a course.
	exam bool
}

// has reports whether any of the id, code and title params with prefix
// ("course_", "assessment_") is set.
func (r renderer) has(prefix string) bool {
	for _, k := range []string{"id", "code", "title_en", "title_zh"} {
		if r.str(prefix+k) != "" {
			return true
		}
	}
	return false
}

func (r renderer) english(k Kind) Rendered {
	title, course := r.title(), r.course()
	due, reason := r.date("due_on"), r.str("reason")
	// The words that differ between a course and an assessment.
	noun, verb, done, retake, record := "course", "complete", "complete", "Course to retake: ", "completion"
	if r.exam {
		noun, verb, done, retake, record = "assessment", "pass", "passed", "Assessment to retake: ", "pass"
	}
	var t, b string
	switch k {
	case KindCourseAssigned:
		t = "New course assigned: " + title
		b = "You have been assigned the course " + course + "."
		if due != "" {
			b += " Please complete it by " + due + "."
		}
	case KindAssessmentAssigned:
		t = "New assessment assigned: " + title
		b = "You have been assigned the assessment " + course + "."
		if due != "" {
			b += " Please pass it by " + due + "."
		}
	case KindDueSoon:
		t = "Due soon: " + title
		if due != "" {
			b = "The " + noun + " " + course + " is due on " + due + ". Please " + verb + " it in time."
		} else {
			b = "The " + noun + " " + course + " is due soon. Please " + verb + " it in time."
		}
	case KindOverdue:
		t = "Overdue: " + title
		if due != "" {
			b = "The " + noun + " " + course + " was due on " + due + " and is not " + done + " yet. Please " + verb + " it as soon as possible."
		} else {
			b = "The " + noun + " " + course + " is overdue. Please " + verb + " it as soon as possible."
		}
	case KindSessionChanged:
		t = "Session changed: " + title
		b = "A session of " + course + " has changed."
		if s := r.slotEN("starts_at", "place"); s != "" {
			b += " It now takes place" + s + "."
		}
		if s := r.slotEN("old_starts_at", "old_place"); s != "" {
			b += " It was planned" + s + "."
		}
	case KindSessionCancelled:
		t = "Session cancelled: " + title
		b = "The session of " + course + r.slotEN("starts_at", "place") + " has been cancelled."
	case KindWaitlistPromoted:
		t = "You have a seat: " + title
		b = "A seat has opened up: you are now registered for the session of " + course + r.slotEN("starts_at", "place") + "."
	case KindAssignmentReopened:
		t = retake + title
		b = "Your " + record + " of " + course + " has expired."
		if due != "" {
			b += " Please " + verb + " it again by " + due + "."
		} else {
			b += " Please " + verb + " it again."
		}
	case KindPromotionNominated, KindPromotionPanel, KindPromotionDecided, KindPromotionAppealed, KindPromotionAppealDecided:
		t, b = r.promotionEN(k)
	default:
		return Rendered{Title: "Notification", Body: string(k)}
	}
	if reason != "" {
		b += "\nReason: " + reason
	}
	return Rendered{Title: t, Body: b}
}

func (r renderer) chinese(k Kind) Rendered {
	title, course := r.title(), r.course()
	due, reason := r.date("due_on"), r.str("reason")
	// The words that differ between a course and an assessment.
	noun, verb, retake := "课程", "完成", "需重新学习："
	if r.exam {
		noun, verb, retake = "测评", "通过", "需重新测评："
	}
	var t, b string
	switch k {
	case KindCourseAssigned:
		t = "新课程：" + title
		b = "您已被安排学习课程" + course + "。"
		if due != "" {
			b += "请于" + due + "前完成。"
		}
	case KindAssessmentAssigned:
		t = "新测评：" + title
		b = "您已被安排参加测评" + course + "。"
		if due != "" {
			b += "请于" + due + "前通过。"
		}
	case KindDueSoon:
		t = "即将到期：" + title
		if due != "" {
			b = noun + course + "将于" + due + "到期，请按时" + verb + "。"
		} else {
			b = noun + course + "即将到期，请按时" + verb + "。"
		}
	case KindOverdue:
		t = "已逾期：" + title
		if due != "" {
			b = noun + course + "已于" + due + "到期，尚未" + verb + "，请尽快" + verb + "。"
		} else {
			b = noun + course + "已逾期，尚未" + verb + "，请尽快" + verb + "。"
		}
	case KindSessionChanged:
		t = "培训安排变更：" + title
		b = "课程" + course + "的培训安排已变更。"
		if s := r.slotZH("starts_at", "place"); s != "" {
			b += "新安排：" + s + "。"
		}
		if s := r.slotZH("old_starts_at", "old_place"); s != "" {
			b += "原安排：" + s + "。"
		}
	case KindSessionCancelled:
		t = "培训已取消：" + title
		b = "课程" + course + "的培训" + paren(r.slotZH("starts_at", "place")) + "已取消。"
	case KindWaitlistPromoted:
		t = "候补成功：" + title
		b = "有名额空出，您已成功报名课程" + course + "的培训" + paren(r.slotZH("starts_at", "place")) + "。"
	case KindAssignmentReopened:
		t = retake + title
		b = "您的" + noun + course + verb + "记录已过期，"
		if due != "" {
			b += "请于" + due + "前重新" + verb + "。"
		} else {
			b += "请重新" + verb + "。"
		}
	case KindPromotionNominated, KindPromotionPanel, KindPromotionDecided, KindPromotionAppealed, KindPromotionAppealDecided:
		t, b = r.promotionZH(k)
	default:
		return Rendered{Title: "通知", Body: string(k)}
	}
	if reason != "" {
		b += "\n原因：" + reason
	}
	return Rendered{Title: t, Body: b}
}

// str returns param key as text: strings as they are, numbers printed,
// anything else (absent, null, booleans, objects) as "".
func (r renderer) str(key string) string {
	switch v := r.p[key].(type) {
	case string:
		return strings.TrimSpace(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int, int64:
		return fmt.Sprint(v)
	}
	return ""
}

// prefix is the params' prefix of the notice's subject.
func (r renderer) prefix() string {
	if r.exam {
		return "assessment_"
	}
	return "course_"
}

// title is the course (or assessment) title in the reader's language,
// falling back to the other language, the code, and a plain word.
func (r renderer) title() string {
	p := r.prefix()
	first, second := p+"title_zh", p+"title_en"
	if r.en {
		first, second = second, first
	}
	for _, k := range []string{first, second, p + "code"} {
		if s := r.str(k); s != "" {
			return s
		}
	}
	switch {
	case r.en && r.exam:
		return "an assessment"
	case r.en:
		return "a course"
	case r.exam:
		return "测评"
	}
	return "课程"
}

// course is the title with its code, as the body names it: "Title (CODE)"
// or 《标题》（CODE）; for an assessment notice, the assessment's.
func (r renderer) course() string {
	title, code := r.title(), r.str(r.prefix()+"code")
	if r.en {
		if code != "" && code != title {
			return title + " (" + code + ")"
		}
		return title
	}
	s := "《" + title + "》"
	if code != "" && code != title {
		s += "（" + code + "）"
	}
	return s
}

// date renders a YYYY-MM-DD param: "3 Dec 2026" or "2026年12月3日". A value
// that is not a date is shown as it is.
func (r renderer) date(key string) string {
	s := r.str(key)
	if s == "" {
		return ""
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if t, err2 := time.Parse(time.RFC3339, s); err2 == nil {
			d = t
		} else {
			return s
		}
	}
	if r.en {
		return d.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}

// moment renders an RFC 3339 param with its date, time and offset:
// "3 Dec 2026, 09:30 (UTC+8)" or "2026年12月3日 09:30（UTC+8）".
func (r renderer) moment(key string) string {
	s := r.str(key)
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	if r.loc != nil {
		t = t.In(r.loc)
	}
	_, off := t.Zone()
	if r.en {
		return t.Format("2 Jan 2006, 15:04") + " (" + utcOffset(off) + ")"
	}
	return fmt.Sprintf("%d年%d月%d日 %s（%s）", t.Year(), int(t.Month()), t.Day(), t.Format("15:04"), utcOffset(off))
}

// slotEN is " on <time> at <place>", either part left out when missing.
func (r renderer) slotEN(timeKey, placeKey string) string {
	s := ""
	if t := r.moment(timeKey); t != "" {
		s += " on " + t
	}
	if p := r.str(placeKey); p != "" {
		s += " at " + p
	}
	return s
}

// slotZH is "<time>，地点：<place>", either part left out when missing.
func (r renderer) slotZH(timeKey, placeKey string) string {
	var parts []string
	if t := r.moment(timeKey); t != "" {
		parts = append(parts, t)
	}
	if p := r.str(placeKey); p != "" {
		parts = append(parts, "地点："+p)
	}
	return strings.Join(parts, "，")
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "（" + s + "）"
}

// utcOffset prints an offset as UTC, UTC+8, UTC+5:30 or UTC-3.
func utcOffset(seconds int) string {
	if seconds == 0 {
		return "UTC"
	}
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	h, m := seconds/3600, seconds%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

// Promotion review notices (package promotion writes them). Their params:
// employee_name_en/zh (the nominee), nominator_name_en/zh,
// position_code, position_title_en/zh, status (the review's new status),
// review_id and, for decisions, appeals and withdrawals, reason.
const (
	KindPromotionNominated     Kind = "PROMOTION_NOMINATED"
	KindPromotionPanel         Kind = "PROMOTION_PANEL"
	KindPromotionDecided       Kind = "PROMOTION_DECIDED"
	KindPromotionAppealed      Kind = "PROMOTION_APPEALED"
	KindPromotionAppealDecided Kind = "PROMOTION_APPEAL_DECIDED"
)

// name is the param prefix+"en" or prefix+"zh" in the reader's language,
// falling back to the other one, then to fallback.
func (r renderer) name(prefix, fallbackEN, fallbackZH string) string {
	first, second := prefix+"zh", prefix+"en"
	if r.en {
		first, second = second, first
	}
	for _, k := range []string{first, second} {
		if s := r.str(k); s != "" {
			return s
		}
	}
	if r.en {
		return fallbackEN
	}
	return fallbackZH
}

// position is the position a promotion notice is about: "Title (CODE)" or
// "Title（CODE）".
func (r renderer) position() string {
	title := r.name("position_title_", "", "")
	code := r.str("position_code")
	switch {
	case title == "" && code == "" && r.en:
		return "a new position"
	case title == "" && code == "":
		return "新岗位"
	case title == "":
		return code
	case code == "" || code == title:
		return title
	case r.en:
		return title + " (" + code + ")"
	}
	return title + "（" + code + "）"
}

func (r renderer) promotionEN(k Kind) (string, string) {
	emp, pos := r.name("employee_name_", "an employee", ""), r.position()
	status := r.str("status")
	switch k {
	case KindPromotionNominated:
		by := r.name("nominator_name_", "", "")
		if by == "" {
			return "Promotion nomination: " + emp, emp + " has been nominated for " + pos + "."
		}
		return "Promotion nomination: " + emp, by + " has nominated " + emp + " for " + pos + "."
	case KindPromotionPanel:
		return "Promotion panel: " + emp, "The review of " + emp + " for " + pos + " is now with its panel."
	case KindPromotionAppealed:
		return "Promotion appeal: " + emp, emp + " has appealed the decision on their promotion to " + pos + "."
	case KindPromotionAppealDecided:
		if status == "OVERTURNED" {
			return "Appeal upheld: " + emp, "The appeal has been upheld: " + emp + " is promoted to " + pos + "."
		}
		return "Appeal dismissed: " + emp, "The appeal has been dismissed: the promotion of " + emp + " to " + pos + " remains rejected."
	}
	switch status {
	case "APPROVED":
		return "Promotion approved: " + emp, "The promotion of " + emp + " to " + pos + " has been approved."
	case "REJECTED":
		return "Promotion not approved: " + emp, "The promotion of " + emp + " to " + pos + " has not been approved."
	case "WITHDRAWN":
		return "Promotion review withdrawn: " + emp, "The review of " + emp + " for " + pos + " has been withdrawn."
	}
	return "Promotion review: " + emp, "The review of " + emp + " for " + pos + " has been decided."
}

func (r renderer) promotionZH(k Kind) (string, string) {
	emp, pos := r.name("employee_name_", "", "员工"), r.position()
	status := r.str("status")
	switch k {
	case KindPromotionNominated:
		by := r.name("nominator_name_", "", "")
		if by == "" {
			return "晋升提名：" + emp, emp + "已被提名晋升为" + pos + "。"
		}
		return "晋升提名：" + emp, by + "已提名" + emp + "晋升为" + pos + "。"
	case KindPromotionPanel:
		return "晋升评审：" + emp, emp + "晋升为" + pos + "的评审已交评审小组审议。"
	case KindPromotionAppealed:
		return "晋升申诉：" + emp, emp + "已就晋升为" + pos + "的决定提出申诉。"
	case KindPromotionAppealDecided:
		if status == "OVERTURNED" {
			return "申诉成立：" + emp, "申诉成立：" + emp + "晋升为" + pos + "。"
		}
		return "申诉已驳回：" + emp, "申诉已驳回：" + emp + "晋升为" + pos + "仍未获批准。"
	}
	switch status {
	case "APPROVED":
		return "晋升已批准：" + emp, emp + "晋升为" + pos + "已获批准。"
	case "REJECTED":
		return "晋升未获批准：" + emp, emp + "晋升为" + pos + "未获批准。"
	case "WITHDRAWN":
		return "晋升评审已撤回：" + emp, emp + "晋升为" + pos + "的评审已撤回。"
	}
	return "晋升评审：" + emp, emp + "晋升为" + pos + "的评审已有结果。"
}
