package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/people"
)

// The demo's development plans: study budgets, aspirations, SMART goals,
// the 1:1 coaching log and one adopted plan. Like courses.go this is plain
// SQL (package development is not imported), but every row keeps the rules
// development's code keeps: at most three ranked aspirations, never the
// current position; goals agreed only by someone above the employee in the
// reporting line, their status tied to their timestamps; coaching by a
// line manager or a trainer who owns a course the employee is enrolled in;
// a plan whose enrolments exist. The rules are checked in the SQL that
// writes the rows, so a database whose people moved since gets fewer rows,
// never wrong ones.
//
// Nothing here has a natural key, so each kind of row is written once, for
// whoever has none yet (as seedRatings does); a study budget someone set
// themself is never overwritten.
//
// The story:
//   - agent@ (Wu Xiaoling) studies 4 h a week, aspires to team lead, has a
//     CSAT goal in progress, an AHT goal agreed and a draft for lead@ to
//     agree; lead@ has coached her monthly and trainer@ once on CS-210. She
//     has no plan yet: adopting one is her demo step.
//   - Du Kai only lacks the QA-201 certification for QA specialist (booked),
//     so he adopted the team-lead path as his plan: CS-110 (prerequisite of
//     CS-210), CS-210, EMO-201 and FLM-101, which close every competency and
//     course requirement of a team lead; only the KPI bar is left.
//   - Peng Bo missed his product-final goal (the one MISSED goal; he failed
//     the test last week), and HR gave him five protected study hours.
//   - Xie Dan's resilience-circle goal was cancelled when she moved to the
//     night shift.
//   - lead@ has a draft goal waiting for manager@ to agree.
//   - CX_DIRECTOR has an empty bench: its feeders (the senior service
//     manager and the CX manager) are rated at their own positions, a level
//     or two short of the director's 5s in leadership, cross-department
//     work, decisions and strategy, and nobody aspires to it.

// demoBudget is a weekly study budget other than the default 3 hours, set
// by By (the employee, or HR) Ago days ago.
type demoBudget struct {
	Emp   string
	Hours float64
	By    string
	Ago   int
}

// demoAspiration is one employee's ranked aspirations (first choice first).
type demoAspiration struct {
	Emp     string
	Ago     int // days ago they were named
	Choices []demoChoice
}

type demoChoice struct{ Position, Note string }

// demoGoal is a SMART goal. Days are counted back from today (DueIn
// forward). It is agreed by the employee's manager AgreedAgo days ago (0:
// not agreed) and closed ClosedAgo days ago (0: open): ACHIEVED by the
// employee, MISSED and CANCELLED by the manager. By, when set, wrote it
// (someone in the line or HR); otherwise the employee did.
type demoGoal struct {
	Emp                    string
	Title, Measure, Target string
	Status                 string
	CreatedAgo, DueIn      int
	AgreedAgo, ClosedAgo   int
	By                     string
	Competencies           []string
}

// demoCoaching is a 1:1 session held Ago days ago. Coach is the employee's
// manager when empty, otherwise a trainer who owns a course they take.
type demoCoaching struct {
	Emp, Coach       string
	Ago              int
	Notes, FollowUps string
}

// demoPlan is an adopted career path: its courses in order (Prerequisite:
// on the path only because a later course requires it). Hours are the
// catalogue's: none of them is started.
type demoPlan struct {
	Emp, Target string
	Ago         int
	Courses     []demoPlanCourse
}

type demoPlanCourse struct {
	Code         string
	Prerequisite bool
}

// Goal statuses.
const (
	goalDraft      = "DRAFT"
	goalAgreed     = "AGREED"
	goalInProgress = "IN_PROGRESS"
	goalAchieved   = "ACHIEVED"
	goalMissed     = "MISSED"
	goalCancelled  = "CANCELLED"
)

var demoBudgets = []demoBudget{
	{Emp: "CS-1102", Hours: 4, By: "CS-1102", Ago: 30},
	{Emp: "CS-1305", Hours: 5, By: "CS-1305", Ago: 12},
	{Emp: "CS-1106", Hours: 6, By: "CS-1106", Ago: 75},
	// Protected study time agreed in Peng Bo's improvement plan.
	{Emp: "CS-1107", Hours: 5, By: "HR-2001", Ago: 44},
	{Emp: "CS-1304", Hours: 4.5, By: "CS-1304", Ago: 16},
	// A lead with seven agents has little time of her own.
	{Emp: "CS-1101", Hours: 2, By: "CS-1101", Ago: 50},
}

