package seed

// The demo competency framework, what each position requires, the allowed
// moves between positions and how each demo employee is rated. The shapes
// are in framework_types.go; framework.go writes them.

// defaultScale is the five-level proficiency scale every competency uses
// (index 0 is level 1).
var defaultScale = [5]scaleLevel{
	{"Aware", "了解",
		"Knows what the competency covers and applies it in simple situations with guidance.",
		"了解该能力的基本内容，能在指导下应用于简单情境。"},
	{"Developing", "掌握",
		"Applies it on their own in routine situations and still needs support with unusual ones.",
		"能在常规情境中独立运用，遇到特殊情况仍需他人支持。"},
	{"Proficient", "熟练",
		"Applies it consistently, complex situations included, and helps others do the same.",
		"在包括复杂情境在内的各种情况下都能稳定运用，并能帮助他人。"},
	{"Advanced", "精通",
		"Handles the hardest cases, improves how the team works and is the one others ask.",
		"能处理最棘手的情况，改进团队的做法，是同事遇到难题时请教的对象。"},
	{"Expert", "专家",
		"Sets the standard for the whole organisation and develops the competency in others.",
		"为整个组织树立标准，并系统地培养他人在这项能力上的成长。"},
}

// demoCategories group the competencies on the framework pages.
var demoCategories = []demoCategory{
	{"SERVICE", "Customer service", "客户服务"},
	{"PERSONAL", "Personal effectiveness", "个人效能"},
	{"PEOPLE", "Leadership & people", "领导与人才"},
	{"OPERATIONS", "Quality & operations", "质量与运营"},
	{"BUSINESS", "Data & business", "数据与经营"},
}

