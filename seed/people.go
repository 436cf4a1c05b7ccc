package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/rungs/rungs/auth"
)

type team struct{ Code, NameEN, NameZH, DescEN, DescZH string }

var teams = []team{
	{"LEADERSHIP", "Service leadership", "客服管理层", "Directors and managers of the service organisation.", "客服组织的总监与经理。"},
	{"CS-EAST", "Service team East", "华东客服组", "Phone and chat support for East China customers.", "为华东地区客户提供电话与在线支持。"},
	{"CS-WEST", "Service team West", "华西客服组", "Phone and chat support for West China customers.", "为华西地区客户提供电话与在线支持。"},
	{"CS-VIP", "Key-account team", "VIP 客户组", "Dedicated service for key accounts and escalated complaints.", "为重点客户与升级投诉提供专属服务。"},
	{"TRAINING-QA", "Training & quality", "培训与质检组", "Trains agents and samples service quality.", "负责客服培训与服务质量抽检。"},
	{"CX-DATA", "CX & analytics", "客户体验与数据组", "Customer-experience programmes and service analytics.", "客户体验项目与客服数据分析。"},
	{"PEOPLE-IT", "People & systems", "人力与系统组", "HR business partners and system administrators.", "人力资源业务伙伴与系统管理员。"},
}

// demoAnchor is the day the demo's calendar dates are written against. The
// seed moves every one of them by the days between demoAnchor and the day of
// the load, so tenures, months in position and the spacing of the story stay
// what they were written as on any day: the demo never ages, and a test run
// with the clock shifted sees the same organisation.
var demoAnchor = time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)

// demoDay moves a date written in the demo's tables (YYYY-MM-DD, against
// demoAnchor) to the same distance from today; "" stays "".
func demoDay(today time.Time, written string) string {
	if written == "" {
		return ""
	}
	return demoTime(today, written).Format(time.DateOnly)
}

// demoTime is demoDay as a time at midnight UTC.
func demoTime(today time.Time, written string) time.Time {
	d, err := time.Parse(time.DateOnly, written)
	if err != nil {
		panic(fmt.Sprintf("seed: demo date %q: %v", written, err)) // the tables are ours: a typo is a bug
	}
	return today.Add(d.Sub(demoAnchor))
}

// demoEmployee is one person of the demo company. Manager is an employee
// number; Login, when set, is printed as a demo sign-in.
type demoEmployee struct {
	No, NameEN, NameZH, Email, Team, Manager, Position string
	Hired, InPosition                                  string
	Roles                                              []auth.Role
	Offboarded                                         string
}

const (
	roleT = auth.RoleTrainer
	roleM = auth.RoleManager
	roleH = auth.RoleHR
	roleA = auth.RoleAdmin
)