// demoAspirations: agents look to team lead or a side track, leads to
// service manager. Nobody names CX_DIRECTOR.
var demoAspirations = []demoAspiration{
	// Team East.
	{Emp: "CS-1101", Ago: 90, Choices: []demoChoice{
		{"SERVICE_MANAGER", "FLM-201 this quarter, then ready to run a department."},
		{"TRAINING_QUALITY_MANAGER", ""},
	}},
	{Emp: "CS-1102", Ago: 40, Choices: []demoChoice{
		{"TEAM_LEAD", "进入主管后备名单，目标两年内带团队。"},
		{"TRAINER", "也很喜欢带新人。"},
	}},
	{Emp: "CS-1103", Ago: 120, Choices: []demoChoice{{"TEAM_LEAD", ""}, {"QA_SPECIALIST", ""}}},
	{Emp: "CS-1104", Ago: 60, Choices: []demoChoice{{"TEAM_LEAD", ""}}},
	{Emp: "CS-1105", Ago: 35, Choices: []demoChoice{
		{"DATA_ANALYST", "I enjoy building the weekly ticket-trend sheet."},
		{"CX_SPECIALIST", ""},
	}},
	{Emp: "CS-1106", Ago: 200, Choices: []demoChoice{
		{"TEAM_LEAD", "Ready when a lead seat opens; happy to move to Team West."},
		{"TRAINER", ""},
	}},
	{Emp: "CS-1107", Ago: 100, Choices: []demoChoice{{"CX_SPECIALIST", "想转到客户体验方向。"}}},
	{Emp: "CS-1108", Ago: 80, Choices: []demoChoice{{"TRAINER", ""}, {"TEAM_LEAD", ""}}},
	// Team West.
	{Emp: "CS-1201", Ago: 150, Choices: []demoChoice{{"SERVICE_MANAGER", ""}, {"OPERATIONS_MANAGER", ""}}},
	{Emp: "CS-1202", Ago: 70, Choices: []demoChoice{
		{"TEAM_LEAD", ""},
		{"CX_SPECIALIST", "整理 FAQ 模板让我对客户旅程很感兴趣。"},
	}},
	{Emp: "CS-1203", Ago: 30, Choices: []demoChoice{{"DATA_ANALYST", ""}}},
	{Emp: "CS-1204", Ago: 300, Choices: []demoChoice{{"TEAM_LEAD", "经验最丰富，希望尽快带团队。"}}},
	{Emp: "CS-1205", Ago: 45, Choices: []demoChoice{{"QA_SPECIALIST", ""}}},
	{Emp: "CS-1206", Ago: 90, Choices: []demoChoice{
		{"TRAINER", "Product edge cases are what I like explaining."},
		{"DATA_ANALYST", ""},
	}},
	{Emp: "CS-1207", Ago: 20, Choices: []demoChoice{{"TEAM_LEAD", ""}}},
	// Key accounts.
	{Emp: "CS-1301", Ago: 120, Choices: []demoChoice{
		{"SERVICE_MANAGER", "FLM-201 before the year end."},
		{"CX_MANAGER", ""},
	}},
	{Emp: "CS-1302", Ago: 110, Choices: []demoChoice{{"TEAM_LEAD", ""}, {"CX_SPECIALIST", ""}}},
	{Emp: "CS-1303", Ago: 25, Choices: []demoChoice{{"QA_SPECIALIST", ""}, {"TEAM_LEAD", ""}}},
	{Emp: "CS-1304", Ago: 40, Choices: []demoChoice{
		{"TRAINER", "Train-the-trainer booked for next month."},
		{"TEAM_LEAD", ""},
	}},
	{Emp: "CS-1305", Ago: 30, Choices: []demoChoice{
		{"QA_SPECIALIST", "QA-201 is booked: the certification is all that is missing."},
		{"TEAM_LEAD", "The longer-term step: I adopted the team-lead plan."},
	}},
	{Emp: "CS-1306", Ago: 50, Choices: []demoChoice{{"TEAM_LEAD", ""}, {"TRAINER", ""}, {"DATA_ANALYST", ""}}},
}

