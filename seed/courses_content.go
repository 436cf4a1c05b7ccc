package seed

// The demo course catalogue and what the demo company does with it:
// classroom sessions, assignments, every employee's enrolments, feedback and
// the notifications they were sent. The shapes are in courses.go, which also
// writes them. Dates are days before (or after) the day the seed runs, so the
// demo never ages.
//
// The story it tells (see also demoProfiles in framework_content.go):
//   - agent@ (Wu Xiaoling) has finished her etiquette and complaint basics and
//     this year's data-privacy certification, is two modules into the new
//     complaint course her team was assigned (it takes COMPLAINT_HANDLING from
//     her level 2 to 3), is overdue on the CRM course, and waits on the list
//     of the full frontline-manager session.
//   - lead@ (Li Na) is halfway through "Leading a team to its KPIs", overdue
//     on budgeting, and sees her team's complaint course progress.
//   - trainer@ (Huang Li) owns ten courses, among them the call-scripts
//     workshop whose past session has its attendance recorded, and the
//     difficult-conversations session that is nearly full.
//   - Cao Lin and Yang Fan hold every course and certification a team lead
//     needs (ready); Liu Yang meets service manager's competencies but still
//     has FLM-201 ahead; Du Kai is one certification short of QA specialist.

// Trainers who own the courses (all have the TRAINER role, see people.go).
const (
	ownerHuangLi  = "CS-1402" // trainer@: service skills, complaints, emotions, coaching
	ownerLuMing   = "CS-1404" // product, tools and data
	ownerSunQiang = "CS-1401" // the frontline-manager programme, compliance, management
	ownerZhaoFang = "CS-1403" // qa@: quality
)