// The demo company: a CX director over a senior manager, two service
// managers, three team leads with their agents, a training & quality group,
// CX and data specialists, operations, HR and IT. About forty people, every
// level of the management track filled.
var employees = []demoEmployee{
	{"CS-1001", "Zhou Min", "周敏", "director@rungs.demo", "LEADERSHIP", "", "CX_DIRECTOR", "2014-03-03", "2021-01-04", []auth.Role{roleM}, ""},
	{"CS-1002", "Lin Hao", "林浩", "senior.manager@rungs.demo", "LEADERSHIP", "CS-1001", "SENIOR_SERVICE_MANAGER", "2015-07-01", "2022-04-01", []auth.Role{roleM}, ""},
	{"CS-1003", "Chen Jing", "陈静", "manager@rungs.demo", "LEADERSHIP", "CS-1002", "SERVICE_MANAGER", "2017-02-13", "2023-03-01", []auth.Role{roleM}, ""},
	{"CS-1004", "Wang Lei", "王磊", "wang.lei@rungs.demo", "LEADERSHIP", "CS-1002", "SERVICE_MANAGER", "2016-09-05", "2022-09-01", []auth.Role{roleM}, ""},
	{"CS-1005", "He Jun", "何军", "he.jun@rungs.demo", "LEADERSHIP", "CS-1001", "OPERATIONS_MANAGER", "2016-04-18", "2023-07-01", []auth.Role{roleM}, ""},
	// Team East
	{"CS-1101", "Li Na", "李娜", "lead@rungs.demo", "CS-EAST", "CS-1003", "TEAM_LEAD", "2019-05-06", "2023-10-09", []auth.Role{roleM}, ""},
	{"CS-1102", "Wu Xiaoling", "吴晓玲", "agent@rungs.demo", "CS-EAST", "CS-1101", "AGENT", "2023-03-20", "2023-03-20", nil, ""},
	{"CS-1103", "Deng Chao", "邓超", "deng.chao@rungs.demo", "CS-EAST", "CS-1101", "AGENT", "2021-08-02", "2021-08-02", nil, ""},
	{"CS-1104", "Feng Yu", "冯雨", "feng.yu@rungs.demo", "CS-EAST", "CS-1101", "AGENT", "2022-01-10", "2022-01-10", nil, ""},
	{"CS-1105", "Tang Wen", "唐雯", "tang.wen@rungs.demo", "CS-EAST", "CS-1101", "AGENT", "2024-06-03", "2024-06-03", nil, ""},
	{"CS-1106", "Cao Lin", "曹琳", "cao.lin@rungs.demo", "CS-EAST", "CS-1101", "AGENT", "2020-11-16", "2020-11-16", nil, ""},
	{"CS-1107", "Peng Bo", "彭博", "peng.bo@rungs.demo", "CS-EAST", "CS-1101", "AGENT", "2025-02-17", "2025-02-17", nil, ""},
	{"CS-1108", "Xie Dan", "谢丹", "xie.dan@rungs.demo", "CS-EAST", "CS-1101", "AGENT", "2022-07-04", "2022-07-04", nil, ""},
	// Team West
	{"CS-1201", "Zhang Wei", "张伟", "zhang.wei@rungs.demo", "CS-WEST", "CS-1003", "TEAM_LEAD", "2018-10-08", "2022-06-01", []auth.Role{roleM}, ""},
	{"CS-1202", "Luo Xin", "罗欣", "luo.xin@rungs.demo", "CS-WEST", "CS-1201", "AGENT", "2021-04-12", "2021-04-12", nil, ""},
	{"CS-1203", "Song Jia", "宋佳", "song.jia@rungs.demo", "CS-WEST", "CS-1201", "AGENT", "2023-09-04", "2023-09-04", nil, ""},
	{"CS-1204", "Yuan Hang", "袁航", "yuan.hang@rungs.demo", "CS-WEST", "CS-1201", "AGENT", "2020-03-02", "2020-03-02", nil, ""},
	{"CS-1205", "Han Xue", "韩雪", "han.xue@rungs.demo", "CS-WEST", "CS-1201", "AGENT", "2024-02-26", "2024-02-26", nil, ""},
	{"CS-1206", "Jiang Tao", "蒋涛", "jiang.tao@rungs.demo", "CS-WEST", "CS-1201", "AGENT", "2022-10-17", "2022-10-17", nil, ""},
	{"CS-1207", "Shen Yue", "沈悦", "shen.yue@rungs.demo", "CS-WEST", "CS-1201", "AGENT", "2025-05-12", "2025-05-12", nil, ""},
	{"CS-1208", "Qian Feng", "钱峰", "qian.feng@rungs.demo", "CS-WEST", "CS-1201", "AGENT", "2019-12-02", "2019-12-02", nil, "2025-08-29"},
	// Key accounts
	{"CS-1301", "Liu Yang", "刘洋", "liu.yang@rungs.demo", "CS-VIP", "CS-1004", "TEAM_LEAD", "2017-06-19", "2021-09-01", []auth.Role{roleM}, ""},
	{"CS-1302", "Yang Fan", "杨帆", "yang.fan@rungs.demo", "CS-VIP", "CS-1301", "AGENT", "2019-03-11", "2019-03-11", nil, ""},
	{"CS-1303", "Zhu Hong", "朱红", "zhu.hong@rungs.demo", "CS-VIP", "CS-1301", "AGENT", "2020-08-24", "2020-08-24", nil, ""},
	{"CS-1304", "Qin Lu", "秦璐", "qin.lu@rungs.demo", "CS-VIP", "CS-1301", "AGENT", "2021-11-29", "2021-11-29", nil, ""},
	{"CS-1305", "Du Kai", "杜凯", "du.kai@rungs.demo", "CS-VIP", "CS-1301", "AGENT", "2018-05-14", "2018-05-14", nil, ""},
	{"CS-1306", "Xia Qing", "夏青", "xia.qing@rungs.demo", "CS-VIP", "CS-1301", "AGENT", "2024-09-09", "2024-09-09", nil, ""},
	// Training & quality
	{"CS-1401", "Sun Qiang", "孙强", "sun.qiang@rungs.demo", "TRAINING-QA", "CS-1002", "TRAINING_QUALITY_MANAGER", "2016-01-11", "2022-01-03", []auth.Role{roleT, roleM}, ""},
	{"CS-1402", "Huang Li", "黄丽", "trainer@rungs.demo", "TRAINING-QA", "CS-1401", "TRAINER", "2018-04-16", "2021-05-10", []auth.Role{roleT}, ""},
	{"CS-1403", "Zhao Fang", "赵芳", "qa@rungs.demo", "TRAINING-QA", "CS-1401", "QA_SPECIALIST", "2019-09-23", "2022-03-14", []auth.Role{roleT}, ""},
	{"CS-1404", "Lu Ming", "陆明", "lu.ming@rungs.demo", "TRAINING-QA", "CS-1401", "TRAINER", "2020-06-15", "2023-02-06", []auth.Role{roleT}, ""},
	// CX & data
	{"CS-1501", "Guo Jing", "郭静", "guo.jing@rungs.demo", "CX-DATA", "CS-1005", "CX_MANAGER", "2017-08-07", "2023-04-03", []auth.Role{roleM}, ""},
	{"CS-1502", "Xu Tao", "徐涛", "xu.tao@rungs.demo", "CX-DATA", "CS-1501", "DATA_ANALYST", "2021-03-15", "2022-08-01", nil, ""},
	{"CS-1503", "Ye Qing", "叶青", "ye.qing@rungs.demo", "CX-DATA", "CS-1501", "CX_SPECIALIST", "2020-10-12", "2023-06-05", nil, ""},
	{"CS-1504", "Pan Rui", "潘睿", "pan.rui@rungs.demo", "CX-DATA", "CS-1501", "DATA_ANALYTICS_MANAGER", "2016-11-21", "2024-01-08", nil, ""},
	// People & systems
	{"HR-2001", "Gao Hui", "高慧", "hr@rungs.demo", "PEOPLE-IT", "CS-1001", "HR_BUSINESS_PARTNER", "2015-05-04", "2020-07-01", []auth.Role{roleH}, ""},
	{"HR-2002", "Fang Yi", "方怡", "hr2@rungs.demo", "PEOPLE-IT", "HR-2001", "HR_BUSINESS_PARTNER", "2018-02-05", "2022-11-07", []auth.Role{roleH}, ""},
	{"IT-3001", "Kong Wei", "孔伟", "admin@rungs.demo", "PEOPLE-IT", "CS-1001", "SYSTEM_ADMIN", "2016-06-06", "2019-01-07", []auth.Role{roleA}, ""},
}