// demoCompetencies are the sixteen competencies of the domain brief, each
// with observable behaviours for levels 1..5.
var demoCompetencies = []demoCompetency{
	{
		Code: "COMMUNICATION", Category: "SERVICE",
		NameEN: "Communication", NameZH: "沟通能力",
		DescEN: "Listens, explains and writes so that customers and colleagues understand and feel understood.",
		DescZH: "善于倾听、表达清晰、书面回复准确得体，让客户和同事既听得懂，也感到被理解。",
		Indicators: [5]indicator{
			{"Greets and closes every call or chat with the standard script and polite service language.",
				"按标准话术开场和结束每一通电话或会话，使用礼貌规范的服务用语。"},
			{"Listens without interrupting, confirms the customer's need and explains the answer in plain words.",
				"耐心倾听不打断，先确认客户诉求，再用通俗易懂的话说明解决方案。"},
			{"Adapts tone and wording to upset, confused or expert customers and writes replies that need no follow-up question.",
				"能根据客户的情绪和理解程度调整语气与措辞，书面回复清楚完整，客户无需再追问。"},
			{"Leads difficult conversations with key accounts and other departments and gives colleagues clear, constructive feedback.",
				"能主导与重点客户及其他部门的艰难对话，并向同事给出清晰、有建设性的反馈。"},
			{"Designs the team's communication standards and scripts and coaches others to them.",
				"制定团队的沟通规范和话术标准，并辅导他人达到要求。"},
		},
	},
	{
		Code: "PROBLEM_SOLVING", Category: "SERVICE",
		NameEN: "Problem solving", NameZH: "问题解决能力",
		DescEN: "Finds the real cause of a customer's issue and resolves it, on first contact where possible.",
		DescZH: "找准客户问题的真正原因并加以解决，尽可能在首次接触时一次解决到位。",
		Indicators: [5]indicator{
			{"Resolves common questions by following the knowledge-base article and escalates the rest through the right route.",
				"参照知识库处理常见问题，处理不了的按规定流程升级。"},
			{"Asks targeted questions to pin down the issue and resolves most routine cases on first contact.",
				"通过有针对性的提问锁定问题，大多数常规问题能在首次接触中解决。"},
			{"Resolves non-standard and escalated cases by weighing options within policy, keeping first-contact resolution above the team target.",
				"能在政策范围内权衡方案，处理非标准和升级案例，首次解决率稳定高于团队目标。"},
			{"Spots issues that recur across cases, finds their root cause and gets a lasting fix agreed.",
				"能从多个案例中发现反复出现的问题，找出根本原因，并推动落实长期解决方案。"},
			{"Builds the escalation paths and troubleshooting guides the whole service organisation uses for new or complex problems.",
				"为整个客服组织建立应对新问题和疑难问题的升级路径与排查指引。"},
		},
	},
	{
		Code: "COMPLAINT_HANDLING", Category: "SERVICE",
		NameEN: "Complaint handling & customer relationships", NameZH: "投诉处理与客户关系",
		DescEN: "Turns complaints into recovered relationships and keeps key customers loyal.",
		DescZH: "把投诉变成修复关系的机会，维护重点客户的长期信任。",
		Indicators: [5]indicator{
			{"Records a complaint completely and accurately and tells the customer what happens next.",
				"完整准确地记录投诉内容，并告知客户接下来的处理流程。"},
			{"Acknowledges the customer's frustration, apologises appropriately and settles standard complaints within policy.",
				"能体谅客户的不满并恰当致歉，在政策范围内处理好常规投诉。"},
			{"Takes over escalated complaints, agrees a fair remedy and follows up until the customer confirms the matter is settled.",
				"接手升级投诉，与客户协商合理的补救方案，并跟进到客户确认问题已解决。"},
			{"Manages key-account relationships proactively and cuts repeat complaints by acting on their causes.",
				"主动经营重点客户关系，针对投诉根源采取措施，减少重复投诉。"},
			{"Sets the organisation's complaint-handling policy, compensation limits and service-recovery programme.",
				"制定组织的投诉处理政策、补偿权限和服务补救机制。"},
		},
	},
	{
		Code: "EMOTIONAL_RESILIENCE", Category: "PERSONAL",
		NameEN: "Emotional resilience", NameZH: "情绪管理与抗压能力",
		DescEN: "Stays calm and professional under pressure and recovers quickly after hard contacts.",
		DescZH: "在压力下保持冷静和专业，处理完棘手的接待后能迅速调整状态。",
		Indicators: [5]indicator{
			{"Stays polite with an angry customer and asks for help before losing composure.",
				"面对情绪激动的客户仍保持礼貌，在自己情绪失控前主动求助。"},
			{"Keeps a steady tone through difficult calls and is ready for the next contact straight after.",
				"在棘手的通话中保持语气平稳，挂断后能马上投入下一次接待。"},
			{"Stays effective through peak hours and abusive contacts and calms the customer instead of reacting.",
				"在高峰时段和恶意来电中依然高效，能安抚客户而不被对方情绪带动。"},
			{"Notices stress in colleagues, takes over tense calls and helps the team recover after a hard shift.",
				"能察觉同事的压力，主动接手紧张的通话，并在高强度班次后帮助团队恢复状态。"},
			{"Builds the team's practices for managing pressure, such as debriefs, task rotation and an employee support scheme.",
				"建立团队的压力管理与心理支持机制，如复盘疏导、岗位轮换和员工帮助计划。"},
		},
	},
	{
		Code: "PRODUCT_KNOWLEDGE", Category: "SERVICE",
		NameEN: "Product & industry knowledge", NameZH: "专业知识与行业理解",
		DescEN: "Knows the products, policies and industry well enough to advise customers with confidence.",
		DescZH: "熟悉公司产品、服务政策和所在行业，能有把握地为客户提供专业建议。",
		Indicators: [5]indicator{
			{"Knows the main products and where to find policy details in the knowledge base.",
				"了解主要产品，知道在知识库的什么位置查找政策细节。"},
			{"Answers standard product and policy questions correctly without looking them up and passes the product knowledge test.",
				"无需查阅即可准确回答常规的产品和政策问题，并通过产品知识考试。"},
			{"Explains product differences, edge cases and recent changes and recommends the option that fits the customer.",
				"能讲清产品差异、特殊情形和最新变更，为客户推荐最合适的方案。"},
			{"Is the team's go-to expert on a product line, keeps the knowledge base accurate and briefs others on releases.",
				"是团队里某条产品线的专家，负责维护知识库内容的准确，并向同事讲解新品和变更。"},
			{"Brings industry trends and competitors' practice into the service offer and advises product teams on customer needs.",
				"把行业趋势和竞品做法引入服务设计，并就客户需求为产品团队提供建议。"},
		},
	},
	{
		Code: "TOOLS_TECHNOLOGY", Category: "PERSONAL",
		NameEN: "Tools & technology", NameZH: "技术能力",
		DescEN: "Uses the CRM, helpdesk and knowledge base quickly and accurately, and helps improve them.",
		DescZH: "熟练、准确地使用 CRM、工单系统和知识库，并参与改进这些工具。",
		Indicators: [5]indicator{
			{"Finds the customer record and creates a ticket in the CRM with some help.",
				"能在他人指导下查找客户档案，并在 CRM 中创建工单。"},
			{"Handles calls, chats and tickets side by side and keeps records complete without slowing the customer down.",
				"能同时处理电话、在线会话和工单，记录完整且不拖慢服务节奏。"},
			{"Uses shortcuts, reply macros and advanced search to cut handle time and helps colleagues with system questions.",
				"善用快捷操作、回复模板和高级搜索缩短处理时长，并帮同事解决系统使用问题。"},
			{"Configures queues, templates and reports and tests new system releases before they reach the team.",
				"能配置排队规则、回复模板和报表，并在新版本上线前完成测试。"},
			{"Leads the choice and rollout of service technology such as a chatbot or a new helpdesk and measures the result.",
				"主导智能客服、新工单系统等客服技术的选型与落地，并评估实际效果。"},
		},
	},
	{
		Code: "TIME_MANAGEMENT", Category: "PERSONAL",
		NameEN: "Organisation & time management", NameZH: "组织与时间管理",
		DescEN: "Plans own work and, as a manager, the team's shifts and workload so that service levels are met.",
		DescZH: "规划好自己的工作；走上管理岗位后，还要安排团队的排班和工作量，确保服务水平达标。",
		Indicators: [5]indicator{
			{"Starts shifts on time, follows the schedule and keeps breaks to plan.",
				"按时上班，遵守排班，休息不超出安排的时间。"},
			{"Prioritises open tickets by urgency and deadline and completes follow-ups on the date promised.",
				"按紧急程度和时限安排待办工单，在承诺的日期前完成跟进。"},
			{"Plans a team's shifts and breaks against the volume forecast and moves cover when demand changes.",
				"根据话务量预测为团队排班、安排休息，需求变化时及时调配人手。"},
			{"Plans workload and staffing across several teams or sites for peaks, campaigns and holidays.",
				"为多个团队或站点规划大促、营销活动和节假日期间的工作量与人力配置。"},
			{"Sets the organisation's workforce-planning method and service-level targets and balances cost against cover.",
				"制定组织的人力规划方法和服务水平目标，在成本与服务覆盖之间取得平衡。"},
		},
	},
	{
		Code: "LEADERSHIP", Category: "PEOPLE",
		NameEN: "Leadership & team management", NameZH: "领导与团队管理",
		DescEN: "Sets direction, builds an engaged team and gets results through others.",
		DescZH: "明确方向，打造有凝聚力的团队，依靠他人达成业绩。",
		Indicators: [5]indicator{
			{"Helps new colleagues settle in and shares useful tips with the team.",
				"帮助新同事尽快融入，乐于和团队分享实用经验。"},
			{"Leads a shift or a small project, sets clear daily goals and settles small conflicts fairly.",
				"能带领一个班次或小项目，设定清晰的每日目标，公平地化解小矛盾。"},
			{"Runs a team to its KPIs, holds regular one-to-ones and deals with poor performance promptly.",
				"带领团队达成 KPI，定期开展一对一沟通，及时处理绩效不佳的问题。"},
			{"Leads team leads, develops successors and keeps engagement and attrition on target across several teams.",
				"管理多名主管并培养接班人，让多个团队的敬业度和流失率保持在目标范围内。"},
			{"Shapes the service organisation's culture and leadership pipeline and leads it through major change.",
				"塑造客服组织的文化与领导梯队，带领组织走过重大变革。"},
		},
	},
	{
		Code: "COACHING", Category: "PEOPLE",
		NameEN: "Coaching & training", NameZH: "辅导与培训",
		DescEN: "Helps others improve through feedback, one-to-one coaching and structured training.",
		DescZH: "通过反馈、一对一辅导和系统化培训帮助他人成长。",
		Indicators: [5]indicator{
			{"Lets colleagues listen in on own calls and explains how they were handled.",
				"愿意让同事旁听自己的通话，并讲解当时的处理思路。"},
			{"Buddies a new agent through their first weeks and gives specific feedback after listening to their calls.",
				"在新人入职头几周担任带教伙伴，听完其通话后给出具体的反馈。"},
			{"Coaches each agent one-to-one from their QA samples and tracks whether they improve.",
				"依据质检抽样结果对每位客服开展一对一辅导，并跟踪改进情况。"},
			{"Designs and delivers courses on scripts, products or emotion management and measures trainee outcomes.",
				"设计并讲授话术、产品知识、情绪管理等课程，并评估学员的培训效果。"},
			{"Builds the organisation's training curriculum and coaching model and certifies other trainers.",
				"搭建组织的培训课程体系和辅导模式，并负责认证其他培训师。"},
		},
	},
	{
		Code: "DATA_ANALYSIS", Category: "BUSINESS",
		NameEN: "Data analysis", NameZH: "数据分析能力",
		DescEN: "Reads and analyses service data such as CSAT, first-contact resolution, handle time and volume, and acts on what it shows.",
		DescZH: "读懂并分析满意度、首次解决率、平均处理时长、话务量等客服数据，并据此采取行动。",
		Indicators: [5]indicator{
			{"Knows own KPIs and where to find them on the dashboard.",
				"了解自己的各项 KPI，知道在数据看板的哪里查看。"},
			{"Tracks own results week by week and can explain what moved them.",
				"按周跟踪个人指标，能说明数据起落的原因。"},
			{"Builds the team's regular KPI report and uses it to choose coaching priorities and close gaps.",
				"定期制作团队 KPI 报表，并据此确定辅导重点、补齐短板。"},
			{"Finds what drives satisfaction and volume trends through segmentation and root-cause analysis and sizes the effect of changes.",
				"通过分群和根因分析找出影响满意度与话务量的关键因素，并量化改进措施的效果。"},
			{"Defines the service metrics framework and forecasting models the organisation's decisions rely on.",
				"定义组织决策所依据的服务指标体系和预测模型。"},
		},
	},
	{
		Code: "QUALITY_ASSURANCE", Category: "OPERATIONS",
		NameEN: "Quality assurance", NameZH: "质量监控",
		DescEN: "Measures service quality against clear standards and turns the findings into improvement.",
		DescZH: "按照清晰的标准衡量服务质量，并把发现的问题转化为改进措施。",
		Indicators: [5]indicator{
			{"Knows the quality checklist and reviews own calls against it.",
				"熟悉质检评分表，并对照它自查通话。"},
			{"Scores sampled calls and chats consistently with the rubric and shows the agent the evidence.",
				"按评分标准对抽检的通话和在线记录稳定一致地打分，并向客服说明扣分依据。"},
			{"Runs the team's sampling plan, calibrates scores with other reviewers and follows failed items through to correction.",
				"负责团队的抽检计划，与其他质检员校准评分，并跟进不合格项直至整改完成。"},
			{"Designs quality rubrics and calibration sessions for several teams and links QA results to customer satisfaction.",
				"为多个团队设计质检标准和校准会，并把质检结果与客户满意度关联分析。"},
			{"Owns the organisation's quality framework and service standards and tests them against customer outcomes.",
				"负责组织的整体质量体系与服务标准，并用客户结果检验其有效性。"},
		},
	},
	{
		Code: "PROCESS_OPTIMISATION", Category: "OPERATIONS",
		NameEN: "Process optimisation", NameZH: "流程优化",
		DescEN: "Finds the friction in service processes and changes them with a measured effect.",
		DescZH: "发现服务流程中的堵点，推动改进并衡量改进效果。",
		Indicators: [5]indicator{
			{"Follows the standard operating procedures and reports steps that confuse customers.",
				"遵守标准作业流程，发现让客户困惑的环节时及时反馈。"},
			{"Suggests a concrete fix to a procedure, backed by examples from own cases.",
				"结合自己处理过的案例，对某个流程提出具体的改进建议。"},
			{"Maps a service process end to end, removes wasted steps and measures the effect on handle time or repeat contacts.",
				"能完整梳理一项服务流程，去掉多余环节，并衡量对处理时长或重复来电的影响。"},
			{"Leads improvement projects across channels or teams and makes the gains stick with updated SOPs and training.",
				"主导跨渠道或跨团队的流程改进项目，通过更新 SOP 和配套培训让成果固化下来。"},
			{"Sets the organisation's continuous-improvement method and project portfolio and redesigns the service model when needed.",
				"建立组织的持续改进方法和项目组合，必要时重新设计整体服务模式。"},
		},
	},
	{
		Code: "CROSS_DEPARTMENT", Category: "OPERATIONS",
		NameEN: "Cross-department coordination", NameZH: "跨部门协调",
		DescEN: "Works with sales, product, logistics and marketing to solve the customer issues service cannot solve alone.",
		DescZH: "与销售、产品、物流、市场等部门协作，解决客服无法单独解决的客户问题。",
		Indicators: [5]indicator{
			{"Knows which department owns which kind of issue and hands cases over through the right channel.",
				"清楚各类问题归哪个部门负责，并通过正确的渠道转交。"},
			{"Writes hand-overs another department can act on without calling back and chases them politely to closure.",
				"转给其他部门的信息清楚完整，对方无需回头追问，并礼貌地跟进到问题关闭。"},
			{"Agrees response-time commitments with partner teams and settles cross-team cases through named contacts there.",
				"与协作部门约定响应时限，并通过固定对接人解决跨团队案例。"},
			{"Represents the customer's voice in product and sales meetings and gets changes agreed that reduce contacts.",
				"在产品和销售会议上代表客户发声，推动各方就减少来电量的改进达成一致。"},
			{"Aligns senior leaders of all departments on a shared customer-experience agenda and joint targets.",
				"推动各部门高层围绕共同的客户体验议程和联合指标形成共识。"},
		},
	},
	{
		Code: "DECISION_MAKING", Category: "PEOPLE",
		NameEN: "Decision making", NameZH: "决策能力",
		DescEN: "Makes sound and timely decisions within one's authority, also when the facts are incomplete.",
		DescZH: "在权限范围内及时做出合理的决策，信息不完整时也不例外。",
		Indicators: [5]indicator{
			{"Knows what they may decide alone and refers everything else to the team lead.",
				"清楚哪些事可以自己做主，其他事项交由主管决定。"},
			{"Decides routine goodwill gestures and exceptions within their authority and records the reason.",
				"在权限内决定常规的补偿和例外处理，并记录理由。"},
			{"Makes escalation calls and staffing trade-offs during a shift quickly, on the facts available.",
				"在班次中根据现有信息，迅速做出升级处理和人手调配的决定。"},
			{"Takes decisions that affect several teams or budgets by weighing data, risk and customer impact, and explains them.",
				"做出影响多个团队或预算的决策，综合权衡数据、风险和客户影响，并向相关人员解释清楚。"},
			{"Takes organisation-wide decisions under uncertainty, such as channel strategy or outsourcing, and owns the outcome.",
				"在不确定的环境中做出全局性决策，如渠道策略或业务外包，并对结果负责。"},
		},
	},
	{
		Code: "STRATEGIC_PLANNING", Category: "BUSINESS",
		NameEN: "Strategic planning", NameZH: "战略规划",
		DescEN: "Turns business goals into a service strategy with SMART goals and sees it delivered.",
		DescZH: "把公司经营目标转化为服务战略和符合 SMART 原则的目标，并推动落地。",
		Indicators: [5]indicator{
			{"Knows the service department's goals for the year and how own work contributes to them.",
				"了解客服部门的年度目标，以及自己的工作如何为之做出贡献。"},
			{"Sets SMART personal or shift goals that support the team plan.",
				"围绕团队计划，制定符合 SMART 原则的个人或班组目标。"},
			{"Breaks the department strategy down into a yearly team plan with measurable goals and milestones.",
				"把部门战略分解为团队年度计划，设定可衡量的目标和里程碑。"},
			{"Writes the multi-team service plan for channels, staffing and priorities and reviews it against results every quarter.",
				"制定涵盖渠道、人力和优先事项的多团队服务规划，并每季度对照结果复盘。"},
			{"Sets the multi-year customer-experience strategy and aligns it with the company's business strategy.",
				"制定多年期的客户体验战略，并与公司整体经营战略保持一致。"},
		},
	},
	{
		Code: "BUDGET_MANAGEMENT", Category: "BUSINESS",
		NameEN: "Budget management", NameZH: "预算管理",
		DescEN: "Plans and controls the cost of service and spends where it improves customer outcomes.",
		DescZH: "规划并控制服务成本，把资源用在能改善客户体验的地方。",
		Indicators: [5]indicator{
			{"Knows what common goodwill gestures cost and uses them only as policy allows.",
				"了解常见补偿措施的成本，只在政策允许时使用。"},
			{"Keeps the shift's overtime and goodwill spending within the limits set.",
				"把班组的加班和补偿支出控制在规定额度之内。"},
			{"Prepares a team or department budget and explains the variances every month.",
				"编制团队或部门预算，并按月说明预算偏差。"},
			{"Forecasts staffing and technology costs for several teams and makes cost-effective trade-offs without hurting service.",
				"预测多个团队的人力与技术成本，在不影响服务质量的前提下做出高性价比的取舍。"},
			{"Owns the service organisation's budget, builds business cases for investment and reports the return to senior leadership.",
				"对客服组织的整体预算负责，为投资项目编写商业论证，并向高层汇报投入产出。"},
		},
	},
}