// demoGoals: two or three for every active agent and lead. Baselines are
// those of the demo KPIs (an agent's CSAT is in the low to mid 80s).
var demoGoals = []demoGoal{
	// Team East.
	{Emp: "CS-1101", Status: goalInProgress, CreatedAgo: 8, AgreedAgo: 7, DueIn: 60,
		Title:   "Bring Team East's complaint rate from 1.8% back to 1.2%",
		Measure: "Monthly complaints per 100 contacts, Team East (KPI report)", Target: "1.2% or lower in the last month of the quarter",
		Competencies: []string{"COMPLAINT_HANDLING", "LEADERSHIP"}},
	{Emp: "CS-1101", Status: goalInProgress, CreatedAgo: 60, AgreedAgo: 58, DueIn: 30,
		Title:   "Hold a monthly 1:1 with every agent, logged in Rungs",
		Measure: "Sessions in the coaching log", Target: "7 of 7 agents every month",
		Competencies: []string{"COACHING"}},
	{Emp: "CS-1101", Status: goalDraft, CreatedAgo: 3, DueIn: 35,
		Title:   "Complete FLM-201 (leading a team to its KPIs)",
		Measure: "Course completion and its assessment", Target: "Completed, assessment passed",
		Competencies: []string{"LEADERSHIP", "DECISION_MAKING"}},
	{Emp: "CS-1102", Status: goalInProgress, CreatedAgo: 40, AgreedAgo: 38, DueIn: 38,
		Title:   "Raise CSAT from 84% to 88% by the end of the quarter",
		Measure: "Monthly CSAT from the post-contact survey", Target: "88%",
		Competencies: []string{"COMMUNICATION", "COMPLAINT_HANDLING"}},
	{Emp: "CS-1102", Status: goalAgreed, CreatedAgo: 12, AgreedAgo: 10, DueIn: 70,
		Title:   "Cut average handle time from 470 s to 410 s",
		Measure: "Monthly AHT in the KPI report", Target: "410 s or less",
		Competencies: []string{"TOOLS_TECHNOLOGY"}},
	{Emp: "CS-1102", Status: goalDraft, CreatedAgo: 2, DueIn: 30,
		Title:   "Finish the CRM course and pass the CS-210 final",
		Measure: "TOOL-101 completion and the CS-210-FINAL result", Target: "Both done",
		Competencies: []string{"TOOLS_TECHNOLOGY", "COMPLAINT_HANDLING", "PROBLEM_SOLVING"}},
	{Emp: "CS-1103", Status: goalAchieved, CreatedAgo: 120, AgreedAgo: 118, DueIn: -28, ClosedAgo: 25,
		Title:   "Lift first-contact resolution from 66% to 70%",
		Measure: "Monthly FCR in the KPI report", Target: "70%",
		Competencies: []string{"PROBLEM_SOLVING"}},
	{Emp: "CS-1103", Status: goalInProgress, CreatedAgo: 15, AgreedAgo: 14, DueIn: 45,
		Title:   "Complete CS-201 and use it on escalated calls",
		Measure: "CS-201 completion and two QA-sampled escalations", Target: "Completed; both calls scored 85 or more",
		Competencies: []string{"COMMUNICATION"}},
	{Emp: "CS-1104", Status: goalAchieved, CreatedAgo: 60, AgreedAgo: 58, DueIn: -10, ClosedAgo: 12,
		Title:   "Follow the call scripts on every sampled call",
		Measure: "QA sampling of openings and closings", Target: "100% over four weeks of samples",
		Competencies: []string{"COMMUNICATION", "QUALITY_ASSURANCE"}},
	{Emp: "CS-1104", Status: goalAgreed, CreatedAgo: 9, AgreedAgo: 6, DueIn: 80,
		Title:   "Raise CSAT from 83% to 86%",
		Measure: "Monthly CSAT", Target: "86%",
		Competencies: []string{"COMMUNICATION"}},
	{Emp: "CS-1105", Status: goalInProgress, CreatedAgo: 35, AgreedAgo: 33, DueIn: 21,
		Title:   "Build the weekly Team East ticket-trend sheet",
		Measure: "Sheet shared every Monday with the top five contact reasons", Target: "Eight weeks running",
		Competencies: []string{"DATA_ANALYSIS", "TOOLS_TECHNOLOGY"}},
	{Emp: "CS-1105", Status: goalDraft, CreatedAgo: 4, DueIn: 60,
		Title:   "Complete DATA-101 (Excel for service data)",
		Measure: "Course completion", Target: "Completed",
		Competencies: []string{"DATA_ANALYSIS"}},
	{Emp: "CS-1106", Status: goalAchieved, CreatedAgo: 200, AgreedAgo: 198, DueIn: -140, ClosedAgo: 150,
		Title:   "Complete the frontline-manager programme (FLM-101)",
		Measure: "Course completion", Target: "Completed",
		Competencies: []string{"LEADERSHIP", "TIME_MANAGEMENT"}},
	{Emp: "CS-1106", Status: goalInProgress, CreatedAgo: 30, AgreedAgo: 28, DueIn: 30,
		Title:   "Mentor two new agents through their first month",
		Measure: "Buddy checklist signed off by the lead; the mentees' QA scores", Target: "Both mentees at 80 or more by week four",
		Competencies: []string{"COACHING", "LEADERSHIP"}},
	{Emp: "CS-1106", Status: goalAgreed, CreatedAgo: 20, AgreedAgo: 18, DueIn: 40,
		Title:   "Finish the coaching circle (FLM-102)",
		Measure: "Course completion signed off by the trainer", Target: "Completed",
		Competencies: []string{"COACHING"}},
	// Peng Bo's improvement plan, written by his lead.
	{Emp: "CS-1107", Status: goalMissed, CreatedAgo: 45, AgreedAgo: 44, DueIn: -3, ClosedAgo: 2, By: "CS-1101",
		Title:   "Pass the PK-101 product final",
		Measure: "PK-101-FINAL result", Target: "Passed (70% or more)",
		Competencies: []string{"PRODUCT_KNOWLEDGE"}},
	{Emp: "CS-1107", Status: goalInProgress, CreatedAgo: 45, AgreedAgo: 44, DueIn: 15, By: "CS-1101",
		Title:   "Bring average handle time under 450 s",
		Measure: "Monthly AHT", Target: "450 s or less",
		Competencies: []string{"TOOLS_TECHNOLOGY"}},
	{Emp: "CS-1107", Status: goalAgreed, CreatedAgo: 2, AgreedAgo: 1, DueIn: 21, By: "CS-1101",
		Title:   "Retake and pass the PK-101 final",
		Measure: "PK-101-FINAL result", Target: "Passed (70% or more)",
		Competencies: []string{"PRODUCT_KNOWLEDGE"}},
	{Emp: "CS-1108", Status: goalCancelled, CreatedAgo: 95, AgreedAgo: 93, DueIn: 5, ClosedAgo: 58,
		Title:   "Complete the resilience coaching circle (EMO-201)",
		Measure: "Course completion", Target: "Completed",
		Competencies: []string{"EMOTIONAL_RESILIENCE"}},
	{Emp: "CS-1108", Status: goalInProgress, CreatedAgo: 50, AgreedAgo: 48, DueIn: 40,
		Title:   "Keep night-shift CSAT at 85% or above",
		Measure: "Monthly CSAT, night shift", Target: "85% or more every month",
		Competencies: []string{"COMMUNICATION", "EMOTIONAL_RESILIENCE"}},
	// Team West.
	{Emp: "CS-1201", Status: goalAchieved, CreatedAgo: 130, AgreedAgo: 128, DueIn: -30, ClosedAgo: 28,
		Title:   "Team West answers 80% of calls within 20 s for the quarter",
		Measure: "Weekly service level from the phone system", Target: "80/20 every week of the quarter",
		Competencies: []string{"TIME_MANAGEMENT", "LEADERSHIP"}},
	{Emp: "CS-1201", Status: goalInProgress, CreatedAgo: 40, AgreedAgo: 38, DueIn: 50,
		Title:   "Base every coaching session on a QA sample",
		Measure: "Coaching log entries that cite a scored call", Target: "All sessions this quarter",
		Competencies: []string{"COACHING", "QUALITY_ASSURANCE"}},
	{Emp: "CS-1202", Status: goalAchieved, CreatedAgo: 80, AgreedAgo: 78, DueIn: -15, ClosedAgo: 20,
		Title:   "Publish 20 FAQ reply templates for Team West",
		Measure: "Templates approved by the lead in the knowledge base", Target: "20 templates",
		Competencies: []string{"COMMUNICATION", "PROCESS_OPTIMISATION"}},
	{Emp: "CS-1202", Status: goalInProgress, CreatedAgo: 25, AgreedAgo: 24, DueIn: 65,
		Title:   "Raise first-contact resolution from 70% to 74%",
		Measure: "Monthly FCR", Target: "74%",
		Competencies: []string{"PROBLEM_SOLVING"}},
	{Emp: "CS-1203", Status: goalAgreed, CreatedAgo: 19, AgreedAgo: 18, DueIn: 14,
		Title:   "Attend the call-scripts workshop and pass its role-play",
		Measure: "CS-102 attendance and the role-play score", Target: "Attended; role-play 80 or more",
		Competencies: []string{"COMMUNICATION"}},
	{Emp: "CS-1203", Status: goalDraft, CreatedAgo: 3, DueIn: 75,
		Title:   "Restart DATA-101 after the peak season",
		Measure: "Course completion", Target: "Completed",
		Competencies: []string{"DATA_ANALYSIS"}},
	{Emp: "CS-1204", Status: goalAchieved, CreatedAgo: 190, AgreedAgo: 188, DueIn: -5, ClosedAgo: 4,
		Title:   "Hold CSAT at 90% or more for two quarters",
		Measure: "Monthly CSAT", Target: "90% every month",
		Competencies: []string{"COMMUNICATION"}},
	{Emp: "CS-1204", Status: goalInProgress, CreatedAgo: 40, AgreedAgo: 39, DueIn: 50,
		Title:   "Run the Team West new-hire buddy programme",
		Measure: "New hires with a buddy and a signed-off first-month checklist", Target: "Every new hire this half-year",
		Competencies: []string{"COACHING", "LEADERSHIP"}},
	{Emp: "CS-1205", Status: goalInProgress, CreatedAgo: 25, AgreedAgo: 24, DueIn: 7, By: "HR-2001",
		Title:   "Renew the data-privacy certification (COMP-101)",
		Measure: "COMP-101 exam result", Target: "Passed; certification valid",
		Competencies: []string{"DECISION_MAKING"}},
	{Emp: "CS-1205", Status: goalDraft, CreatedAgo: 5, DueIn: 60,
		Title:   "Score 85 or more on QA-sampled calls",
		Measure: "Monthly QA score", Target: "85",
		Competencies: []string{"QUALITY_ASSURANCE", "COMMUNICATION"}},
	{Emp: "CS-1206", Status: goalInProgress, CreatedAgo: 30, AgreedAgo: 28, DueIn: 35,
		Title:   "Finish PK-201 and run two product huddles",
		Measure: "PK-201 completion; huddles held for Team West", Target: "Completed; two huddles",
		Competencies: []string{"PRODUCT_KNOWLEDGE", "COACHING"}},
	{Emp: "CS-1206", Status: goalAgreed, CreatedAgo: 5, AgreedAgo: 4, DueIn: 85,
		Title:   "Bring day-shift AHT from 395 s back to 370 s",
		Measure: "Monthly AHT, day shifts only", Target: "370 s or less",
		Competencies: []string{"TOOLS_TECHNOLOGY"}},
	{Emp: "CS-1207", Status: goalAchieved, CreatedAgo: 150, AgreedAgo: 149, DueIn: -100, ClosedAgo: 105,
		Title:   "Handle 40 chats a day on her own after probation",
		Measure: "Daily chats closed without a hand-over", Target: "40 a day for two weeks",
		Competencies: []string{"TOOLS_TECHNOLOGY", "PRODUCT_KNOWLEDGE"}},
	{Emp: "CS-1207", Status: goalInProgress, CreatedAgo: 45, AgreedAgo: 44, DueIn: 15,
		Title:   "Complete the resilience programme (EMO-101)",
		Measure: "Course completion", Target: "Completed",
		Competencies: []string{"EMOTIONAL_RESILIENCE"}},
	// Key accounts.
	{Emp: "CS-1301", Status: goalAchieved, CreatedAgo: 160, AgreedAgo: 158, DueIn: -40, ClosedAgo: 35,
		Title:   "Retain every key account through the price change",
		Measure: "Key accounts renewed after the price change", Target: "All 42 accounts",
		Competencies: []string{"COMPLAINT_HANDLING", "CROSS_DEPARTMENT"}},
	{Emp: "CS-1301", Status: goalAgreed, CreatedAgo: 10, AgreedAgo: 8, DueIn: 38,
		Title:   "Complete FLM-201 before the year end",
		Measure: "Course completion and its assessment", Target: "Completed, assessment passed",
		Competencies: []string{"LEADERSHIP", "DECISION_MAKING"}},
	{Emp: "CS-1302", Status: goalAchieved, CreatedAgo: 180, AgreedAgo: 178, DueIn: -1, ClosedAgo: 3,
		Title:   "Keep key-account CSAT above 95%",
		Measure: "Monthly CSAT, key accounts", Target: "Above 95% for six months",
		Competencies: []string{"COMMUNICATION", "COMPLAINT_HANDLING"}},
	{Emp: "CS-1302", Status: goalInProgress, CreatedAgo: 28, AgreedAgo: 27, DueIn: 60,
		Title:   "Lead the Friday escalation review for the key-account team",
		Measure: "Reviews held, with actions logged", Target: "Every Friday this quarter",
		Competencies: []string{"LEADERSHIP", "DECISION_MAKING"}},
	{Emp: "CS-1302", Status: goalAgreed, CreatedAgo: 14, AgreedAgo: 12, DueIn: 40,
		Title:   "Complete CS-201 advanced communication",
		Measure: "Course completion", Target: "Completed",
		Competencies: []string{"COMMUNICATION"}},
	{Emp: "CS-1303", Status: goalInProgress, CreatedAgo: 14, AgreedAgo: 12, DueIn: 30,
		Title:   "Complete QA-101 and self-review ten calls a week",
		Measure: "QA-101 completion; self-reviews in the QA sheet", Target: "Completed; ten a week",
		Competencies: []string{"QUALITY_ASSURANCE"}},
	{Emp: "CS-1303", Status: goalDraft, CreatedAgo: 3, DueIn: 90,
		Title:   "Raise key-account CSAT from 83% to 87%",
		Measure: "Monthly CSAT", Target: "87%",
		Competencies: []string{"COMMUNICATION", "COMPLAINT_HANDLING"}},
	{Emp: "CS-1304", Status: goalAchieved, CreatedAgo: 110, AgreedAgo: 108, DueIn: -20, ClosedAgo: 18,
		Title:   "Cut her complaint rate from 1.9% to 1.4%",
		Measure: "Monthly complaints per 100 contacts", Target: "1.4% or lower",
		Competencies: []string{"COMPLAINT_HANDLING"}},
	{Emp: "CS-1304", Status: goalInProgress, CreatedAgo: 20, AgreedAgo: 18, DueIn: 45,
		Title:   "Prepare a 30-minute product micro-lesson for new hires",
		Measure: "Lesson reviewed by trainer@ and delivered once", Target: "Delivered to the next intake",
		Competencies: []string{"COACHING", "PRODUCT_KNOWLEDGE", "COMMUNICATION"}},
	{Emp: "CS-1305", Status: goalAgreed, CreatedAgo: 19, AgreedAgo: 17, DueIn: 45,
		Title:   "Pass the QA-201 certification",
		Measure: "QA-201 completion", Target: "Certified",
		Competencies: []string{"QUALITY_ASSURANCE"}},
	{Emp: "CS-1305", Status: goalInProgress, CreatedAgo: 5, AgreedAgo: 4, DueIn: 42,
		Title:   "Complete CS-210 and FLM-101 from the team-lead plan",
		Measure: "Course completions in the plan", Target: "Both completed",
		Competencies: []string{"PROBLEM_SOLVING", "LEADERSHIP"}},
	{Emp: "CS-1306", Status: goalAchieved, CreatedAgo: 100, AgreedAgo: 99, DueIn: -10, ClosedAgo: 12,
		Title:   "Reach a QA score of 85 on sampled calls",
		Measure: "Monthly QA score", Target: "85",
		Competencies: []string{"QUALITY_ASSURANCE", "COMMUNICATION"}},
	{Emp: "CS-1306", Status: goalInProgress, CreatedAgo: 15, AgreedAgo: 14, DueIn: 30,
		Title:   "Finish PK-201 product advanced",
		Measure: "Course completion", Target: "Completed",
		Competencies: []string{"PRODUCT_KNOWLEDGE"}},
}