// demoCourses is the catalogue: 25 published courses, one draft and one
// archived edition.
var demoCourses = []demoCourse{
	{
		Code: "CS-101", Owner: ownerHuangLi, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 3, Since: 1900,
		TitleEN: "Service etiquette and professional language", TitleZH: "服务礼仪与规范用语",
		SummaryEN: "The standard greeting, hold, transfer and closing on phone and chat, polite service language and the phrases never to use.",
		SummaryZH: "电话与在线服务的标准开场、等待、转接和结束语，礼貌服务用语，以及服务中的禁用语。",
		Modules: []demoModule{
			{"Greeting and closing: the first and last ten seconds", "开场与结束：最初和最后的十秒", 40},
			{"Polite service language and words to avoid", "礼貌用语与服务禁语", 45},
			{"Holding, transferring and calling back", "等待、转接与回拨规范", 40},
			{"Written etiquette in chat and e-mail", "在线与邮件回复的书面礼仪", 45},
			{"Quiz: service etiquette", "测验：服务礼仪", 10},
		},
		Competencies: []demoCourseLink{{"COMMUNICATION", 1, 2}},
	},
	{
		Code: "CS-102", Owner: ownerHuangLi, Format: "CLASSROOM", Status: "PUBLISHED", Hours: 7, Since: 1500,
		TitleEN: "Call scripts in practice", TitleZH: "电话话术实战",
		SummaryEN: "A one-day workshop on the team's call scripts: opening, probing questions, explaining a solution and closing, practised in role-plays scored against the QA checklist.",
		SummaryZH: "为期一天的话术工作坊：开场、探询提问、解释方案与结束语，通过角色扮演练习，并按质检评分表打分。",
		Modules: []demoModule{
			{"Why scripts: consistency without sounding like a robot", "为什么要用话术：统一而不刻板", 60},
			{"Probing questions that pin down the need", "锁定客户需求的探询提问", 90},
			{"Explaining a solution in plain words", "用通俗的话讲清解决方案", 90},
			{"Role-play: ten common calls, scored", "角色扮演：十类常见来电实战评分", 150},
			{"Closing, summarising and the next step", "结束语、总结与后续安排", 30},
		},
		Competencies:  []demoCourseLink{{"COMMUNICATION", 1, 2}, {"PROBLEM_SOLVING", 1, 2}},
		Prerequisites: []demoPrerequisite{{"CS-101", false}},
	},
	{
		Code: "CS-201", Owner: ownerHuangLi, Format: "CLASSROOM", Status: "PUBLISHED", Hours: 7, Since: 900,
		TitleEN: "Difficult conversations", TitleZH: "高难度对话沟通",
		SummaryEN: "For experienced agents: adapting tone to upset, confused or expert customers, saying no without losing the customer, and writing replies that need no follow-up.",
		SummaryZH: "面向资深客服：针对情绪激动、困惑或专业型客户调整语气，在不失去客户的前提下拒绝不合理要求，写出无需追问的书面回复。",
		Modules: []demoModule{
			{"Reading the customer: emotion, knowledge and intent", "识别客户：情绪、认知与意图", 60},
			{"Saying no and offering an alternative", "如何拒绝并给出替代方案", 90},
			{"De-escalation language that works", "有效的降温话术", 90},
			{"Replies that need no follow-up question", "一次讲清、无需追问的书面回复", 60},
			{"Practice lab with recorded calls", "录音案例实战演练", 120},
		},
		Competencies:  []demoCourseLink{{"COMMUNICATION", 2, 3}},
		Prerequisites: []demoPrerequisite{{"CS-102", true}},
	},
	{
		Code: "CS-110", Owner: ownerHuangLi, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 2.5, Since: 1800,
		TitleEN: "Complaint handling essentials", TitleZH: "投诉处理基础",
		SummaryEN: "How to record a complaint completely, acknowledge the customer's frustration, apologise appropriately and settle standard complaints within policy.",
		SummaryZH: "如何完整记录投诉、体谅客户的不满并恰当致歉，在政策范围内处理常规投诉。",
		Modules: []demoModule{
			{"What a complaint really tells us", "投诉背后的客户诉求", 25},
			{"Recording a complaint completely", "完整记录投诉信息", 30},
			{"Acknowledge, apologise, act: three steps", "体谅、致歉、行动：投诉处理三步法", 45},
			{"Goodwill within policy: what you may offer", "政策内的补偿：你可以提供什么", 35},
			{"Quiz and case check", "测验与案例自测", 15},
		},
		Competencies: []demoCourseLink{{"COMPLAINT_HANDLING", 1, 2}},
	},
	{
		Code: "CS-210", Owner: ownerHuangLi, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 5, Since: 120,
		TitleEN: "Complaint handling and service recovery", TitleZH: "投诉处理与服务补救",
		SummaryEN: "Taking over escalated complaints: finding the root cause, agreeing a fair remedy, following up until the customer confirms, and cutting repeat complaints. Built from this year's complaint cases.",
		SummaryZH: "接手升级投诉：找准根本原因、协商合理的补救方案、跟进至客户确认解决，并减少重复投诉。案例取自今年的真实投诉。",
		Modules: []demoModule{
			{"Anatomy of an escalated complaint", "升级投诉的来龙去脉", 45},
			{"Finding the root cause with the customer", "与客户一起找准根本原因", 60},
			{"Agreeing a fair remedy within your authority", "在权限内协商合理的补救方案", 60},
			{"Following up until the customer confirms", "跟进到客户确认问题解决", 45},
			{"Case workshop: five complaints from Team East", "案例研讨：华东组的五个真实投诉", 90},
		},
		Competencies:  []demoCourseLink{{"COMPLAINT_HANDLING", 2, 3}, {"PROBLEM_SOLVING", 2, 3}},
		Prerequisites: []demoPrerequisite{{"CS-110", true}},
	},
	{
		Code: "EMO-101", Owner: ownerHuangLi, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 2.5, Since: 1600,
		TitleEN: "Emotion management and resilience", TitleZH: "情绪管理与压力调适",
		SummaryEN: "Staying polite and steady with angry customers, recovering between contacts, and knowing when to ask for help.",
		SummaryZH: "面对愤怒的客户保持礼貌与平稳，在两次接待之间调整状态，知道何时该寻求帮助。",
		Modules: []demoModule{
			{"What stress does to a service conversation", "压力如何影响服务对话", 30},
			{"Staying steady with an angry customer", "面对愤怒客户时稳住情绪", 40},
			{"Resetting between contacts: breathing and micro-breaks", "接待间隙的调整：呼吸与微休息", 30},
			{"When and how to ask for help", "何时以及如何求助", 25},
			{"Self-check: your stress signals", "自我评估：你的压力信号", 25},
		},
		Competencies: []demoCourseLink{{"EMOTIONAL_RESILIENCE", 1, 2}},
	},
	{
		Code: "EMO-201", Owner: ownerHuangLi, Format: "COACHING", Status: "PUBLISHED", Hours: 6, Since: 700,
		TitleEN: "Resilience coaching circle", TitleZH: "抗压能力辅导小组",
		SummaryEN: "Six one-hour coaching circles over six weeks: replaying hard calls, calming abusive callers instead of reacting, and staying effective through peak hours.",
		SummaryZH: "为期六周、每周一小时的小组辅导：复盘棘手来电，面对恶意来电时安抚客户而不被带动情绪，在高峰时段保持高效。",
		Modules: []demoModule{
			{"Circle 1: replaying the hardest call of the week", "第 1 次：复盘本周最难的一通电话", 60},
			{"Circle 2: triggers and early warning signs", "第 2 次：情绪触发点与预警信号", 60},
			{"Circle 3: calming an abusive caller", "第 3 次：安抚恶意来电的客户", 60},
			{"Circle 4: staying effective through peak hours", "第 4 次：高峰时段保持高效", 60},
			{"Circle 5: recovering after a hard shift", "第 5 次：高强度班次后的恢复", 60},
			{"Circle 6: your personal resilience plan", "第 6 次：制定个人抗压计划", 60},
		},
		Competencies:  []demoCourseLink{{"EMOTIONAL_RESILIENCE", 2, 3}},
		Prerequisites: []demoPrerequisite{{"EMO-101", false}},
	},
	{
		Code: "PK-101", Owner: ownerLuMing, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 6, Since: 1800,
		TitleEN: "Product knowledge foundations", TitleZH: "产品知识基础",
		SummaryEN: "The main product lines, plans and service policies, and where to find every detail in the knowledge base; ends with the product knowledge test.",
		SummaryZH: "主要产品线、套餐与服务政策，以及如何在知识库中查找细节；结业需通过产品知识考试。",
		Modules: []demoModule{
			{"Our product lines at a glance", "产品线概览", 60},
			{"Plans, prices and what each includes", "套餐、价格与权益", 90},
			{"Service policies: returns, warranty and refunds", "服务政策：退换货、保修与退款", 90},
			{"Finding answers in the knowledge base", "在知识库中查找答案", 60},
			{"Product knowledge test", "产品知识考试", 60},
		},
		Competencies: []demoCourseLink{{"PRODUCT_KNOWLEDGE", 1, 2}},
	},
	{
		Code: "PK-201", Owner: ownerLuMing, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 5, Since: 600,
		TitleEN: "Product deep dive: differences, edge cases and releases", TitleZH: "产品进阶：方案差异、特殊情形与版本变更",
		SummaryEN: "Explaining the differences between plans, handling edge cases and recent changes, and recommending the option that fits the customer.",
		SummaryZH: "讲清各方案的差异，处理特殊情形与最新变更，为客户推荐最合适的方案。",
		Modules: []demoModule{
			{"Comparing plans side by side", "方案横向对比", 60},
			{"Edge cases the knowledge base does not cover", "知识库未覆盖的特殊情形", 60},
			{"This quarter's releases and policy changes", "本季度的新品与政策变更", 60},
			{"Recommending the right option", "为客户推荐合适方案", 60},
			{"Case test: twelve customer questions", "案例测试：十二个客户问题", 60},
		},
		Competencies:  []demoCourseLink{{"PRODUCT_KNOWLEDGE", 2, 3}},
		Prerequisites: []demoPrerequisite{{"PK-101", true}},
	},
	{
		Code: "TOOL-101", Owner: ownerLuMing, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 3, Since: 1800,
		TitleEN: "CRM and ticketing essentials", TitleZH: "CRM 与工单系统基础",
		SummaryEN: "Finding the customer record, creating and updating tickets, and handling calls, chats and tickets side by side without slowing the customer down.",
		SummaryZH: "查找客户档案、创建和更新工单，在不拖慢服务节奏的前提下同时处理电话、在线会话与工单。",
		Modules: []demoModule{
			{"The customer record: what is where", "客户档案：信息在哪里", 40},
			{"Creating and updating tickets", "创建与更新工单", 50},
			{"Categories, priorities and service-level deadlines", "工单分类、优先级与服务时限", 40},
			{"Working calls, chats and tickets side by side", "多渠道并行处理", 50},
		},
		Competencies: []demoCourseLink{{"TOOLS_TECHNOLOGY", 1, 2}},
	},
	{
		Code: "TOOL-201", Owner: ownerLuMing, Format: "ON_THE_JOB", Status: "PUBLISHED", Hours: 4, Since: 1200,
		TitleEN: "Knowledge base and reply macros on the job", TitleZH: "知识库与快捷回复实操",
		SummaryEN: "Practised on live queues with a buddy: shortcuts, reply macros and advanced search that cut handle time, and helping colleagues with system questions.",
		SummaryZH: "在真实队列中由带教伙伴陪同练习：用快捷操作、回复模板和高级搜索缩短处理时长，并帮助同事解决系统问题。",
		Modules: []demoModule{
			{"Shortcuts that save a minute a ticket", "每单节省一分钟的快捷操作", 45},
			{"Building and using reply macros", "创建与使用快捷回复模板", 60},
			{"Advanced search in the knowledge base", "知识库高级搜索", 45},
			{"A shift with a buddy: measured handle time", "带教跟班：测量处理时长", 90},
		},
		Competencies:  []demoCourseLink{{"TOOLS_TECHNOLOGY", 2, 3}},
		Prerequisites: []demoPrerequisite{{"TOOL-101", true}},
	},
	{
		// Being written for the chatbot rollout: not open to learners yet.
		Code: "AI-101", Owner: ownerLuMing, Format: "E_LEARNING", Status: "DRAFT", Hours: 2, Since: 10,
		TitleEN: "Working with the chat AI assistant", TitleZH: "在线客服 AI 助手使用",
		SummaryEN: "Draft for the chatbot rollout: when the assistant answers, when it hands over, and how to correct its suggested replies.",
		SummaryZH: "智能客服上线配套课程（草稿）：助手何时自动应答、何时转人工，以及如何修正它给出的建议回复。",
		Modules: []demoModule{
			{"What the assistant can and cannot do", "AI 助手能做什么、不能做什么", 30},
			{"Hand-over from bot to agent", "机器人转人工的交接", 30},
			{"Checking and correcting suggested replies", "检查与修正建议回复", 40},
			{"Reporting wrong answers", "反馈错误答案", 20},
		},
		Competencies:  []demoCourseLink{{"TOOLS_TECHNOLOGY", 2, 3}},
		Prerequisites: []demoPrerequisite{{"TOOL-101", false}},
	},
	{
		Code: "COMP-101", Owner: ownerSunQiang, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 2, Since: 450,
		Certification: true, ValidityMonths: 12,
		TitleEN: "Data privacy and compliance certification", TitleZH: "数据隐私与合规认证",
		SummaryEN: "The yearly certification for everyone who handles customer data: identity checks, what may be disclosed to whom, recording consent, and reporting a data incident. Valid for twelve months.",
		SummaryZH: "所有接触客户数据的员工每年必须完成的认证：身份核验、哪些信息可以透露给谁、记录客户授权，以及数据安全事件的上报。有效期十二个月。",
		Modules: []demoModule{
			{"Personal information and the law", "个人信息保护法规要点", 30},
			{"Verifying identity before disclosing anything", "透露信息前的身份核验", 25},
			{"Consent, recordings and retention", "客户授权、录音与数据保存期限", 25},
			{"Spotting and reporting a data incident", "识别并上报数据安全事件", 20},
			{"Certification exam", "认证考试", 20},
		},
		Competencies: []demoCourseLink{{"DECISION_MAKING", 1, 2}},
	},
	{
		Code: "QA-101", Owner: ownerZhaoFang, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 2, Since: 1500,
		TitleEN: "Quality standards: reviewing your own calls", TitleZH: "质检标准与通话自查",
		SummaryEN: "The quality checklist item by item, with scored example calls, so agents can review their own calls and chats against it.",
		SummaryZH: "逐项讲解质检评分表，配合已评分的示例录音，帮助客服对照标准自查通话与在线记录。",
		Modules: []demoModule{
			{"The quality checklist item by item", "质检评分表逐项解读", 40},
			{"Listening to scored example calls", "收听已评分的示例录音", 40},
			{"Reviewing your own call: a guided exercise", "自查通话：引导练习", 40},
		},
		Competencies: []demoCourseLink{{"QUALITY_ASSURANCE", 1, 2}},
	},
	{
		Code: "QA-201", Owner: ownerZhaoFang, Format: "CLASSROOM", Status: "PUBLISHED", Hours: 8, Since: 1000,
		Certification: true, ValidityMonths: 24,
		TitleEN: "QA sampling and calibration certification", TitleZH: "质检抽样与评分校准认证",
		SummaryEN: "Certifies reviewers: building a sampling plan, scoring calls and chats consistently with the rubric, running calibration sessions with other reviewers and following failed items to correction. Valid for two years.",
		SummaryZH: "质检员资格认证：制定抽检计划，按评分标准一致地为通话和在线记录打分，与其他质检员开展校准会，并跟进不合格项直至整改。有效期两年。",
		Modules: []demoModule{
			{"Sampling plans: how many, which, how often", "抽检计划：抽多少、抽哪些、多久一次", 90},
			{"Scoring consistently against the rubric", "按评分标准一致地打分", 120},
			{"Running a calibration session", "组织评分校准会", 120},
			{"From findings to coaching and correction", "从质检发现到辅导与整改", 90},
			{"Certification: blind-scoring ten calls", "认证考核：盲评十通录音", 60},
		},
		Competencies:  []demoCourseLink{{"QUALITY_ASSURANCE", 2, 3}},
		Prerequisites: []demoPrerequisite{{"QA-101", true}},
	},
	{
		Code: "DATA-101", Owner: ownerLuMing, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 3, Since: 1600,
		TitleEN: "Service KPIs: CSAT, FCR and AHT", TitleZH: "读懂客服指标：满意度、首次解决率与平均处理时长",
		SummaryEN: "What each service KPI measures, how it is calculated, where to find yours on the dashboard, and how to explain what moved it this week.",
		SummaryZH: "每个客服指标衡量什么、如何计算、在看板的哪里查看自己的数据，以及如何解释本周数据起落的原因。",
		Modules: []demoModule{
			{"CSAT, NPS and complaint rate", "满意度、净推荐值与投诉率", 40},
			{"First-contact resolution and repeat contacts", "首次解决率与重复来电", 40},
			{"Handle time, response time and service level", "处理时长、响应时间与服务水平", 40},
			{"Reading your dashboard week by week", "按周解读个人数据看板", 40},
			{"Quiz: what moved the numbers?", "测验：数据为什么变了？", 20},
		},
		Competencies: []demoCourseLink{{"DATA_ANALYSIS", 1, 2}},
	},
	{
		Code: "DATA-201", Owner: ownerLuMing, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 8, Since: 1400,
		TitleEN: "Excel and BI reporting for service teams", TitleZH: "客服团队 Excel 与 BI 报表",
		SummaryEN: "Building the team's regular KPI report: pivot tables, lookups and charts in Excel, then the same report as a BI dashboard that refreshes itself.",
		SummaryZH: "制作团队定期 KPI 报表：用 Excel 数据透视表、查找函数和图表完成，再把同一份报表做成可自动刷新的 BI 看板。",
		Modules: []demoModule{
			{"Cleaning a ticket export", "清洗工单导出数据", 90},
			{"Pivot tables and lookups", "数据透视表与查找函数", 120},
			{"Charts that show a trend honestly", "如实呈现趋势的图表", 60},
			{"From spreadsheet to BI dashboard", "从电子表格到 BI 看板", 120},
			{"Project: your team's weekly KPI report", "结业作业：团队 KPI 周报", 90},
		},
		Competencies:  []demoCourseLink{{"DATA_ANALYSIS", 2, 3}, {"TOOLS_TECHNOLOGY", 2, 3}},
		Prerequisites: []demoPrerequisite{{"DATA-101", true}},
	},
	{
		Code: "DATA-301", Owner: ownerLuMing, Format: "ON_THE_JOB", Status: "PUBLISHED", Hours: 12, Since: 1000,
		TitleEN: "Root-cause analysis of service data", TitleZH: "客服数据根因分析",
		SummaryEN: "A guided project on your own data: segmenting contacts, finding what drives satisfaction and volume, and sizing the effect of a change before and after.",
		SummaryZH: "基于真实数据的指导项目：对来电进行分群，找出影响满意度与话务量的关键因素，并在改进前后量化效果。",
		Modules: []demoModule{
			{"Framing the question with the business", "与业务方一起明确问题", 120},
			{"Segmenting contacts and customers", "来电与客户分群", 180},
			{"Finding drivers: correlation is not cause", "寻找驱动因素：相关不等于因果", 180},
			{"Sizing the effect of a change", "量化改进措施的效果", 120},
			{"Presenting findings to the service leadership", "向客服管理层汇报发现", 120},
		},
		Competencies:  []demoCourseLink{{"DATA_ANALYSIS", 3, 4}, {"PROBLEM_SOLVING", 3, 4}},
		Prerequisites: []demoPrerequisite{{"DATA-201", true}},
	},
	{
		Code: "GOAL-101", Owner: ownerSunQiang, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 1.5, Since: 1500,
		TitleEN: "Setting SMART goals", TitleZH: "设定 SMART 目标",
		SummaryEN: "Writing goals that are specific, measurable, achievable, relevant and time-bound, for yourself or a shift, and linking them to the team plan.",
		SummaryZH: "为自己或班组制定具体、可衡量、可实现、相关联、有时限的目标，并与团队计划对齐。",
		Modules: []demoModule{
			{"From wish to goal: the five SMART tests", "从愿望到目标：SMART 五项检验", 30},
			{"Linking your goals to the team plan", "让个人目标对齐团队计划", 30},
			{"Tracking and reviewing goals", "目标的跟踪与复盘", 30},
		},
		Competencies: []demoCourseLink{{"STRATEGIC_PLANNING", 1, 2}},
	},
	{
		// The Leadership Pipeline's first passage (seed 002): a promotion
		// to team lead needs it (see demoCourseRequirements).
		Code: "FLM-101", Owner: ownerSunQiang, Format: "CLASSROOM", Status: "PUBLISHED", Hours: 14, Since: 1900,
		TitleEN: "Frontline manager foundation: from agent to team lead", TitleZH: "一线经理基础：从客服专员到主管",
		SummaryEN: "The first passage of the Leadership Pipeline: from managing yourself to getting results through others. The new skills, new use of time and new work values of a first-line manager, over two days of cases from our own teams.",
		SummaryZH: "领导梯队的第一个转折：从管理自我到通过他人达成业绩。一线经理需要的新技能、新的时间分配和新的工作理念；两天课程，案例来自我们自己的团队。",
		Modules: []demoModule{
			{"The first passage: from managing self to managing others", "第一个转折：从管理自我到管理他人", 120},
			{"A new use of time: planning a lead's week", "新的时间分配：规划主管的一周", 150},
			{"Setting daily goals and running a shift", "设定每日目标与带好一个班次", 150},
			{"Handling conflict in the team fairly", "公平地处理团队矛盾", 150},
			{"Work values: succeeding through your team", "工作理念：通过团队取得成功", 120},
			{"Your first 90 days as a lead", "新任主管的 90 天计划", 150},
		},
		Competencies:  []demoCourseLink{{"LEADERSHIP", 1, 2}, {"TIME_MANAGEMENT", 1, 2}},
		Prerequisites: []demoPrerequisite{{"GOAL-101", false}},
	},
	{
		Code: "FLM-102", Owner: ownerHuangLi, Format: "COACHING", Status: "PUBLISHED", Hours: 8, Since: 1700,
		TitleEN: "One-to-one coaching for team leads", TitleZH: "主管一对一辅导技巧",
		SummaryEN: "Coaching each agent from their QA samples: listening together, giving specific feedback, agreeing one change at a time and tracking whether it sticks. Practised with your own agents under a trainer's supervision.",
		SummaryZH: "依据质检抽样结果对每位客服开展辅导：一起听录音、给出具体反馈、每次只约定一项改进，并跟踪是否落实。在培训师指导下与自己团队的客服实践。",
		Modules: []demoModule{
			{"What good coaching sounds like", "好的辅导是什么样的", 60},
			{"Preparing from QA samples", "依据质检样本做准备", 90},
			{"The coaching conversation: one change at a time", "辅导对话：每次只改一件事", 120},
			{"Supervised coaching with your own agents", "在培训师指导下辅导自己的客服", 150},
			{"Tracking improvement over four weeks", "四周改进跟踪", 60},
		},
		Competencies:  []demoCourseLink{{"COACHING", 2, 3}},
		Prerequisites: []demoPrerequisite{{"FLM-101", true}},
	},
	{
		Code: "FLM-103", Owner: ownerSunQiang, Format: "ON_THE_JOB", Status: "PUBLISHED", Hours: 8, Since: 1300,
		TitleEN: "Shift scheduling and workforce planning", TitleZH: "排班与人力规划",
		SummaryEN: "Planning a team's shifts and breaks against the volume forecast, moving cover when demand changes, and planning for campaigns and holidays, on next month's real roster.",
		SummaryZH: "根据话务量预测为团队排班和安排休息，需求变化时及时调配人手，并为营销活动和节假日做好人力准备；用下个月的真实排班表练习。",
		Modules: []demoModule{
			{"Reading the volume forecast", "解读话务量预测", 90},
			{"Building a roster that meets the service level", "制定满足服务水平的排班表", 120},
			{"Breaks, training time and shrinkage", "休息、培训时间与人力损耗", 90},
			{"Intraday changes: moving cover", "日内调整：灵活调配人手", 90},
			{"Peaks, campaigns and holidays", "大促、活动与节假日排班", 90},
		},
		Competencies:  []demoCourseLink{{"TIME_MANAGEMENT", 2, 3}},
		Prerequisites: []demoPrerequisite{{"FLM-101", true}},
	},
	{
		Code: "FLM-201", Owner: ownerSunQiang, Format: "CLASSROOM", Status: "PUBLISHED", Hours: 12, Since: 1500,
		TitleEN: "Leading a team to its KPIs", TitleZH: "带领团队达成 KPI",
		SummaryEN: "The second step of the frontline-manager programme: one-to-ones, performance reviews and dealing with poor performance promptly; making escalation and staffing decisions on the facts available.",
		SummaryZH: "一线经理项目第二阶段：一对一沟通、绩效面谈、及时处理绩效不佳；依据现有信息做出升级处理和人手调配的决定。",
		Modules: []demoModule{
			{"KPIs as a conversation, not a scoreboard", "把 KPI 变成对话，而不是排行榜", 120},
			{"Regular one-to-ones that people value", "让员工受益的定期一对一", 120},
			{"Performance reviews and difficult feedback", "绩效面谈与艰难反馈", 150},
			{"Dealing with poor performance promptly", "及时处理绩效不佳", 150},
			{"Deciding on incomplete facts during a shift", "班次中基于不完整信息做决策", 180},
		},
		Competencies:  []demoCourseLink{{"LEADERSHIP", 2, 3}, {"DECISION_MAKING", 2, 3}},
		Prerequisites: []demoPrerequisite{{"FLM-101", true}, {"FLM-102", false}},
	},
	{
		Code: "MGR-201", Owner: ownerSunQiang, Format: "E_LEARNING", Status: "PUBLISHED", Hours: 5, Since: 900,
		TitleEN: "Service budgeting and cost control", TitleZH: "客服预算与成本管理",
		SummaryEN: "What service costs and why: building a team or department budget, explaining monthly variances, and keeping overtime and goodwill spending within limits.",
		SummaryZH: "客服成本的构成与成因：编制团队或部门预算、按月说明预算偏差，把加班和补偿支出控制在额度之内。",
		Modules: []demoModule{
			{"Where the money goes in a service centre", "客服中心的成本构成", 60},
			{"Overtime and goodwill: the daily levers", "加班与补偿：日常可控的成本", 60},
			{"Building a team budget", "编制团队预算", 90},
			{"Monthly variance review", "月度预算偏差分析", 90},
		},
		Competencies:  []demoCourseLink{{"BUDGET_MANAGEMENT", 1, 2}},
		Prerequisites: []demoPrerequisite{{"DATA-101", false}},
	},
	{
		Code: "CX-201", Owner: ownerSunQiang, Format: "CLASSROOM", Status: "PUBLISHED", Hours: 7, Since: 800,
		TitleEN: "CX strategy and customer journey mapping", TitleZH: "客户体验战略与客户旅程地图",
		SummaryEN: "Mapping a customer journey end to end with sales, product and logistics, finding the moments that create contacts, and turning them into a cross-department improvement plan.",
		SummaryZH: "与销售、产品、物流部门一起梳理端到端的客户旅程，找出引发来电的关键时刻，并形成跨部门的改进计划。",
		Modules: []demoModule{
			{"From service to customer experience", "从客户服务到客户体验", 60},
			{"Mapping a journey with the other departments", "与各部门一起绘制客户旅程", 150},
			{"Moments that create contacts", "引发来电的关键时刻", 90},
			{"A cross-department improvement plan", "跨部门改进计划", 120},
		},
		Competencies: []demoCourseLink{{"PROCESS_OPTIMISATION", 2, 3}, {"CROSS_DEPARTMENT", 2, 3}},
	},
	{
		Code: "TTT-301", Owner: ownerHuangLi, Format: "CLASSROOM", Status: "PUBLISHED", Hours: 16, Since: 1400,
		TitleEN: "Train the trainer", TitleZH: "培训师培养（TTT）",
		SummaryEN: "Designing and delivering courses on scripts, products or emotion management: needs analysis, objectives, interactive delivery and measuring trainee outcomes. Ends with a teach-back assessed by two trainers.",
		SummaryZH: "设计并讲授话术、产品、情绪管理等课程：需求分析、目标设定、互动式授课与培训效果评估。结业需完成试讲，由两名培训师评估。",
		Modules: []demoModule{
			{"Training needs from QA and KPI data", "从质检和 KPI 数据中发现培训需求", 120},
			{"Writing objectives and designing a session", "制定目标与设计课程", 180},
			{"Interactive delivery: role-play, cases, games", "互动式授课：角色扮演、案例与游戏", 240},
			{"Measuring outcomes: from smile sheets to KPIs", "效果评估：从满意度问卷到 KPI", 180},
			{"Teach-back assessment", "试讲考核", 240},
		},
		Competencies:  []demoCourseLink{{"COACHING", 3, 4}},
		Prerequisites: []demoPrerequisite{{"FLM-102", false}},
	},
	{
		// Replaced by CS-101; kept for the completions recorded against it.
		Code: "CS-099", Owner: ownerHuangLi, Format: "E_LEARNING", Status: "ARCHIVED", Hours: 2, Since: 2600, ArchivedAgo: 1850,
		TitleEN: "Telephone etiquette (first edition)", TitleZH: "电话礼仪（旧版）",
		SummaryEN: "Replaced by CS-101. The original telephone etiquette course, kept for the record of past completions.",
		SummaryZH: "已由 CS-101 取代。原电话礼仪课程，保留以便查阅历史完成记录。",
		Modules: []demoModule{
			{"Answering the phone", "接听电话", 40},
			{"Hold and transfer", "等待与转接", 40},
			{"Closing the call", "结束通话", 40},
		},
		Competencies: []demoCourseLink{{"COMMUNICATION", 1, 2}},
	},
}