// demoRequirements is what each position of the ladder asks for: the
// management track rises step by step, the side tracks stress their
// speciality. HR and IT positions are outside the ladder and ask nothing.
var demoRequirements = []demoPositionRequirements{
	// Management track.
	{Position: "AGENT", MinMonths: 0, MinRating: 0, Competencies: map[string]int{
		"COMMUNICATION": 2, "PROBLEM_SOLVING": 2, "COMPLAINT_HANDLING": 2,
		"EMOTIONAL_RESILIENCE": 2, "PRODUCT_KNOWLEDGE": 2, "TOOLS_TECHNOLOGY": 2,
	}},
	{Position: "TEAM_LEAD", MinMonths: 12, MinRating: 3.5, Competencies: map[string]int{
		"COMMUNICATION": 3, "PROBLEM_SOLVING": 3, "COMPLAINT_HANDLING": 3,
		"EMOTIONAL_RESILIENCE": 3, "PRODUCT_KNOWLEDGE": 3, "TOOLS_TECHNOLOGY": 2,
		"LEADERSHIP": 2, "COACHING": 2, "TIME_MANAGEMENT": 2, "DATA_ANALYSIS": 2,
		"QUALITY_ASSURANCE": 2,
	}},
	{Position: "SERVICE_MANAGER", MinMonths: 18, MinRating: 3.8, Competencies: map[string]int{
		"COMMUNICATION": 4, "PROBLEM_SOLVING": 4, "COMPLAINT_HANDLING": 3,
		"EMOTIONAL_RESILIENCE": 3, "PRODUCT_KNOWLEDGE": 3, "TOOLS_TECHNOLOGY": 3,
		"LEADERSHIP": 3, "COACHING": 3, "TIME_MANAGEMENT": 3, "DATA_ANALYSIS": 3,
		"QUALITY_ASSURANCE": 3, "PROCESS_OPTIMISATION": 3, "CROSS_DEPARTMENT": 3,
		"DECISION_MAKING": 3, "STRATEGIC_PLANNING": 2, "BUDGET_MANAGEMENT": 2,
	}},
	{Position: "SENIOR_SERVICE_MANAGER", MinMonths: 24, MinRating: 4.0, Competencies: map[string]int{
		"COMMUNICATION": 4, "PROBLEM_SOLVING": 4, "COMPLAINT_HANDLING": 4,
		"EMOTIONAL_RESILIENCE": 4, "PRODUCT_KNOWLEDGE": 4, "TOOLS_TECHNOLOGY": 3,
		"LEADERSHIP": 4, "COACHING": 3, "TIME_MANAGEMENT": 4, "DATA_ANALYSIS": 3,
		"QUALITY_ASSURANCE": 3, "PROCESS_OPTIMISATION": 4, "CROSS_DEPARTMENT": 4,
		"DECISION_MAKING": 4, "STRATEGIC_PLANNING": 3, "BUDGET_MANAGEMENT": 3,
	}},
	{Position: "CX_DIRECTOR", MinMonths: 36, MinRating: 4.0, Competencies: map[string]int{
		"COMMUNICATION": 5, "PROBLEM_SOLVING": 4, "COMPLAINT_HANDLING": 4,
		"EMOTIONAL_RESILIENCE": 4, "PRODUCT_KNOWLEDGE": 4, "TOOLS_TECHNOLOGY": 3,
		"LEADERSHIP": 5, "COACHING": 4, "TIME_MANAGEMENT": 4, "DATA_ANALYSIS": 4,
		"QUALITY_ASSURANCE": 3, "PROCESS_OPTIMISATION": 4, "CROSS_DEPARTMENT": 5,
		"DECISION_MAKING": 5, "STRATEGIC_PLANNING": 5, "BUDGET_MANAGEMENT": 4,
	}},
	// Customer experience.
	{Position: "CX_SPECIALIST", MinMonths: 12, MinRating: 3.5, Competencies: map[string]int{
		"COMMUNICATION": 3, "PROBLEM_SOLVING": 3, "COMPLAINT_HANDLING": 3,
		"EMOTIONAL_RESILIENCE": 2, "PRODUCT_KNOWLEDGE": 3, "TOOLS_TECHNOLOGY": 2,
		"DATA_ANALYSIS": 2, "PROCESS_OPTIMISATION": 3, "CROSS_DEPARTMENT": 2,
	}},
	{Position: "CX_MANAGER", MinMonths: 18, MinRating: 3.8, Competencies: map[string]int{
		"COMMUNICATION": 4, "PROBLEM_SOLVING": 3, "COMPLAINT_HANDLING": 4,
		"EMOTIONAL_RESILIENCE": 3, "PRODUCT_KNOWLEDGE": 3, "TOOLS_TECHNOLOGY": 2,
		"LEADERSHIP": 3, "COACHING": 2, "TIME_MANAGEMENT": 3, "DATA_ANALYSIS": 3,
		"PROCESS_OPTIMISATION": 4, "CROSS_DEPARTMENT": 3, "DECISION_MAKING": 3,
		"STRATEGIC_PLANNING": 2, "BUDGET_MANAGEMENT": 2,
	}},
	// Training and quality.
	{Position: "TRAINER", MinMonths: 12, MinRating: 3.5, Competencies: map[string]int{
		"COMMUNICATION": 4, "PROBLEM_SOLVING": 3, "COMPLAINT_HANDLING": 2,
		"EMOTIONAL_RESILIENCE": 3, "PRODUCT_KNOWLEDGE": 4, "TOOLS_TECHNOLOGY": 2,
		"COACHING": 4, "TIME_MANAGEMENT": 2, "QUALITY_ASSURANCE": 2,
	}},
	{Position: "QA_SPECIALIST", MinMonths: 12, MinRating: 3.5, Competencies: map[string]int{
		"COMMUNICATION": 3, "PROBLEM_SOLVING": 2, "COMPLAINT_HANDLING": 3,
		"EMOTIONAL_RESILIENCE": 2, "PRODUCT_KNOWLEDGE": 3, "TOOLS_TECHNOLOGY": 3,
		"COACHING": 2, "DATA_ANALYSIS": 3, "QUALITY_ASSURANCE": 4,
	}},
	{Position: "TRAINING_QUALITY_MANAGER", MinMonths: 18, MinRating: 3.8, Competencies: map[string]int{
		"COMMUNICATION": 4, "PROBLEM_SOLVING": 3, "COMPLAINT_HANDLING": 3,
		"EMOTIONAL_RESILIENCE": 3, "PRODUCT_KNOWLEDGE": 4, "TOOLS_TECHNOLOGY": 3,
		"LEADERSHIP": 3, "COACHING": 5, "TIME_MANAGEMENT": 3, "DATA_ANALYSIS": 3,
		"QUALITY_ASSURANCE": 5, "PROCESS_OPTIMISATION": 3, "CROSS_DEPARTMENT": 2,
		"DECISION_MAKING": 3, "BUDGET_MANAGEMENT": 2,
	}},
	// Data.
	{Position: "DATA_ANALYST", MinMonths: 12, MinRating: 3.5, Competencies: map[string]int{
		"COMMUNICATION": 2, "PROBLEM_SOLVING": 3, "COMPLAINT_HANDLING": 2,
		"EMOTIONAL_RESILIENCE": 2, "PRODUCT_KNOWLEDGE": 3, "TOOLS_TECHNOLOGY": 4,
		"DATA_ANALYSIS": 4, "QUALITY_ASSURANCE": 2, "PROCESS_OPTIMISATION": 2,
	}},
	{Position: "DATA_ANALYTICS_MANAGER", MinMonths: 18, MinRating: 3.8, Competencies: map[string]int{
		"COMMUNICATION": 3, "PROBLEM_SOLVING": 3, "COMPLAINT_HANDLING": 2,
		"EMOTIONAL_RESILIENCE": 3, "PRODUCT_KNOWLEDGE": 3, "TOOLS_TECHNOLOGY": 4,
		"LEADERSHIP": 3, "COACHING": 2, "TIME_MANAGEMENT": 3, "DATA_ANALYSIS": 5,
		"QUALITY_ASSURANCE": 2, "PROCESS_OPTIMISATION": 3, "CROSS_DEPARTMENT": 3,
		"DECISION_MAKING": 3, "STRATEGIC_PLANNING": 2, "BUDGET_MANAGEMENT": 2,
	}},
	// Operations.
	{Position: "OPERATIONS_MANAGER", MinMonths: 18, MinRating: 3.8, Competencies: map[string]int{
		"COMMUNICATION": 3, "PROBLEM_SOLVING": 3, "COMPLAINT_HANDLING": 3,
		"EMOTIONAL_RESILIENCE": 3, "PRODUCT_KNOWLEDGE": 3, "TOOLS_TECHNOLOGY": 3,
		"LEADERSHIP": 3, "COACHING": 2, "TIME_MANAGEMENT": 3, "DATA_ANALYSIS": 3,
		"QUALITY_ASSURANCE": 3, "PROCESS_OPTIMISATION": 4, "CROSS_DEPARTMENT": 3,
		"DECISION_MAKING": 3, "STRATEGIC_PLANNING": 2, "BUDGET_MANAGEMENT": 3,
	}},
}