// demoCoachingLog: monthly 1:1s of the leads with their agents, manager@
// with her leads, and trainer@ with learners on her courses.
var demoCoachingLog = []demoCoaching{
	// lead@ (Li Na) with Team East.
	{Emp: "CS-1102", Ago: 62,
		Notes:     "Reviewed last month's CSAT (84%). Two low scores came from billing disputes where she explained the policy before acknowledging the problem.",
		FollowUps: "Listen to both calls together next week; agree a CSAT goal; join the team-lead talent pool (FLM-101)."},
	{Emp: "CS-1102", Ago: 33,
		Notes:     "CSAT goal agreed and started. Handle time is the slowest in the team: most time is lost searching the CRM.",
		FollowUps: "Finish TOOL-101 (overdue); try the saved-search shortcuts on the next shift."},
	{Emp: "CS-1102", Ago: 6,
		Notes:     "半年绩效沟通：满意度和投诉处理进步明显，已进入主管后备名单。处理时长仍需提升。",
		FollowUps: "确认绩效评分；完成 CS-210 并参加期末测验；每周跟进一次处理时长。"},
	{Emp: "CS-1103", Ago: 48,
		Notes:     "FCR reached 70% this month: the probing questions from CS-102 are paying off.",
		FollowUps: "Close the FCR goal at month end; pick CS-201 for the advanced track."},
	{Emp: "CS-1106", Ago: 70,
		Notes:     "Talked about the team-lead step. She already runs the morning huddle when I am out and new hires go to her first.",
		FollowUps: "Start FLM-102; buddy two new agents next month."},
	{Emp: "CS-1106", Ago: 21,
		Notes:     "Mentoring going well: both mentees above 75 on QA. Discussed how to give feedback without taking over the call.",
		FollowUps: "Sit in on one of her feedback talks; raise her readiness with manager@."},
	{Emp: "CS-1107", Ago: 44,
		Notes:     "Improvement plan agreed: product knowledge and CRM use are below the agent standard. Five protected study hours a week.",
		FollowUps: "PK-101 final within six weeks; AHT under 450 s; weekly check-in."},
	{Emp: "CS-1107", Ago: 16,
		Notes:     "PK-101 at module 1 of 5; little progress on the study hours, mostly lost to overtime.",
		FollowUps: "Block the study hours in the roster; pair with Cao Lin for two shifts."},
	{Emp: "CS-1107", Ago: 2,
		Notes:     "产品期末测验未通过（第一次），目标记为未达成。错题集中在套餐规则和退款流程。",
		FollowUps: "三周内重考；与培训师预约一次答疑；继续每周跟进。"},
	{Emp: "CS-1108", Ago: 58,
		Notes:     "Moving to the night shift from next week. The EMO-201 circle meets in the daytime, so we cancelled that goal.",
		FollowUps: "Set a night-shift CSAT goal instead; check in after her first month on nights."},
	// Zhang Wei with Team West.
	{Emp: "CS-1202", Ago: 12,
		Notes:     "Went through her written replies: QA gave every sampled reply full marks, and her FAQ templates are in use by the whole team.",
		FollowUps: "Raise her half-year rating to 3.5; next goal on first-contact resolution."},
	{Emp: "CS-1203", Ago: 22,
		Notes:     "Missed the scripts workshop because of a shift swap. Booked on the next session.",
		FollowUps: "Attend CS-102 in two weeks; restart DATA-101 after the peak season."},
	{Emp: "CS-1206", Ago: 5,
		Notes:     "He disputes his rating: three weeks covering the night shift pushed his AHT and CSAT down. Agreed to ask HR to review with the shift data.",
		FollowUps: "Send the night-shift rota to hr@; set an AHT goal for day shifts only."},
	{Emp: "CS-1207", Ago: 40,
		Notes:     "新人第一次一对一：压力主要来自投诉电话，已报名情绪管理课程。",
		FollowUps: "两周内完成 EMO-101 前两个模块；遇到升级投诉可直接转给我。"},
	// Liu Yang with the key-account team.
	{Emp: "CS-1302", Ago: 27,
		Notes:     "She will run the Friday escalation review from now on; we agreed what she decides alone and what comes to me.",
		FollowUps: "First review this Friday; CS-201 before the end of next month."},
	{Emp: "CS-1303", Ago: 15,
		Notes:     "Interested in QA. Her self-review of calls is thorough; she should learn the rubric properly.",
		FollowUps: "Finish QA-101; ten self-reviews a week, compared with qa@'s scores."},
	{Emp: "CS-1305", Ago: 6,
		Notes:     "QA-201 is booked, and that is all he lacks for QA specialist. He adopted the team-lead path as his longer-term plan: CS-210 and FLM-101 first.",
		FollowUps: "Keep five study hours a week; check the plan's progress at the next 1:1."},
	// manager@ (Chen Jing) with her leads.
	{Emp: "CS-1101", Coach: "CS-1003", Ago: 35,
		Notes:     "Team East's complaint rate rose last quarter; she already asked trainer@ for a refresher course.",
		FollowUps: "Assign CS-210 to the whole team; a complaint-rate goal for the quarter; start FLM-201."},
	{Emp: "CS-1201", Coach: "CS-1003", Ago: 20,
		Notes:     "Service level on target all quarter. Coaching sessions are still ad hoc.",
		FollowUps: "Base every 1:1 on a QA-sampled call; finish FLM-103."},
	// trainer@ (Huang Li) with learners on her courses.
	{Emp: "CS-1102", Coach: "CS-1402", Ago: 4,
		Notes:     "CS-210: two modules done. Practised the three-step recovery on a refund complaint role-play; strong on empathy, still rushes the resolution.",
		FollowUps: "Finish modules 3–5 before the final test; re-watch the escalation case."},
	{Emp: "CS-1106", Coach: "CS-1402", Ago: 30,
		Notes:     "FLM-102 coaching circle: observed her first feedback conversation with a mentee. Good questions, but she gave the answer too early.",
		FollowUps: "Use the GROW sheet in the next two sessions; bring one recording to the circle."},
	{Emp: "CS-1304", Coach: "CS-1402", Ago: 14,
		Notes:     "Preparation for train-the-trainer: went through her product micro-lesson outline.",
		FollowUps: "Cut the lesson to 30 minutes; add one practice exercise; dry run with me before TTT-301."},
}