// demoCourseRequirements are the positions that ask for a course or a
// certification besides competencies: the frontline-manager programme for
// each step of the management track, and each side track's own credential.
var demoCourseRequirements = []demoCourseRequirement{
	{"TEAM_LEAD", "COURSE", "FLM-101"},
	// A team lead sees customer data and signs off agents' exceptions.
	{"TEAM_LEAD", "CERTIFICATION", "COMP-101"},
	{"SERVICE_MANAGER", "COURSE", "FLM-201"},
	{"QA_SPECIALIST", "CERTIFICATION", "QA-201"},
	{"TRAINER", "COURSE", "TTT-301"},
	{"DATA_ANALYST", "COURSE", "DATA-201"},
	{"CX_SPECIALIST", "COURSE", "CX-201"},
}

// demoSessions are the classroom sessions: InDays is the first day relative
// to the seed's today (negative: past).
var demoSessions = []demoSession{
	// The previous intake of the frontline-manager programme.
	{Course: "FLM-101", InDays: -151, Days: 2, Capacity: 8, Trainer: ownerSunQiang, Place: placeRoom1,
		Registered: []string{"CS-1106", "CS-1204", "CS-1302"}},
	// Last month's call-scripts workshop; Song Jia did not come and is
	// booked on the next one.
	{Course: "CS-102", InDays: -21, Days: 1, Capacity: 12, Trainer: ownerHuangLi, Place: placeRoom3,
		Registered: []string{"CS-1104", "CS-1105", "CS-1202", "CS-1306", "CS-1203"}, NoShow: []string{"CS-1203"}},
	{Course: "CS-102", InDays: 12, Days: 1, Capacity: 12, Trainer: ownerHuangLi, Place: placeRoom3, RegisteredAgo: 19,
		Registered: []string{"CS-1203", "CS-1205"}},
	// Full, with two on the waitlist (agent@ first).
	{Course: "FLM-101", InDays: 9, Days: 2, Capacity: 8, Trainer: ownerSunQiang, Place: placeRoom1,
		Registered: []string{"CS-1103", "CS-1104", "CS-1105", "CS-1108", "CS-1202", "CS-1206", "CS-1303", "CS-1304"},
		Waitlisted: []string{"CS-1102", "CS-1306"}},
	{Course: "FLM-201", InDays: 19, Days: 2, Capacity: 10, Trainer: ownerSunQiang, Place: placeRoom1,
		Registered: []string{"CS-1101", "CS-1301"}},
	// Nearly full: seven of eight seats.
	{Course: "CS-201", InDays: 26, Days: 1, Capacity: 8, Trainer: ownerHuangLi, Place: placeChengdu,
		Registered: []string{"CS-1302", "CS-1304", "CS-1106", "CS-1103", "CS-1104", "CS-1202", "CS-1306"}},
	{Course: "QA-201", InDays: 33, Days: 1, Capacity: 6, Trainer: ownerZhaoFang, Place: placeOnline,
		Registered: []string{"CS-1305"}},
	{Course: "CX-201", InDays: 40, Days: 1, Capacity: 16, Trainer: ownerSunQiang, Place: placeHall,
		Registered: []string{"CS-1003", "CS-1004", "CS-1503"}},
	{Course: "TTT-301", InDays: 47, Days: 2, Capacity: 12, Trainer: ownerHuangLi, Place: placeRoom3,
		Registered: []string{"CS-1304"}},
}