// demoMoves is the ladder as a graph: promotions up each track, from agent
// into the side tracks, and lateral moves between tracks at the same level
// (each lateral pair is listed once; the writer adds the reverse).
var demoMoves = []demoMove{
	// Up the management track.
	{"AGENT", "TEAM_LEAD", "PROMOTION"},
	{"TEAM_LEAD", "SERVICE_MANAGER", "PROMOTION"},
	{"SERVICE_MANAGER", "SENIOR_SERVICE_MANAGER", "PROMOTION"},
	{"SENIOR_SERVICE_MANAGER", "CX_DIRECTOR", "PROMOTION"},
	// From the front line into the side tracks.
	{"AGENT", "CX_SPECIALIST", "PROMOTION"},
	{"AGENT", "TRAINER", "PROMOTION"},
	{"AGENT", "QA_SPECIALIST", "PROMOTION"},
	{"AGENT", "DATA_ANALYST", "PROMOTION"},
	// Up the side tracks.
	{"CX_SPECIALIST", "CX_MANAGER", "PROMOTION"},
	{"CX_MANAGER", "CX_DIRECTOR", "PROMOTION"},
	{"TRAINER", "TRAINING_QUALITY_MANAGER", "PROMOTION"},
	{"QA_SPECIALIST", "TRAINING_QUALITY_MANAGER", "PROMOTION"},
	{"DATA_ANALYST", "DATA_ANALYTICS_MANAGER", "PROMOTION"},
	{"TEAM_LEAD", "OPERATIONS_MANAGER", "PROMOTION"},
	// Sideways at level 2.
	{"TEAM_LEAD", "TRAINER", "LATERAL"},
	{"TEAM_LEAD", "QA_SPECIALIST", "LATERAL"},
	{"TEAM_LEAD", "CX_SPECIALIST", "LATERAL"},
	{"CX_SPECIALIST", "DATA_ANALYST", "LATERAL"},
	{"QA_SPECIALIST", "DATA_ANALYST", "LATERAL"},
	// Sideways at level 3.
	{"SERVICE_MANAGER", "OPERATIONS_MANAGER", "LATERAL"},
	{"SERVICE_MANAGER", "CX_MANAGER", "LATERAL"},
	{"SERVICE_MANAGER", "TRAINING_QUALITY_MANAGER", "LATERAL"},
	{"DATA_ANALYTICS_MANAGER", "OPERATIONS_MANAGER", "LATERAL"},
	{"CX_MANAGER", "OPERATIONS_MANAGER", "LATERAL"},
	{"TRAINING_QUALITY_MANAGER", "OPERATIONS_MANAGER", "LATERAL"},
}

