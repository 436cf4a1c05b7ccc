package notify_test

import (
	"testing"

	"github.com/rungs/rungs/notify"
)

func promotionParams(status, reason string) notify.Params {
	p := notify.Params{
		"review_id":         4.0,
		"status":            status,
		"employee_name_en":  "Li Na",
		"employee_name_zh":  "李娜",
		"nominator_name_en": "Wang Wei",
		"nominator_name_zh": "王伟",
		"position_code":     "CS-L2",
		"position_title_en": "Senior Agent",
		"position_title_zh": "高级客服",
	}
	if reason != "" {
		p["reason"] = reason
	}
	return p
}

func TestRenderPromotionKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind           notify.Kind
		status, reason string
		locale         string
		title, body    string
	}{
		{notify.KindPromotionNominated, "NOMINATED", "", "en", "Promotion nomination: Li Na",
			"Wang Wei has nominated Li Na for Senior Agent (CS-L2)."},
		{notify.KindPromotionNominated, "NOMINATED", "", "zh-CN", "晋升提名：李娜",
			"王伟已提名李娜晋升为高级客服（CS-L2）。"},
		{notify.KindPromotionPanel, "IN_PANEL", "", "en", "Promotion panel: Li Na",
			"The review of Li Na for Senior Agent (CS-L2) is now with its panel."},
		{notify.KindPromotionPanel, "IN_PANEL", "", "zh-CN", "晋升评审：李娜",
			"李娜晋升为高级客服（CS-L2）的评审已交评审小组审议。"},
		{notify.KindPromotionDecided, "APPROVED", "Ready", "en", "Promotion approved: Li Na",
			"The promotion of Li Na to Senior Agent (CS-L2) has been approved.\nReason: Ready"},
		{notify.KindPromotionDecided, "APPROVED", "达标", "zh-CN", "晋升已批准：李娜",
			"李娜晋升为高级客服（CS-L2）已获批准。\n原因：达标"},
		{notify.KindPromotionDecided, "REJECTED", "Not yet", "en", "Promotion not approved: Li Na",
			"The promotion of Li Na to Senior Agent (CS-L2) has not been approved.\nReason: Not yet"},
		{notify.KindPromotionDecided, "REJECTED", "", "zh-CN", "晋升未获批准：李娜",
			"李娜晋升为高级客服（CS-L2）未获批准。"},
		{notify.KindPromotionDecided, "WITHDRAWN", "", "en", "Promotion review withdrawn: Li Na",
			"The review of Li Na for Senior Agent (CS-L2) has been withdrawn."},
		{notify.KindPromotionDecided, "WITHDRAWN", "", "zh-CN", "晋升评审已撤回：李娜",
			"李娜晋升为高级客服（CS-L2）的评审已撤回。"},
		{notify.KindPromotionAppealed, "APPEALED", "I met every target", "en", "Promotion appeal: Li Na",
			"Li Na has appealed the decision on their promotion to Senior Agent (CS-L2).\nReason: I met every target"},
		{notify.KindPromotionAppealed, "APPEALED", "", "zh-CN", "晋升申诉：李娜",
			"李娜已就晋升为高级客服（CS-L2）的决定提出申诉。"},
		{notify.KindPromotionAppealDecided, "OVERTURNED", "", "en", "Appeal upheld: Li Na",
			"The appeal has been upheld: Li Na is promoted to Senior Agent (CS-L2)."},
		{notify.KindPromotionAppealDecided, "OVERTURNED", "", "zh-CN", "申诉成立：李娜",
			"申诉成立：李娜晋升为高级客服（CS-L2）。"},
		{notify.KindPromotionAppealDecided, "UPHELD", "", "en", "Appeal dismissed: Li Na",
			"The appeal has been dismissed: the promotion of Li Na to Senior Agent (CS-L2) remains rejected."},
		{notify.KindPromotionAppealDecided, "UPHELD", "", "zh-CN", "申诉已驳回：李娜",
			"申诉已驳回：李娜晋升为高级客服（CS-L2）仍未获批准。"},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind)+"/"+tt.status+"/"+tt.locale, func(t *testing.T) {
			got := notify.Render(&notify.Notification{Kind: tt.kind, Params: promotionParams(tt.status, tt.reason)}, tt.locale)
			if got.Title != tt.title || got.Body != tt.body {
				t.Errorf("got %q / %q\nwant %q / %q", got.Title, got.Body, tt.title, tt.body)
			}
		})
	}
}

// A notice without names still reads as a sentence, falling back to the
// other language or a plain word.
func TestRenderPromotionFallbacks(t *testing.T) {
	t.Parallel()
	p := notify.Params{"employee_name_zh": "李娜", "status": "APPROVED"}
	got := notify.Render(&notify.Notification{Kind: notify.KindPromotionDecided, Params: p}, "en")
	if want := "The promotion of 李娜 to a new position has been approved."; got.Body != want {
		t.Errorf("en body = %q, want %q", got.Body, want)
	}
	got = notify.Render(&notify.Notification{Kind: notify.KindPromotionNominated, Params: notify.Params{}}, "zh-CN")
	if want := "员工已被提名晋升为新岗位。"; got.Body != want {
		t.Errorf("zh body = %q, want %q", got.Body, want)
	}
}