const (
	placeRoom1   = "上海总部 1 号培训室 / Shanghai HQ, Training Room 1"
	placeRoom3   = "上海总部 3 号培训室 / Shanghai HQ, Training Room 3"
	placeHall    = "上海总部大会议室 / Shanghai HQ, Main Conference Room"
	placeChengdu = "成都分部 2 号会议室 / Chengdu office, Meeting Room 2"
	placeOnline  = "线上（腾讯会议）/ Online (Tencent Meeting)"
)

// demoAssignments are the trainers' and HR's decisions: standing rules for
// a team and for positions, and assignments naming people.
var demoAssignments = []demoAssignment{
	{Key: "privacy-agents", Course: "COMP-101", Scope: "POSITION", Target: "AGENT", CreatedAgo: 340, DueIn: -310, RecurrenceMonths: 12, By: "HR-2001",
		Reason: "一线员工年度数据隐私认证 (yearly data-privacy certification for frontline staff)"},
	{Key: "privacy-leads", Course: "COMP-101", Scope: "POSITION", Target: "TEAM_LEAD", CreatedAgo: 340, DueIn: -310, RecurrenceMonths: 12, By: "HR-2001",
		Reason: "一线员工年度数据隐私认证 (yearly data-privacy certification for frontline staff)"},
	{Key: "privacy-office", Course: "COMP-101", Scope: "EMPLOYEES", CreatedAgo: 340, DueIn: -310, RecurrenceMonths: 12, By: "HR-2001",
		Reason: "接触客户数据的职能岗位年度认证 (yearly certification for office staff who see customer data)"},
	{Key: "privacy-pilot", Course: "COMP-101", Scope: "EMPLOYEES", CreatedAgo: 420, DueIn: -390, RecurrenceMonths: 12, By: "HR-2001",
		Reason: "数据隐私认证试点（华西组）(pilot of the certification in Team West)"},
	{Key: "east-complaints", Course: "CS-210", Scope: "TEAM", Target: "CS-EAST", CreatedAgo: 8, DueIn: 24, By: ownerHuangLi,
		Reason: "华东组上季度投诉率上升，全组完成投诉处理进阶课程 (Team East's complaint rate rose last quarter)"},
	{Key: "tl-pool", Course: "FLM-101", Scope: "EMPLOYEES", CreatedAgo: 25, DueIn: 30, By: ownerSunQiang,
		Reason: "主管后备人才培养计划 (team-lead talent pool)"},
	{Key: "tl-pool-previous", Course: "FLM-101", Scope: "EMPLOYEES", CreatedAgo: 200, DueIn: -140, By: ownerSunQiang,
		Reason: "主管后备人才培养计划（上一期）(team-lead talent pool, previous intake)"},
	{Key: "lead-kpis", Course: "FLM-201", Scope: "EMPLOYEES", CreatedAgo: 40, DueIn: 35, By: ownerSunQiang,
		Reason: "晋升客服经理前的必修课 (required before promotion to service manager)"},
	{Key: "basics-product", Course: "PK-101", Scope: "EMPLOYEES", CreatedAgo: 45, DueIn: -3, By: ownerLuMing,
		Reason: "产品知识未达到专员标准，需重修 (product knowledge below the agent standard)"},
	{Key: "basics-tools", Course: "TOOL-101", Scope: "EMPLOYEES", CreatedAgo: 30, DueIn: -6, By: ownerLuMing,
		Reason: "系统操作不熟练，影响处理时长 (CRM use is slowing handle time)"},
	{Key: "basics-emotion", Course: "EMO-101", Scope: "EMPLOYEES", CreatedAgo: 45, DueIn: 15, By: ownerHuangLi,
		Reason: "与主管商定的抗压提升计划 (resilience plan agreed with the team lead)"},
	{Key: "qa-cert", Course: "QA-201", Scope: "EMPLOYEES", CreatedAgo: 20, DueIn: 45, By: ownerZhaoFang,
		Reason: "质检岗位储备 (preparing for the QA specialist role)"},
	{Key: "scripts-refresh", Course: "CS-102", Scope: "EMPLOYEES", CreatedAgo: 45, DueIn: -14, By: ownerHuangLi,
		Reason: "质检发现话术执行不到位 (QA found the scripts not followed)"},
	{Key: "comm-advanced", Course: "CS-201", Scope: "EMPLOYEES", CreatedAgo: 18, DueIn: 40, By: ownerHuangLi,
		Reason: "资深客服沟通进阶 (advanced communication for senior agents)"},
	{Key: "managers-budget", Course: "MGR-201", Scope: "EMPLOYEES", CreatedAgo: 120, DueIn: -60, By: ownerSunQiang,
		Reason: "年度预算编制前的准备 (before the yearly budget round)"},
	{Key: "cx-journey", Course: "CX-201", Scope: "EMPLOYEES", CreatedAgo: 14, DueIn: 50, By: ownerSunQiang,
		Reason: "跨部门客户旅程项目启动 (the cross-department journey-mapping project starts)"},
	{Key: "analyst-growth", Course: "DATA-301", Scope: "EMPLOYEES", CreatedAgo: 60, DueIn: 30, By: ownerLuMing,
		Reason: "数据分析经理后备培养 (growing toward data analytics manager)"},
}