// DemoLogins are the sign-ins printed in the README and on first start;
// every demo employee can sign in with DemoPassword, these are the ones each
// journey starts from.
var DemoLogins = []Login{
	{"agent@rungs.demo", "agent (Team East)"},
	{"lead@rungs.demo", "team lead with agents reporting to her"},
	{"manager@rungs.demo", "service manager"},
	{"trainer@rungs.demo", "trainer"},
	{"qa@rungs.demo", "QA specialist (TRAINER role)"},
	{"hr@rungs.demo", "HR"},
	{"hr2@rungs.demo", "second HR user"},
	{"admin@rungs.demo", "admin"},
}

func upsertTeams(ctx context.Context, tx *sqlx.Tx) (int, error) {
	var codes, en, zh, den, dzh []string
	for _, t := range teams {
		codes, en, zh, den, dzh = append(codes, t.Code), append(en, t.NameEN), append(zh, t.NameZH), append(den, t.DescEN), append(dzh, t.DescZH)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO teams (code, name_en, name_zh, description_en, description_zh)
		SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
		ON CONFLICT (code) DO UPDATE SET name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh,
			description_en = EXCLUDED.description_en, description_zh = EXCLUDED.description_zh, updated_at = now()`,
		pq.Array(codes), pq.Array(en), pq.Array(zh), pq.Array(den), pq.Array(dzh))
	if err != nil {
		return 0, fmt.Errorf("teams: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// upsertEmployees writes the demo people set-based: employees first, then
// their managers (a manager must exist before anyone reports to them), then
// a HIRE (and, for leavers, an OFFBOARD) event where none exists, then
// sign-ins and roles. Passwords already changed are left alone.
func upsertEmployees(ctx context.Context, tx *sqlx.Tx, passwordHash string, today time.Time) (int, error) {
	var no, en, zh, email, team, mgr, pos, hired, since, off []string
	var roleEmp, roleName []string
	for _, e := range employees {
		no, en, zh, email = append(no, e.No), append(en, e.NameEN), append(zh, e.NameZH), append(email, e.Email)
		team, mgr, pos = append(team, e.Team), append(mgr, e.Manager), append(pos, e.Position)
		hired, since, off = append(hired, demoDay(today, e.Hired)), append(since, demoDay(today, e.InPosition)), append(off, demoDay(today, e.Offboarded))
		for _, r := range append([]auth.Role{auth.RoleEmployee}, e.Roles...) {
			roleEmp, roleName = append(roleEmp, e.No), append(roleName, string(r))
		}
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO employees (employee_no, name_en, name_zh, email, team_id, position_id, hire_date, position_since, status, offboarded_on)
		SELECT d.no, d.en, d.zh, d.email, t.id, p.id, d.hired::date, d.since::date,
		       CASE WHEN d.off = '' THEN 'ACTIVE' ELSE 'OFFBOARDED' END, NULLIF(d.off, '')::date
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
		     AS d (no, en, zh, email, team, pos, hired, since, off)
		JOIN teams t ON t.code = d.team
		JOIN positions p ON p.code = d.pos
		ON CONFLICT (employee_no) DO UPDATE SET
			name_en = EXCLUDED.name_en, name_zh = EXCLUDED.name_zh, email = EXCLUDED.email,
			team_id = EXCLUDED.team_id, position_id = EXCLUDED.position_id, hire_date = EXCLUDED.hire_date,
			position_since = EXCLUDED.position_since, status = EXCLUDED.status,
			offboarded_on = EXCLUDED.offboarded_on, updated_at = now()`,
		pq.Array(no), pq.Array(en), pq.Array(zh), pq.Array(email), pq.Array(team), pq.Array(pos),
		pq.Array(hired), pq.Array(since), pq.Array(off))
	if err != nil {
		return 0, fmt.Errorf("employees: %w", err)
	}
	if n, _ := res.RowsAffected(); int(n) != len(employees) {
		return 0, fmt.Errorf("employees: wrote %d of %d (unknown team or position code?)", n, len(employees))
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE employees e SET manager_id = m.id
		FROM unnest($1::text[], $2::text[]) AS d (no, mgr)
		LEFT JOIN employees m ON m.employee_no = d.mgr
		WHERE e.employee_no = d.no AND e.manager_id IS DISTINCT FROM m.id`,
		pq.Array(no), pq.Array(mgr)); err != nil {
		return 0, fmt.Errorf("managers: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO employee_events (employee_id, kind, effective_on, to_team_id, to_manager_id, to_position_id, reason)
		SELECT e.id, 'HIRE', e.hire_date, e.team_id, e.manager_id, e.position_id, 'Demo data'
		FROM employees e JOIN unnest($1::text[]) AS d (no) ON d.no = e.employee_no
		WHERE NOT EXISTS (SELECT 1 FROM employee_events v WHERE v.employee_id = e.id AND v.kind = 'HIRE')`,
		pq.Array(no)); err != nil {
		return 0, fmt.Errorf("hire events: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO employee_events (employee_id, kind, effective_on, from_team_id, from_manager_id, from_position_id, reason)
		SELECT e.id, 'OFFBOARD', e.offboarded_on, e.team_id, e.manager_id, e.position_id, 'Left for another company (demo data)'
		FROM employees e JOIN unnest($1::text[]) AS d (no) ON d.no = e.employee_no
		WHERE e.status = 'OFFBOARDED'
		  AND NOT EXISTS (SELECT 1 FROM employee_events v WHERE v.employee_id = e.id AND v.kind = 'OFFBOARD')`,
		pq.Array(no)); err != nil {
		return 0, fmt.Errorf("offboard events: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO users (employee_id, password_hash, disabled)
		SELECT e.id, $2, e.status = 'OFFBOARDED'
		FROM employees e JOIN unnest($1::text[]) AS d (no) ON d.no = e.employee_no
		ON CONFLICT (employee_id) DO UPDATE SET disabled = EXCLUDED.disabled`,
		pq.Array(no), passwordHash); err != nil {
		return 0, fmt.Errorf("users: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO user_roles (employee_id, role)
		SELECT e.id, d.role FROM unnest($1::text[], $2::text[]) AS d (no, role)
		JOIN employees e ON e.employee_no = d.no
		ON CONFLICT DO NOTHING`,
		pq.Array(roleEmp), pq.Array(roleName)); err != nil {
		return 0, fmt.Errorf("roles: %w", err)
	}
	return len(employees), nil
}