// demoPlans: Du Kai's team-lead path. The courses close every competency
// gap and the course requirement he has toward TEAM_LEAD (see the story).
var demoPlans = []demoPlan{
	{Emp: "CS-1305", Target: "TEAM_LEAD", Ago: 5, Courses: []demoPlanCourse{
		{Code: "CS-110", Prerequisite: true},
		{Code: "CS-210"},
		{Code: "EMO-201"},
		{Code: "FLM-101"},
	}},
}

// developmentCounts is what seedDevelopment added.
type developmentCounts struct {
	Budgets, Aspirations, Goals, Coaching, Plans, PlanEnrollments int
}

// seedDevelopment writes the development content after everything else:
// coaching by trainers and the plan's enrolments read the enrolments, and
// goals name competencies of the published framework.
func seedDevelopment(ctx context.Context, tx *sqlx.Tx, today time.Time) (developmentCounts, error) {
	var n developmentCounts
	var err error
	if n.Budgets, err = insertStudyBudgets(ctx, tx, today); err != nil {
		return n, err
	}
	if n.Aspirations, err = insertAspirations(ctx, tx, today); err != nil {
		return n, err
	}
	if n.Goals, err = insertGoals(ctx, tx, today); err != nil {
		return n, err
	}
	if n.Coaching, err = insertCoaching(ctx, tx, today); err != nil {
		return n, err
	}
	for _, p := range demoPlans {
		plans, enrolled, err := insertPlan(ctx, tx, today, p)
		if err != nil {
			return n, err
		}
		n.Plans += plans
		n.PlanEnrollments += enrolled
	}
	return n, nil
}