// Shorthands for the enrolment table below.
const (
	stAssigned   = "ASSIGNED"
	stInProgress = "IN_PROGRESS"
	stCompleted  = "COMPLETED"
	stWithdrawn  = "WITHDRAWN"
)

// demoEnrollments is every active employee's learning record. Numbers are
// days ago; an empty Asg means the learner enrolled themself.
var demoEnrollments = []demoEnrollment{
	// Leadership.
	{Emp: "CS-1001", Course: "CX-201", Status: stCompleted, Done: 420},
	{Emp: "CS-1001", Course: "GOAL-101", Status: stCompleted, Done: 1200},
	{Emp: "CS-1002", Course: "FLM-101", Status: stCompleted, Done: 1700},
	{Emp: "CS-1002", Course: "FLM-201", Status: stCompleted, Done: 1400},
	{Emp: "CS-1002", Course: "MGR-201", Status: stCompleted, Done: 500},
	{Emp: "CS-1002", Course: "DATA-201", Status: stWithdrawn, Ago: 60, Done: 30, Note: "Withdrew: no time before the budget round"},
	{Emp: "CS-1003", Course: "FLM-101", Status: stCompleted, Done: 1400},
	{Emp: "CS-1003", Course: "FLM-201", Status: stCompleted, Done: 1100},
	{Emp: "CS-1003", Course: "MGR-201", Asg: "managers-budget", Status: stCompleted, Done: 95},
	{Emp: "CS-1003", Course: "CX-201", Asg: "cx-journey", Status: stAssigned},
	{Emp: "CS-1004", Course: "FLM-101", Status: stCompleted, Done: 1500},
	{Emp: "CS-1004", Course: "FLM-201", Status: stCompleted, Done: 1200},
	{Emp: "CS-1004", Course: "MGR-201", Asg: "managers-budget", Status: stCompleted, Done: 100},
	{Emp: "CS-1004", Course: "CX-201", Asg: "cx-journey", Status: stAssigned},
	{Emp: "CS-1005", Course: "FLM-101", Status: stCompleted, Done: 1600},
	{Emp: "CS-1005", Course: "FLM-103", Status: stCompleted, Done: 400},
	{Emp: "CS-1005", Course: "MGR-201", Asg: "managers-budget", Status: stCompleted, Done: 110},

	// Team East. Li Na (lead@).
	{Emp: "CS-1101", Course: "FLM-101", Status: stCompleted, Done: 1100},
	{Emp: "CS-1101", Course: "FLM-102", Status: stCompleted, Done: 900},
	{Emp: "CS-1101", Course: "COMP-101", Asg: "privacy-leads", Status: stCompleted, Done: 310},
	{Emp: "CS-1101", Course: "CS-210", Asg: "east-complaints", Status: stAssigned},
	{Emp: "CS-1101", Course: "FLM-201", Asg: "lead-kpis", Status: stInProgress, Started: 30, Ticked: 3},
	{Emp: "CS-1101", Course: "MGR-201", Asg: "managers-budget", Status: stInProgress, Started: 70, Ticked: 1},
	// Wu Xiaoling (agent@): done, in progress with a level to gain,
	// overdue, and waitlisted.
	{Emp: "CS-1102", Course: "CS-101", Status: stCompleted, Done: 1290},
	{Emp: "CS-1102", Course: "CS-110", Status: stCompleted, Done: 1250},
	{Emp: "CS-1102", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 305},
	{Emp: "CS-1102", Course: "CS-210", Asg: "east-complaints", Status: stInProgress, Started: 5, Ticked: 2},
	{Emp: "CS-1102", Course: "TOOL-101", Asg: "basics-tools", Status: stInProgress, Started: 20, Ticked: 1},
	{Emp: "CS-1102", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},
	{Emp: "CS-1103", Course: "CS-110", Status: stCompleted, Done: 700},
	{Emp: "CS-1103", Course: "CS-102", Status: stCompleted, Done: 650},
	{Emp: "CS-1103", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 320},
	{Emp: "CS-1103", Course: "CS-210", Asg: "east-complaints", Status: stInProgress, Started: 4, Ticked: 1},
	{Emp: "CS-1103", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},
	{Emp: "CS-1103", Course: "CS-201", Asg: "comm-advanced", Status: stAssigned},
	{Emp: "CS-1104", Course: "CS-110", Status: stCompleted, Done: 650},
	{Emp: "CS-1104", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 315},
	{Emp: "CS-1104", Course: "CS-102", Asg: "scripts-refresh", Status: stCompleted, Started: 21, Done: 21},
	{Emp: "CS-1104", Course: "CS-210", Asg: "east-complaints", Status: stAssigned},
	{Emp: "CS-1104", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},
	{Emp: "CS-1104", Course: "CS-201", Asg: "comm-advanced", Status: stAssigned},
	{Emp: "CS-1105", Course: "CS-110", Status: stCompleted, Done: 500},
	{Emp: "CS-1105", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 300},
	{Emp: "CS-1105", Course: "CS-102", Asg: "scripts-refresh", Status: stCompleted, Started: 21, Done: 21},
	{Emp: "CS-1105", Course: "CS-210", Asg: "east-complaints", Status: stAssigned},
	{Emp: "CS-1105", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},
	// Cao Lin: ready for team lead, and already through the new course.
	{Emp: "CS-1106", Course: "CS-110", Status: stCompleted, Done: 900},
	{Emp: "CS-1106", Course: "CS-102", Status: stCompleted, Done: 600},
	{Emp: "CS-1106", Course: "GOAL-101", Status: stCompleted, Done: 220},
	{Emp: "CS-1106", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 310},
	{Emp: "CS-1106", Course: "FLM-101", Asg: "tl-pool-previous", Status: stCompleted, Started: 151, Done: 150},
	{Emp: "CS-1106", Course: "FLM-102", Status: stInProgress, Started: 60, Ticked: 2},
	{Emp: "CS-1106", Course: "CS-210", Asg: "east-complaints", Status: stCompleted, Started: 7, Done: 2},
	{Emp: "CS-1106", Course: "CS-201", Asg: "comm-advanced", Status: stAssigned},
	// Peng Bo: below the agent standard, behind on his plan.
	{Emp: "CS-1107", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 290},
	{Emp: "CS-1107", Course: "PK-101", Asg: "basics-product", Status: stInProgress, Started: 40, Ticked: 1},
	{Emp: "CS-1107", Course: "TOOL-101", Asg: "basics-tools", Status: stAssigned},
	{Emp: "CS-1107", Course: "EMO-101", Asg: "basics-emotion", Status: stAssigned},
	{Emp: "CS-1107", Course: "CS-210", Asg: "east-complaints", Status: stAssigned},
	{Emp: "CS-1108", Course: "CS-110", Status: stCompleted, Done: 800},
	{Emp: "CS-1108", Course: "EMO-101", Status: stCompleted, Done: 400},
	{Emp: "CS-1108", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 318},
	{Emp: "CS-1108", Course: "EMO-201", Status: stWithdrawn, Started: 90, Done: 60, Ticked: 2, Note: "Withdrew: moved to the night shift; the circle meets in the daytime"},
	{Emp: "CS-1108", Course: "CS-210", Asg: "east-complaints", Status: stInProgress, Started: 6, Ticked: 3},
	{Emp: "CS-1108", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},

	// Team West.
	{Emp: "CS-1201", Course: "FLM-101", Status: stCompleted, Done: 1500},
	{Emp: "CS-1201", Course: "FLM-102", Status: stCompleted, Done: 1400},
	{Emp: "CS-1201", Course: "FLM-201", Status: stCompleted, Done: 200},
	{Emp: "CS-1201", Course: "COMP-101", Asg: "privacy-leads", Status: stCompleted, Done: 312},
	{Emp: "CS-1201", Course: "FLM-103", Status: stInProgress, Started: 25, Ticked: 2},
	{Emp: "CS-1202", Course: "GOAL-101", Status: stCompleted, Done: 120},
	{Emp: "CS-1202", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 322},
	{Emp: "CS-1202", Course: "CS-102", Asg: "scripts-refresh", Status: stCompleted, Started: 21, Done: 21},
	{Emp: "CS-1202", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},
	{Emp: "CS-1202", Course: "CS-201", Asg: "comm-advanced", Status: stAssigned},
	// Song Jia missed the workshop: overdue, booked on the next one.
	{Emp: "CS-1203", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 308},
	{Emp: "CS-1203", Course: "CS-102", Asg: "scripts-refresh", Status: stAssigned},
	{Emp: "CS-1203", Course: "DATA-101", Status: stWithdrawn, Started: 30, Done: 15, Ticked: 1, Note: "Withdrew: will retake it after the peak season"},
	{Emp: "CS-1204", Course: "CS-110", Status: stCompleted, Done: 1000},
	{Emp: "CS-1204", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 300},
	{Emp: "CS-1204", Course: "FLM-101", Asg: "tl-pool-previous", Status: stCompleted, Started: 151, Done: 150},
	// Han Xue's pilot certification expired: re-opened, now overdue.
	{Emp: "CS-1205", Course: "COMP-101", Asg: "privacy-pilot", Status: stAssigned, PrevDone: 395},
	{Emp: "CS-1205", Course: "EMO-101", Status: stCompleted, Done: 200},
	{Emp: "CS-1205", Course: "CS-102", Status: stAssigned, Ago: 20},
	// Jiang Tao renewed his in the second cycle.
	{Emp: "CS-1206", Course: "COMP-101", Asg: "privacy-pilot", Status: stCompleted, PrevDone: 400, Started: 40, Done: 38},
	{Emp: "CS-1206", Course: "EMO-101", Status: stCompleted, Done: 400},
	{Emp: "CS-1206", Course: "EMO-201", Status: stWithdrawn, Ago: 50, Done: 45, Note: "Withdrew before the first circle"},
	{Emp: "CS-1206", Course: "PK-101", Status: stCompleted, Done: 600},
	{Emp: "CS-1206", Course: "PK-201", Status: stInProgress, Started: 20, Ticked: 2},
	{Emp: "CS-1206", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},
	{Emp: "CS-1207", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 330},
	{Emp: "CS-1207", Course: "PK-101", Asg: "basics-product", Status: stInProgress, Started: 35, Ticked: 3},
	{Emp: "CS-1207", Course: "EMO-101", Asg: "basics-emotion", Status: stInProgress, Started: 10, Ticked: 1},

	// Key accounts. Liu Yang: service manager's competencies, FLM-201 ahead.
	{Emp: "CS-1301", Course: "FLM-101", Status: stCompleted, Done: 1600},
	{Emp: "CS-1301", Course: "FLM-102", Status: stCompleted, Done: 1500},
	{Emp: "CS-1301", Course: "COMP-101", Asg: "privacy-leads", Status: stCompleted, Done: 330},
	{Emp: "CS-1301", Course: "MGR-201", Asg: "managers-budget", Status: stCompleted, Done: 100},
	{Emp: "CS-1301", Course: "FLM-201", Asg: "lead-kpis", Status: stAssigned},
	{Emp: "CS-1302", Course: "CS-102", Status: stCompleted, Done: 700},
	{Emp: "CS-1302", Course: "GOAL-101", Status: stCompleted, Done: 240},
	{Emp: "CS-1302", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 305},
	{Emp: "CS-1302", Course: "FLM-101", Asg: "tl-pool-previous", Status: stCompleted, Started: 151, Done: 150},
	{Emp: "CS-1302", Course: "CS-201", Asg: "comm-advanced", Status: stAssigned},
	{Emp: "CS-1303", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 317},
	{Emp: "CS-1303", Course: "QA-101", Status: stInProgress, Started: 12, Ticked: 1},
	{Emp: "CS-1303", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},
	{Emp: "CS-1304", Course: "CS-102", Status: stCompleted, Done: 800},
	{Emp: "CS-1304", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 309},
	{Emp: "CS-1304", Course: "CS-201", Asg: "comm-advanced", Status: stAssigned},
	{Emp: "CS-1304", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},
	{Emp: "CS-1304", Course: "TTT-301", Status: stAssigned, Ago: 15},
	// Du Kai: one certification short of QA specialist.
	{Emp: "CS-1305", Course: "CS-099", Status: stCompleted, Done: 2100},
	{Emp: "CS-1305", Course: "QA-101", Status: stCompleted, Done: 200},
	{Emp: "CS-1305", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 320},
	{Emp: "CS-1305", Course: "QA-201", Asg: "qa-cert", Status: stAssigned},
	{Emp: "CS-1306", Course: "PK-101", Status: stCompleted, Done: 700},
	{Emp: "CS-1306", Course: "COMP-101", Asg: "privacy-agents", Status: stCompleted, Done: 300},
	{Emp: "CS-1306", Course: "CS-102", Asg: "scripts-refresh", Status: stCompleted, Started: 21, Done: 21},
	{Emp: "CS-1306", Course: "PK-201", Status: stInProgress, Started: 15, Ticked: 1},
	{Emp: "CS-1306", Course: "CS-201", Asg: "comm-advanced", Status: stAssigned},
	{Emp: "CS-1306", Course: "FLM-101", Asg: "tl-pool", Status: stAssigned},

	// Training & quality.
	{Emp: "CS-1401", Course: "TTT-301", Status: stCompleted, Done: 1000},
	{Emp: "CS-1401", Course: "COMP-101", Asg: "privacy-office", Status: stCompleted, Done: 322},
	{Emp: "CS-1402", Course: "TTT-301", Status: stCompleted, Done: 1200},
	{Emp: "CS-1402", Course: "COMP-101", Asg: "privacy-office", Status: stCompleted, Done: 310},
	{Emp: "CS-1402", Course: "DATA-101", Status: stInProgress, Started: 9, Ticked: 2},
	{Emp: "CS-1403", Course: "QA-101", Status: stCompleted, Done: 1400},
	{Emp: "CS-1403", Course: "QA-201", Status: stCompleted, Started: 281, Done: 280},
	{Emp: "CS-1403", Course: "DATA-101", Status: stCompleted, Done: 500},
	{Emp: "CS-1403", Course: "COMP-101", Asg: "privacy-office", Status: stCompleted, Done: 312},
	{Emp: "CS-1403", Course: "DATA-201", Status: stInProgress, Started: 20, Ticked: 2},
	{Emp: "CS-1404", Course: "TTT-301", Status: stCompleted, Done: 1100},
	{Emp: "CS-1404", Course: "COMP-101", Asg: "privacy-office", Status: stCompleted, Done: 303},

	// CX & data.
	{Emp: "CS-1501", Course: "CX-201", Status: stCompleted, Done: 600},
	{Emp: "CS-1501", Course: "MGR-201", Status: stCompleted, Done: 250},
	{Emp: "CS-1502", Course: "DATA-101", Status: stCompleted, Done: 1300},
	{Emp: "CS-1502", Course: "DATA-201", Status: stCompleted, Done: 1000},
	{Emp: "CS-1502", Course: "COMP-101", Asg: "privacy-office", Status: stCompleted, Done: 306},
	{Emp: "CS-1502", Course: "DATA-301", Asg: "analyst-growth", Status: stInProgress, Started: 50, Ticked: 2},
	{Emp: "CS-1503", Course: "DATA-101", Status: stCompleted, Done: 100},
	{Emp: "CS-1503", Course: "CX-201", Asg: "cx-journey", Status: stAssigned},
	{Emp: "CS-1504", Course: "DATA-101", Status: stCompleted, Done: 1500},
	{Emp: "CS-1504", Course: "DATA-201", Status: stCompleted, Done: 1200},
	{Emp: "CS-1504", Course: "DATA-301", Status: stCompleted, Done: 700},

	// People & systems.
	{Emp: "HR-2001", Course: "GOAL-101", Status: stCompleted, Done: 300},
	{Emp: "HR-2001", Course: "COMP-101", Asg: "privacy-office", Status: stCompleted, Done: 330},
	{Emp: "HR-2002", Course: "COMP-101", Asg: "privacy-office", Status: stCompleted, Done: 326},
	{Emp: "HR-2002", Course: "DATA-101", Status: stAssigned, Ago: 20},
	{Emp: "IT-3001", Course: "TOOL-101", Status: stCompleted, Done: 1000},
	{Emp: "IT-3001", Course: "TOOL-201", Status: stCompleted, Done: 900},
	{Emp: "IT-3001", Course: "COMP-101", Asg: "privacy-office", Status: stCompleted, Done: 311},
}