// demoProfiles rate every demo employee: most meet their position, a few
// agents are ready for team lead (Cao Lin, Yang Fan), agent@ and lead@ are
// growing into the next step with gaps, new hires are still below their
// own position, some rate themselves higher than their manager does, and
// a few ratings are stale.
var demoProfiles = []demoProfile{
	// Leadership.
	{Employee: "CS-1001", Delta: 0, MonthsAgo: 3},
	{Employee: "CS-1002", Delta: 0, MonthsAgo: 15}, // stale
	{Employee: "CS-1003", Delta: 0, MonthsAgo: 2},
	{Employee: "CS-1004", Toward: "SENIOR_SERVICE_MANAGER", Delta: -1, MonthsAgo: 4},
	{Employee: "CS-1005", Delta: 0, MonthsAgo: 5},
	// Team East.
	{Employee: "CS-1101", Toward: "SERVICE_MANAGER", Delta: -1, SelfDelta: 1, MonthsAgo: 2},
	{Employee: "CS-1102", Toward: "TEAM_LEAD", Delta: -1, SelfDelta: 1, MonthsAgo: 1},
	{Employee: "CS-1103", Delta: 0, MonthsAgo: 2},
	{Employee: "CS-1104", Delta: 0, MonthsAgo: 3},
	{Employee: "CS-1105", Delta: 0, MonthsAgo: 2},
	{Employee: "CS-1106", Toward: "TEAM_LEAD", Delta: 0, MonthsAgo: 1},
	{Employee: "CS-1107", Delta: -1, MonthsAgo: 1},
	{Employee: "CS-1108", Delta: 0, SelfDelta: 1, MonthsAgo: 4},
	// Team West.
	{Employee: "CS-1201", Delta: 0, MonthsAgo: 5},
	{Employee: "CS-1202", Delta: 0, MonthsAgo: 5},
	{Employee: "CS-1203", Delta: 0, MonthsAgo: 3},
	{Employee: "CS-1204", Toward: "TEAM_LEAD", Delta: 0, MonthsAgo: 14}, // ready, but stale
	{Employee: "CS-1205", Delta: 0, SelfDelta: 1, MonthsAgo: 3},
	{Employee: "CS-1206", Delta: 0, MonthsAgo: 6},
	{Employee: "CS-1207", Delta: -1, MonthsAgo: 1},
	{Employee: "CS-1208", Delta: 0, MonthsAgo: 18}, // offboarded; stale
	// Key accounts.
	{Employee: "CS-1301", Toward: "SERVICE_MANAGER", Delta: 0, MonthsAgo: 2},
	{Employee: "CS-1302", Toward: "TEAM_LEAD", Delta: 1, MonthsAgo: 1},
	{Employee: "CS-1303", Delta: 0, MonthsAgo: 2},
	{Employee: "CS-1304", Delta: 0, MonthsAgo: 4},
	{Employee: "CS-1305", Toward: "QA_SPECIALIST", Delta: 0, MonthsAgo: 3},
	{Employee: "CS-1306", Delta: 0, MonthsAgo: 2},
	// Training & quality.
	{Employee: "CS-1401", Delta: 0, MonthsAgo: 3},
	{Employee: "CS-1402", Delta: 0, MonthsAgo: 2},
	{Employee: "CS-1403", Delta: 0, MonthsAgo: 4},
	{Employee: "CS-1404", Delta: 0, MonthsAgo: 5},
	// CX & data.
	{Employee: "CS-1501", Delta: 0, MonthsAgo: 3},
	{Employee: "CS-1502", Toward: "DATA_ANALYTICS_MANAGER", Delta: -1, MonthsAgo: 4},
	{Employee: "CS-1503", Delta: 0, MonthsAgo: 6},
	{Employee: "CS-1504", Delta: 0, MonthsAgo: 2},
	// People & systems.
	{Employee: "HR-2001", Delta: 0, MonthsAgo: 6},
	{Employee: "HR-2002", Delta: 0, MonthsAgo: 5},
	{Employee: "IT-3001", Delta: 0, MonthsAgo: 4},
}