// insertStudyBudgets sets the demo budgets of those who have none: a
// budget someone set in the product stays theirs.
func insertStudyBudgets(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, error) {
	var emp, by []string
	var hours []float64
	var when []time.Time
	for _, b := range demoBudgets {
		emp, by, hours, when = append(emp, b.Emp), append(by, b.By), append(hours, b.Hours), append(when, at(today, b.Ago, 4))
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO study_budgets (employee_id, weekly_hours, updated_by, updated_at)
		SELECT e.id, d.hours, u.id, d.at
		FROM unnest($1::text[], $2::numeric[], $3::text[], $4::timestamptz[]) AS d (emp, hours, writer, at)
		JOIN employees e ON e.employee_no = d.emp AND e.status <> 'OFFBOARDED'
		JOIN employees u ON u.employee_no = d.writer
		ON CONFLICT (employee_id) DO NOTHING`,
		pq.Array(emp), pq.Array(hours), pq.Array(by), pq.Array(when))
	if err != nil {
		return 0, fmt.Errorf("study budgets: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// insertAspirations names the demo aspirations of active employees who
// have none. A choice that is their current position (they moved since)
// or an archived position is left out, and the rest are ranked 1.. again,
// as development.SetAspirations would store them.
func insertAspirations(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, error) {
	var emp, pos, note []string
	var rank []int
	var when []time.Time
	for _, a := range demoAspirations {
		for i, c := range a.Choices {
			emp, pos, note, rank = append(emp, a.Emp), append(pos, c.Position), append(note, c.Note), append(rank, i+1)
			when = append(when, at(today, a.Ago, 5))
		}
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO aspirations (employee_id, position_id, rank, note, created_at)
		SELECT e.id, p.id, row_number() OVER (PARTITION BY e.id ORDER BY d.rank), d.note, d.at
		FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::timestamptz[]) AS d (emp, pos, rank, note, at)
		JOIN employees e ON e.employee_no = d.emp AND e.status = 'ACTIVE'
		JOIN positions p ON p.code = d.pos AND p.archived_at IS NULL AND p.id <> e.position_id
		WHERE d.rank <= 3 AND NOT EXISTS (SELECT 1 FROM aspirations a WHERE a.employee_id = e.id)`,
		pq.Array(emp), pq.Array(pos), pq.Array(rank), pq.Array(note), pq.Array(when))
	if err != nil {
		return 0, fmt.Errorf("aspirations: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// insertGoals writes the demo goals of active employees who have none,
// with their competencies. The agreeing manager is the employee's manager
// today (someone above them in the line, never themself); ACHIEVED is
// closed by the employee, MISSED and CANCELLED by the manager, as
// development.SetGoalStatus allows. A goal whose writer is no longer in
// the employee's line (nor HR) is left out.
func insertGoals(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, error) {
	var emp, title, measure, target, status, by []string
	var due []time.Time
	var created, agreed, closed, updated []string
	var cgoal []int
	var ccomp []string
	for i, g := range demoGoals {
		c := at(today, g.CreatedAgo, 2)
		emp, title, measure, target, status = append(emp, g.Emp), append(title, g.Title), append(measure, g.Measure), append(target, g.Target), append(status, g.Status)
		w := g.By
		if w == "" {
			w = g.Emp
		}
		by, due, created = append(by, w), append(due, today.AddDate(0, 0, g.DueIn)), append(created, ts(c))
		last := c
		var a, z time.Time
		if g.AgreedAgo > 0 {
			a = at(today, g.AgreedAgo, 6)
			last = a
		}
		if g.ClosedAgo > 0 {
			z = at(today, g.ClosedAgo, 8)
			last = z
		}
		agreed, closed, updated = append(agreed, ts(a)), append(closed, ts(z)), append(updated, ts(last))
		for _, k := range g.Competencies {
			cgoal, ccomp = append(cgoal, i+1), append(ccomp, k)
		}
	}
	var n int
	err := tx.GetContext(ctx, &n, `
		WITH d AS (
			SELECT d.*, e.id AS employee_id, e.manager_id, w.id AS writer_id
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
			            $8::text[], $9::text[], $10::text[], $11::text[])
			     WITH ORDINALITY AS d (emp, title, measure, target, status, writer, due, created, agreed, closed, updated, n)
			JOIN employees e ON e.employee_no = d.emp AND e.status = 'ACTIVE' AND e.manager_id IS NOT NULL
			JOIN employees w ON w.employee_no = d.writer
			WHERE NOT EXISTS (SELECT 1 FROM goals g WHERE g.employee_id = e.id)
			  AND (w.id = e.id OR `+people.ManagesSQL("w.id", "e.id")+`
			       OR EXISTS (SELECT 1 FROM user_roles r WHERE r.employee_id = w.id AND r.role IN ('HR', 'ADMIN')))
		), g AS (
			INSERT INTO goals (employee_id, title, measure, target, due_on, status, agreed_by, agreed_at,
			                   closed_by, closed_at, created_by, created_at, updated_at)
			SELECT d.employee_id, d.title, d.measure, d.target, d.due, d.status,
			       CASE WHEN d.agreed <> '' THEN d.manager_id END, NULLIF(d.agreed, '')::timestamptz,
			       CASE WHEN d.closed = '' THEN NULL WHEN d.status = 'ACHIEVED' THEN d.employee_id ELSE d.manager_id END,
			       NULLIF(d.closed, '')::timestamptz,
			       d.writer_id, d.created::timestamptz, d.updated::timestamptz
			FROM d ORDER BY d.n
			RETURNING id, employee_id, title
		), c AS (
			INSERT INTO goal_competencies (goal_id, competency_id)
			SELECT g.id, k.id
			FROM g JOIN d ON d.employee_id = g.employee_id AND d.title = g.title
			JOIN unnest($12::int[], $13::text[]) AS x (n, comp) ON x.n = d.n
			JOIN competencies k ON k.code = x.comp
		)
		SELECT count(*) FROM g`,
		pq.Array(emp), pq.Array(title), pq.Array(measure), pq.Array(target), pq.Array(status), pq.Array(by), pq.Array(due),
		pq.Array(created), pq.Array(agreed), pq.Array(closed), pq.Array(updated), pq.Array(cgoal), pq.Array(ccomp))
	if err != nil {
		return 0, fmt.Errorf("goals: %w", err)
	}
	return n, nil
}

// insertCoaching writes the coaching log of active employees who have
// none. The coach must be above them in the line, or a trainer of theirs
// (people.TrainerOfSQL: their training scope holds the employee, who is
// enrolled in a course the coach owns), and the session after they joined:
// the rules development.LogCoaching keeps.
func insertCoaching(ctx context.Context, tx *sqlx.Tx, today time.Time) (int, error) {
	var emp, coach, notes, follow []string
	var held []time.Time
	for _, c := range demoCoachingLog {
		emp, coach, notes, follow = append(emp, c.Emp), append(coach, c.Coach), append(notes, c.Notes), append(follow, c.FollowUps)
		held = append(held, today.AddDate(0, 0, -c.Ago))
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO coaching_sessions (employee_id, coach_id, held_on, notes, follow_ups, created_at)
		SELECT e.id, k.id, d.held, d.notes, d.follow, (d.held + interval '9 hours') AT TIME ZONE 'UTC'
		FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[]) WITH ORDINALITY
		     AS d (emp, coach, held, notes, follow, n)
		JOIN employees e ON e.employee_no = d.emp AND e.status = 'ACTIVE'
		JOIN employees k ON k.id = CASE WHEN d.coach = '' THEN e.manager_id
		                                ELSE (SELECT id FROM employees WHERE employee_no = d.coach) END
		WHERE d.held >= e.hire_date AND k.id <> e.id
		  AND NOT EXISTS (SELECT 1 FROM coaching_sessions s WHERE s.employee_id = e.id)
		  AND (`+people.ManagesSQL("k.id", "e.id")+` OR `+people.TrainerOfSQL("k.id", "e.id")+`)
		ORDER BY d.n`,
		pq.Array(emp), pq.Array(coach), pq.Array(held), pq.Array(notes), pq.Array(follow))
	if err != nil {
		return 0, fmt.Errorf("coaching: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// insertPlan adopts a demo plan for an active employee who never had one,
// as development.AdoptPlan stores it: the plan with its total hours (the
// courses' hours, none started), the weekly budget of the day and the
// finish date it gives, its courses in order, and an ASSIGNED self-
// enrolment (with its event) in every course of the plan they are not
// enrolled in yet, due on the finish date. Every course must be published,
// or no plan is written.
func insertPlan(ctx context.Context, tx *sqlx.Tx, today time.Time, p demoPlan) (plans, enrolled int, err error) {
	var codes []string
	var prereq []bool
	for _, c := range p.Courses {
		codes, prereq = append(codes, c.Code), append(prereq, c.Prerequisite)
	}
	var out struct {
		Plans    int `db:"plans"`
		Enrolled int `db:"enrolled"`
	}
	err = tx.GetContext(ctx, &out, `
		WITH c AS (
			SELECT c.id, c.estimated_hours AS hours, d.prereq, d.n
			FROM unnest($3::text[], $4::bool[]) WITH ORDINALITY AS d (code, prereq, n)
			JOIN courses c ON c.code = d.code AND c.status = 'PUBLISHED'
		), e AS (
			SELECT e.id, coalesce(b.weekly_hours, 3) AS weekly, (SELECT sum(hours) FROM c) AS total
			FROM employees e LEFT JOIN study_budgets b ON b.employee_id = e.id
			WHERE e.employee_no = $1 AND e.status = 'ACTIVE'
			  AND NOT EXISTS (SELECT 1 FROM development_plans x WHERE x.employee_id = e.id)
			  AND (SELECT count(*) FROM c) = cardinality($3::text[])
		), plan AS (
			INSERT INTO development_plans (employee_id, target_position_id, adopted_at, adopted_by, total_hours,
			                               weekly_hours, finish_on)
			SELECT e.id, t.id, $5::timestamptz, e.id, e.total, e.weekly,
			       ($5::timestamptz AT TIME ZONE 'UTC')::date + 7 * ceil(e.total / e.weekly)::int
			FROM e JOIN positions t ON t.code = $2 AND t.archived_at IS NULL
			RETURNING id, employee_id, finish_on
		), pc AS (
			INSERT INTO plan_courses (plan_id, course_id, position, hours, prerequisite)
			SELECT plan.id, c.id, c.n, c.hours, c.prereq FROM plan, c
		), ins AS (
			INSERT INTO enrollments (employee_id, course_id, status, due_on, created_at, updated_at)
			SELECT plan.employee_id, c.id, 'ASSIGNED', plan.finish_on, $5::timestamptz, $5::timestamptz
			FROM plan, c
			WHERE NOT EXISTS (SELECT 1 FROM enrollments x WHERE x.employee_id = plan.employee_id AND x.course_id = c.id)
			RETURNING id, employee_id, cycle
		), ev AS (
			INSERT INTO enrollment_events (enrollment_id, cycle, from_status, to_status, actor_id, note, at)
			SELECT id, cycle, NULL, 'ASSIGNED', employee_id, 'adopted plan', $5::timestamptz FROM ins
		)
		SELECT (SELECT count(*) FROM plan) AS plans, (SELECT count(*) FROM ins) AS enrolled`,
		p.Emp, p.Target, pq.Array(codes), pq.Array(prereq), at(today, p.Ago, 3))
	if err != nil {
		return 0, 0, fmt.Errorf("plan of %s: %w", p.Emp, err)
	}
	return out.Plans, out.Enrolled, nil
}