// demoFeedback is what some completers said about a course.
var demoFeedback = []demoCourseFeedback{
	{"CS-1104", "CS-102", 5, "角色扮演很实用，回去第一天就用上了探询提问。"},
	{"CS-1105", "CS-102", 4, "Useful role-plays; I would like more practice on closing a call."},
	{"CS-1202", "CS-102", 4, "话术讲得清楚，希望增加在线会话的案例。"},
	{"CS-1306", "CS-102", 5, "Scoring the role-plays against the QA checklist showed me exactly what to fix."},
	{"CS-1106", "FLM-101", 5, "从“管好自己”到“带好团队”的转变讲得很透，90 天计划很有帮助。"},
	{"CS-1302", "FLM-101", 4, "案例来自我们自己的团队，很有代入感；时间分配部分可以再深入一些。"},
	{"CS-1106", "CS-210", 5, "The Team East cases are exactly the complaints we see every day."},
	{"CS-1102", "CS-110", 4, "投诉处理三步法简单好记。"},
	{"CS-1003", "MGR-201", 3, "Solid basics, but too much theory for managers who already own a budget."},
	{"CS-1403", "QA-201", 5, "校准会的组织方法非常实用，我们组的评分差异明显缩小了。"},
	{"CS-1502", "DATA-201", 4, "The BI part saves me hours of weekly reporting."},
	{"CS-1206", "COMP-101", 4, "每年复习一次很有必要，考试题目贴近实际场景。"},
}

// demoOverdueNotices are the OVERDUE notifications already sent (the
// scheduled job sends the rest; the dedupe key keeps it from repeating).
var demoOverdueNotices = []struct{ Emp, Course string }{
	{"CS-1102", "TOOL-101"},
}
