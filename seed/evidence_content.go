package seed

// The demo's tests, attempts, rubrics, scorecards, KPIs and performance
// ratings. The shapes are in evidence.go, which also writes them. Days are
// counted back from the day the seed runs.
//
// The story it adds (see also demoProfiles and demoEnrollments):
//   - agent@ (Wu Xiaoling) passed her privacy exam at the second attempt and
//     has CS-210-FINAL open: it certifies COMPLAINT_HANDLING and
//     PROBLEM_SOLVING at 3, one above her rated 2, so passing it in the
//     demo raises both. Her handle time is the slowest in Team East (the CRM
//     course she is overdue on), her CSAT just short of a lead's 88, and
//     her half-year rating (4.0) waits for her acknowledgement.
//   - lead@ (Li Na) has scored one call of each of her agents, was observed
//     twice by manager@, and rated her team; Peng Bo failed the product
//     final last week.
//   - trainer@ (Huang Li) has Cao Lin's coaching test in her grading queue
//     and disagrees with qa@ on two calls (the calibration view).
//   - qa@ (Zhao Fang) owns the QA-CALLS rubric and samples every agent.
//   - hr@ imported the KPIs and has Jiang Tao's disputed rating to resolve.
//   - Cao Lin, Yang Fan and Yuan Hang meet a lead's CSAT and FCR and are
//     rated 4.0 or more; Du Kai's QA score meets a QA specialist's 85.

// Who scores, imports and rates.
const (
	qaAssessor      = "CS-1403" // qa@
	trainerAssessor = "CS-1402" // trainer@
	hrImporter      = "HR-2001" // hr@
)

// demoAssessments are the knowledge tests: twenty of the twenty-five
// published courses have one; four are their course's final test.
var demoAssessments = []demoAssessment{
	{
		Code: "CS-101-QUIZ", Course: "CS-101", PassMark: 70,
		TitleEN: "Service etiquette quiz", TitleZH: "服务礼仪测验",
		DescriptionEN: "Greeting, hold, closing and the words to avoid.", DescriptionZH: "开场、等待、结束语与服务禁语。",
		Questions: []demoQuestion{
			single("Which opening follows the standard phone greeting?", "以下哪一句符合标准电话开场白？",
				right("Good morning, thank you for calling. This is Xiaoling, how may I help you?", "您好，感谢致电，我是客服小玲，请问有什么可以帮您？"),
				wrong("Hello? What's the problem?", "喂，什么事？"),
				wrong("Customer service, speak.", "客服，请讲。")),
			truth("Before putting a customer on hold you ask for permission and say how long it will take.",
				"让客户等待前，应先征得同意并告知大约需要多长时间。", true),
			multi("Which phrases are on the list of words to avoid?", "以下哪些属于服务禁语？",
				right("That's not my department.", "这不归我管。"),
				right("You must have done it wrong.", "肯定是您操作错了。"),
				wrong("I understand, let me check that for you.", "我理解，我帮您查一下。"),
				right("I already told you.", "我刚才已经说过了。")),
			single("The customer has waited on hold for the time you gave. What do you do?", "客户已经等待到您告知的时间，您应该怎么做？",
				right("Return to the line, thank them for waiting and give an update", "回到通话，感谢客户耐心等待并告知进展"),
				wrong("Keep them on hold until you have the full answer", "继续让客户等待，直到查到完整答案"),
				wrong("Transfer the call to a colleague without explaining", "不作说明直接转给同事")),
			truth("In chat it is fine to answer with abbreviations and emoji only, because it is an informal channel.",
				"在线会话属于非正式渠道，可以只用缩写和表情回复客户。", false).
				why("Chat is written service: the same courtesy and full sentences as e-mail.", "在线会话属于书面服务，应与邮件一样使用礼貌完整的句子。"),
			single("Which closing is best?", "以下哪种结束语最恰当？",
				right("Is there anything else I can help you with? Thank you for calling, have a nice day.", "请问还有其他可以帮您的吗？感谢您的来电，祝您生活愉快。"),
				wrong("OK, bye.", "好了，再见。"),
				wrong("If there's nothing else I'll hang up.", "没别的事我先挂了。")),
		},
	},
	{
		Code: "CS-102-CHECK", Course: "CS-102", PassMark: 70, TimeLimit: 20,
		TitleEN: "Call scripts check", TitleZH: "电话话术测验",
		DescriptionEN: "Taken at the end of the workshop: probing, explaining and closing.", DescriptionZH: "工作坊结束时完成：探询、讲解与结束。",
		Questions: []demoQuestion{
			single("What are probing questions for?", "探询提问的主要目的是什么？",
				right("To pin down the customer's real need before offering a solution", "在给出方案前锁定客户的真实需求"),
				wrong("To keep the call going longer", "延长通话时间"),
				wrong("To check whether the customer is telling the truth", "判断客户是否说谎")),
			multi("Which are open probing questions?", "以下哪些是开放式探询问题？",
				right("What happened when you tried to log in?", "您登录时具体出现了什么情况？"),
				right("How would you like us to handle it?", "您希望我们怎么处理？"),
				wrong("Is your order number 2024…?", "您的订单号是 2024……吗？"),
				wrong("Did you restart the device?", "您重启过设备吗？")),
			truth("After explaining a solution, summarise what will happen next and confirm the customer agrees.",
				"讲解方案后，应总结后续安排并确认客户同意。", true),
			single("“The script is a guide, not a text to read aloud.” What does that mean on the phone?", "“话术是指引而不是念稿”，在通话中意味着什么？",
				right("Keep its structure and key phrases, in your own natural words", "保留结构和关键用语，用自然的语言表达"),
				wrong("Skip the script when the customer is in a hurry", "客户着急时可以跳过话术"),
				wrong("Read it word for word so QA cannot deduct points", "逐字照读，质检就不会扣分")),
			single("The customer's problem is complex. How do you explain the solution?", "客户的问题比较复杂，您如何讲解解决方案？",
				right("Step by step, in plain words, checking understanding after each step", "分步骤、用通俗的话讲解，每一步确认客户是否理解"),
				wrong("In our internal technical terms, so it sounds professional", "使用内部技术术语，显得更专业"),
				wrong("Send the knowledge-base link and end the call", "发送知识库链接后结束通话")),
			truth("You may promise a callback time you are not sure of, as long as the customer calms down.",
				"只要能让客户平静下来，可以承诺一个自己不确定的回电时间。", false),
		},
	},
	{
		Code: "CS-201-TEST", Course: "CS-201", PassMark: 75,
		TitleEN: "Difficult conversations: assessment", TitleZH: "高难度对话沟通考核",
		DescriptionEN: "De-escalation, saying no and writing a reply that needs no follow-up; the written reply is graded by the trainer.",
		DescriptionZH: "降温话术、拒绝的艺术与一次讲清的书面回复；书面回复由培训师评分。",
		Questions: []demoQuestion{
			single("A customer shouts that this is the third time he calls. What do you say first?", "客户大声说这是他第三次来电。您首先应该说什么？",
				right("I'm sorry you've had to call three times; let me make sure we settle it on this call.", "非常抱歉让您来电三次，这次我一定帮您跟进到底。"),
				wrong("Please calm down, sir.", "先生，请您冷静一点。"),
				wrong("Your previous calls were handled by other colleagues.", "之前是其他同事处理的。")),
			multi("Which help de-escalate an upset customer?", "以下哪些做法有助于为情绪激动的客户降温？",
				right("Letting them finish without interrupting", "让客户把话说完，不打断"),
				right("Naming the feeling: “I can hear this has been frustrating”", "说出对方的感受：“听得出来这件事让您很困扰”"),
				wrong("Raising your voice so they can hear you", "提高音量压过客户"),
				right("Saying what you will do next and by when", "说明接下来您会做什么、何时完成")),
			single("A customer asks for a refund the policy does not allow. The best answer?", "客户要求的退款不符合政策。最好的回应是？",
				right("Explain briefly why not, then offer what you can do instead", "简要说明原因，再提供可以做到的替代方案"),
				wrong("Say it is company policy and end the topic", "说这是公司规定，不再讨论"),
				wrong("Promise to ask and hope they forget", "答应去申请，寄希望于客户忘记")),
			truth("An expert customer should get the same level of detail as a first-time user.",
				"对专业型客户，应与首次使用的客户讲解同样细节程度的内容。", false),
			truth("A written reply answers every question the customer asked, in the order asked.",
				"书面回复应按客户提问的顺序回答其所有问题。", true),
			short("A customer wants a free replacement 40 days after purchase; the no-reason return period is 7 days and the product works. Write your reply (3–5 sentences).",
				"客户在购买 40 天后要求免费换新；无理由退换期为 7 天，且商品功能正常。请写出您的回复（3–5 句）。",
				"非常理解您希望换新的心情。按照规定，无理由退换需在签收后 7 天内申请，目前已超过期限，所以无法免费换新。商品仍在一年保修期内，使用中如出现故障我们可以免费维修。另外我可以为您申请一张以旧换新优惠券，您看可以吗？",
				"先共情再说明原因，并给出了替代方案，结构完整。"),
		},
	},
	{
		Code: "CS-110-QUIZ", Course: "CS-110", PassMark: 70,
		TitleEN: "Complaint handling essentials quiz", TitleZH: "投诉处理基础测验",
		DescriptionEN: "Recording a complaint, the three steps, and what you may offer.", DescriptionZH: "投诉记录、三步法与补偿权限。",
		Questions: []demoQuestion{
			multi("What must a complaint record contain?", "一条投诉记录必须包含哪些信息？",
				right("The customer's contact details and order or account number", "客户联系方式及订单号或账号"),
				right("What happened, in the customer's words", "事情经过（按客户的原话记录）"),
				right("What the customer expects", "客户的诉求"),
				wrong("Your opinion of the customer", "您对客户的个人评价")),
			single("What are the three steps of the complaint method taught in this course?", "本课程讲授的投诉处理三步法是？",
				right("Acknowledge, apologise, act", "体谅、致歉、行动"),
				wrong("Listen, transfer, close", "倾听、转接、结案"),
				wrong("Explain, defend, compensate", "解释、辩护、补偿")),
			truth("Apologising for the customer's experience is the same as admitting the company is at fault.",
				"为客户的不愉快经历致歉，就等于承认公司有过错。", false).
				why("You apologise for how the customer feels; fault is established by the facts.", "致歉针对的是客户的感受，责任要由事实来认定。"),
			single("Which goodwill gesture may an agent offer without a lead's approval?", "客服无需主管审批可以提供哪种补偿？",
				right("A coupon within the amount set in the goodwill policy", "补偿政策规定额度内的优惠券"),
				wrong("A full refund of any order", "任意订单的全额退款"),
				wrong("Whatever cash compensation the customer asks for", "客户要求的现金赔偿")),
			single("When must the customer be told what happens next?", "应在什么时候告知客户后续处理流程？",
				right("Before the end of the first contact", "在首次接触结束前"),
				wrong("Only after the complaint is resolved", "投诉解决之后"),
				wrong("When the customer asks", "客户询问时")),
			truth("A complaint the customer withdraws during the call is still recorded.", "客户在通话中撤回的投诉，也应当记录。", true),
		},
	},
	{
		// The test agent@ has open: she is two modules into the course.
		Code: "CS-210-FINAL", Course: "CS-210", Final: true, PassMark: 75, TimeLimit: 25, MaxAttempts: 3,
		TitleEN: "Complaint handling and service recovery: final test", TitleZH: "投诉处理与服务补救结业考试",
		DescriptionEN: "Pass it to complete the course. Eight questions, 25 minutes, three attempts.",
		DescriptionZH: "通过后方可完成课程。共 8 题，限时 25 分钟，最多 3 次机会。",
		Questions: []demoQuestion{
			single("An escalated complaint reaches you. What do you do first?", "一宗升级投诉转到您这里，第一步应该做什么？",
				right("Read the history, so the customer does not have to tell the story again", "先查看历史记录，避免客户重复讲述"),
				wrong("Call the customer and ask them to explain from the beginning", "致电客户，请其从头讲一遍"),
				wrong("Offer the largest compensation straight away", "立即提供最高额度补偿")).
				why("Having to repeat the story is the most common cause of an escalation getting worse.", "让客户重复讲述，是升级投诉进一步恶化最常见的原因。"),
			multi("Which questions help find the root cause with the customer?", "以下哪些问题有助于与客户一起找准根本原因？",
				right("When did it first happen?", "问题最早是什么时候出现的？"),
				right("What did you expect to happen, and what happened instead?", "您原本期待的结果是什么？实际发生了什么？"),
				wrong("Why didn't you read the terms?", "您为什么没看条款？"),
				right("Has anything changed since it last worked?", "上次正常使用后有什么变化吗？")),
			single("What makes a remedy fair?", "什么样的补救方案才算“合理”？",
				right("It repairs the customer's actual loss, within your authority and the policy", "在权限和政策范围内弥补客户的实际损失"),
				wrong("It is the largest amount the customer will accept", "客户能接受的最高金额"),
				wrong("It is the same for every complaint", "所有投诉一律相同")),
			truth("Once a remedy is agreed, the complaint can be closed without contacting the customer again.",
				"补救方案达成一致后，无需再联系客户即可结案。", false).
				why("Follow up until the customer confirms the remedy arrived.", "要跟进到客户确认补救已落实为止。"),
			single("A complaint counts as settled when…", "投诉可视为“已解决”的标准是？",
				right("the customer confirms the remedy was delivered and the matter is settled", "客户确认补救已落实、问题已解决"),
				wrong("the remedy has been approved internally", "补救方案已在内部审批通过"),
				wrong("three working days have passed", "已过去三个工作日")),
			multi("Which actions reduce repeat complaints?", "以下哪些措施有助于减少重复投诉？",
				right("Tagging the root cause on every complaint ticket", "在每张投诉工单上标注根本原因"),
				right("Reporting recurring causes to the department that owns them", "把反复出现的原因反馈给责任部门"),
				wrong("Closing tickets faster, without a follow-up call", "不做回访、加快结单")),
			truth("If the remedy you want to offer is beyond your authority, you take a proposal to your team lead rather than refuse the customer.",
				"当您想提供的补救超出自身权限时，应带着方案向主管申请，而不是直接拒绝客户。", true),
			single("Team East's complaint rate rose from 1.2 to 1.8 per thousand contacts. What does that mean?", "华东组的投诉率从每千次咨询 1.2 件升至 1.8 件，这意味着什么？",
				right("Six more complaints for every ten thousand contacts", "每一万次咨询多了 6 件投诉"),
				wrong("Complaints rose by 0.6 percent of all contacts", "投诉占全部咨询的比例上升了 0.6%"),
				wrong("The team received 1.8 complaints a day", "团队每天收到 1.8 件投诉")).
				why("0.6 more per thousand is 6 more per ten thousand, or 0.06 %.", "每千次多 0.6 件，即每万次多 6 件，也就是 0.06%。"),
		},
	},
	{
		Code: "EMO-101-QUIZ", Course: "EMO-101", PassMark: 60,
		TitleEN: "Emotion management check", TitleZH: "情绪管理自测",
		DescriptionEN: "Stress signals, abusive callers and asking for help; the last answer is read by the trainer.",
		DescriptionZH: "压力信号、恶意来电与求助；最后一题由培训师阅评。",
		Questions: []demoQuestion{
			truth("Taking a slow breath before the next call after an abusive one is good practice, not a waste of time.",
				"遭遇辱骂来电后，在接听下一通电话前做一次缓慢的深呼吸，是良好做法而非浪费时间。", true),
			multi("Which are early signs of stress?", "以下哪些是压力的早期信号？",
				right("Talking faster and interrupting", "语速变快、频繁打断客户"),
				right("Tense shoulders or jaw", "肩膀或下颌紧绷"),
				right("Replaying a call in your head for a long time", "脑海里反复回放某通电话"),
				wrong("Taking your scheduled break", "按排班休息")),
			single("A caller becomes abusive and insults you personally. What does the policy allow?", "来电者开始辱骂并进行人身攻击，政策允许您怎么做？",
				right("Give one warning; if it goes on, end the call politely and record it", "先给予一次提醒，若仍继续，礼貌结束通话并做记录"),
				wrong("Answer in kind", "以牙还牙"),
				wrong("Stay on the line however long it lasts", "无论多久都要坚持听下去")),
			single("When should you ask your team lead for help?", "什么时候应该向主管求助？",
				right("Before you feel you are losing your composure", "在感到自己快要失控之前"),
				wrong("Only after the customer has complained about you", "客户投诉您之后"),
				wrong("Never: it shows weakness", "从不：求助显得能力不足")),
			truth("Suppressing every feeling is the most effective way to stay resilient.", "压抑所有情绪是保持抗压能力最有效的方法。", false),
			short("Describe one technique you use to reset between two difficult contacts, and why it works for you.",
				"请描述一种您在两次棘手接待之间调整状态的方法，并说明它为什么对您有效。",
				"我会做 30 秒的“4-7-8”呼吸，同时把上一通电话的要点记进工单，记完就算“放下”了。这样下一位客户听到的是平稳的声音，而不是上一通电话的情绪。",
				"方法具体，也说明了为什么有效。"),
		},
	},
	{
		Code: "PK-101-FINAL", Course: "PK-101", Final: true, PassMark: 80, TimeLimit: 30, MaxAttempts: 3, Draw: 8,
		TitleEN: "Product knowledge test", TitleZH: "产品知识考试",
		DescriptionEN: "Eight questions drawn from a bank of twelve on returns, warranty, refunds and plans. Pass it to complete the course.",
		DescriptionZH: "从 12 道题的题库中随机抽取 8 题，涵盖退换货、保修、退款与套餐。通过后方可完成课程。",
		Questions: []demoQuestion{
			single("Within how many days of delivery may a customer return a product without giving a reason?", "客户签收后多少天内可以无理由退货？",
				right("7 days", "7 天"), wrong("15 days", "15 天"), wrong("30 days", "30 天")),
			single("How long is the standard warranty on our devices?", "公司设备的标准保修期是多长？",
				right("One year from delivery", "自签收之日起一年"), wrong("Six months", "六个月"), wrong("Two years", "两年")),
			truth("A refund goes back to the payment method the customer used.", "退款原路退回至客户付款时使用的账户。", true),
			single("Where do you find the current price of a plan?", "在哪里查看套餐的最新价格？",
				right("The price page of the knowledge base, which shows its effective date", "知识库的价格页面（标注了生效日期）"),
				wrong("Last month's training slides", "上个月的培训课件"),
				wrong("Ask the colleague next to you", "询问旁边的同事")),
			multi("What does the Care+ plan include?", "Care+ 服务套餐包含哪些权益？",
				right("Accidental damage cover", "意外损坏保障"),
				right("A replacement device shipped within 48 hours", "48 小时内寄出替换设备"),
				wrong("A free upgrade to every new model", "每款新机免费升级"),
				right("The warranty extended to three years", "保修期延长至三年")),
			truth("A product returned without a reason must be complete, with its accessories and packaging.", "无理由退货的商品须保持完好，配件及包装齐全。", true),
			single("A device fails ten months after purchase. What does the customer get?", "设备在购买后第 10 个月出现故障，客户可以获得什么？",
				right("A free repair under the warranty", "保修期内免费维修"),
				wrong("A full refund", "全额退款"),
				wrong("Nothing: the return period is over", "无：退货期已过")),
			single("How long does a refund to a bank card usually take once the return has arrived?", "收到退货后，退款到银行卡通常需要多久？",
				right("3–7 working days", "3–7 个工作日"), wrong("The same day", "当天"), wrong("30 days", "30 天")),
			truth("An agent may quote a discount that is not in the knowledge base if the customer threatens to cancel.",
				"客户扬言取消订单时，客服可以报出知识库中没有的折扣。", false),
			multi("What do you check before starting a warranty repair?", "办理保修维修前必须核对哪些信息？",
				right("The proof of purchase or order number", "购买凭证或订单号"),
				right("The device's serial number", "设备序列号"),
				wrong("The customer's employer", "客户的工作单位"),
				right("That the damage is not excluded, such as water damage", "损坏不属于除外责任（如进水）")),
			single("A policy article was updated yesterday. Which version applies to an order placed last week?", "知识库的某条政策昨天更新了。上周下的订单适用哪个版本？",
				right("The version in force on the order date, unless the new one says otherwise", "下单当日有效的版本，除非新版本另有规定"),
				wrong("Always the newest", "一律按最新版本"),
				wrong("Whichever the customer prefers", "客户选择哪个就用哪个")),
			truth("The customer pays the shipping of a no-reason return unless a promotion says otherwise.", "无理由退货的运费由客户承担，活动另有约定的除外。", true),
		},
	},
	{
		Code: "PK-201-FINAL", Course: "PK-201", Final: true, PassMark: 75, TimeLimit: 30, MaxAttempts: 3,
		TitleEN: "Product deep dive: case test", TitleZH: "产品进阶案例测试",
		DescriptionEN: "Recommending the right plan and handling edge cases. Pass it to complete the course.",
		DescriptionZH: "推荐合适方案与处理特殊情形。通过后方可完成课程。",
		Questions: []demoQuestion{
			single("A customer asks whether to buy Care+ for a device she uses outdoors. The best recommendation?", "客户询问户外使用的设备是否值得购买 Care+。最好的建议是？",
				right("Care+, because it covers accidental damage and outdoor use raises that risk", "建议购买 Care+，它保障意外损坏，而户外使用正会增加这类风险"),
				wrong("The standard warranty, it is always enough", "标准保修就够了，任何情况都一样"),
				wrong("Whichever costs more", "选价格高的那个")),
			multi("Which edge cases do you escalate rather than decide yourself?", "以下哪些特殊情形应升级处理，而不是自行决定？",
				right("A device bought abroad", "境外购买的设备"),
				right("Damage after a repair by an unauthorised shop", "非授权网点维修后出现的损坏"),
				wrong("A return on day 3 with the box intact", "第 3 天申请退货且包装完好")),
			truth("When a release changes a policy, customers who bought under the old policy keep what it promised.",
				"新版本更改政策后，按旧政策购买的客户仍享有旧政策承诺的权益。", true),
			single("Plan A is cheaper per month with a 12-month minimum term; plan B is monthly. A customer moving abroad in four months should take…",
				"A 套餐月费更低但最短合约期 12 个月；B 套餐按月订阅。四个月后要出国的客户应选择……",
				right("Plan B", "B 套餐"), wrong("Plan A", "A 套餐"), wrong("Either: it makes no difference", "都可以，没有区别")),
			truth("If the knowledge base has no answer, give your best guess so the customer is not kept waiting.",
				"知识库里查不到答案时，先凭经验给客户一个答复，免得让客户久等。", false),
			single("The best way to explain the difference between two plans?", "讲解两个套餐差异的最好方式是？",
				right("Compare them on the two or three points that matter to this customer", "围绕对这位客户最重要的两三点进行对比"),
				wrong("Read out both full feature lists", "把两个套餐的全部功能逐条念一遍"),
				wrong("Send both brochures and let the customer decide", "把两份宣传册都发过去，让客户自己决定")),
		},
	},
	{
		Code: "TOOL-101-QUIZ", Course: "TOOL-101", PassMark: 70,
		TitleEN: "CRM and ticketing quiz", TitleZH: "CRM 与工单系统测验",
		DescriptionEN: "Finding the record, tickets, priorities and notes.", DescriptionZH: "查找档案、工单、优先级与备注。",
		Questions: []demoQuestion{
			single("What do you search by first to find the customer record?", "查找客户档案时，首先用什么检索？",
				right("The phone number or order number the customer gives", "客户提供的手机号或订单号"),
				wrong("The customer's name only", "只用客户姓名"),
				wrong("The last ticket created", "最近创建的一张工单")),
			truth("Every contact gets a ticket, even one resolved on the spot.", "每一次接待都要建工单，即使当场解决也不例外。", true),
			single("A ticket's priority is set by…", "工单的优先级由什么决定？",
				right("its category and the service-level deadline that comes with it", "工单分类及其对应的服务时限"),
				wrong("how angry the customer sounds", "客户听起来有多生气"),
				wrong("the order in which tickets arrived", "工单到达的先后顺序")),
			multi("What belongs in the ticket notes?", "工单备注中应写明哪些内容？",
				right("What the customer asked", "客户的诉求"),
				right("What you did and what you promised", "您做了什么、承诺了什么"),
				right("The next step and its deadline", "下一步及其时限"),
				wrong("Your opinion of the customer", "您对客户的个人看法")),
			truth("While on a call, leave your open chats unanswered until the call ends.", "接听电话时，应让在线会话一直无人回复，直到通话结束。", false).
				why("Send a short holding message so the chat customer knows you are with them.", "应先发送简短的稍候提示，让在线客户知道有人在跟进。"),
		},
	},
	{
		Code: "COMP-101-EXAM", Course: "COMP-101", PassMark: 80, TimeLimit: 20, MaxAttempts: 3, Draw: 8,
		TitleEN: "Data privacy certification exam", TitleZH: "数据隐私合规认证考试",
		DescriptionEN: "Eight questions drawn from twelve, 20 minutes, pass mark 80 %, three attempts a year.",
		DescriptionZH: "从 12 题中随机抽取 8 题，限时 20 分钟，80 分及格，每年最多 3 次机会。",
		Questions: []demoQuestion{
			single("Before disclosing any order details on the phone you must…", "在电话中透露任何订单信息前，必须……",
				right("verify the caller's identity with two of the registered details", "通过两项注册信息核验来电者身份"),
				wrong("ask for the caller's name", "询问来电者姓名"),
				wrong("check that the caller ID is a mobile number", "确认来电号码是手机号")),
			truth("A spouse calling about a customer's account may be given its details if they know the order number.",
				"配偶来电询问客户账户时，只要说得出订单号，就可以告知账户信息。", false),
			multi("Which are personal information under the law?", "以下哪些属于法律意义上的个人信息？",
				right("A phone number", "手机号码"),
				right("A delivery address", "收货地址"),
				right("Call recordings", "通话录音"),
				wrong("The company's published price list", "公司公开的价目表")),
			single("A customer asks you to delete her call recordings. What do you do?", "客户要求删除她的通话录音，您应该怎么做？",
				right("Record the request and route it to the data-protection team within the deadline", "记录请求并在时限内转交数据保护团队"),
				wrong("Delete them yourself in the system", "自己在系统里直接删除"),
				wrong("Tell her recordings can never be deleted", "告诉她录音一律不能删除")),
			truth("Customer data may be copied to a personal phone to work on a case from home.", "为了在家处理案件，可以把客户数据拷贝到个人手机上。", false),
			single("A printout with a customer list lies on the shared printer. What is it?", "公共打印机上放着一份打印出来的客户名单，这属于什么情况？",
				right("A possible data incident, to report at once", "可能的数据安全事件，应立即上报"),
				wrong("Nothing: it is inside the office", "没关系，反正在办公室里"),
				wrong("Something to mention at the next team meeting", "下次团队会议时提一下即可")),
			single("How soon is a suspected data incident reported to the security team?", "疑似数据安全事件应在多长时间内上报安全团队？",
				right("Immediately, and within the same shift at the latest", "立即上报，最迟不超过当班"),
				wrong("Within a month", "一个月内"),
				wrong("Only if a customer complains", "只有客户投诉时才上报")),
			truth("A call is recorded only after the customer has been told so at its start.", "只有在通话开始时告知客户后，才能对通话进行录音。", true),
			multi("Which may you disclose once the caller's identity is verified?", "核验身份后，可以向来电者透露哪些信息？",
				right("The status of the customer's own order", "客户本人订单的状态"),
				right("The delivery date of that order", "该订单的配送日期"),
				wrong("Another customer's address", "其他客户的地址"),
				wrong("An employee's personal phone number", "员工的私人手机号")),
			single("A caller fails identity verification but insists. What do you do?", "来电者未通过身份核验却坚持要求查询，您应该怎么做？",
				right("Politely decline and offer another way to verify, such as the app", "礼貌拒绝，并提供其他核验方式（如通过 App）"),
				wrong("Disclose part of the details", "透露部分信息"),
				wrong("Transfer to a colleague who may be less strict", "转给可能没那么严格的同事")),
			truth("Consent to marketing calls need not be recorded if the customer agreed verbally.", "客户口头同意接听营销电话后，无需记录其授权。", false),
			single("How long are call recordings kept under our retention rule?", "按照公司的保存规定，通话录音保存多久？",
				right("12 months, unless part of an open case", "12 个月，未结案件相关的除外"),
				wrong("For ever", "永久保存"),
				wrong("7 days", "7 天")),
		},
	},
	{
		Code: "QA-101-QUIZ", Course: "QA-101", PassMark: 70,
		TitleEN: "Quality checklist quiz", TitleZH: "质检标准测验",
		DescriptionEN: "The five items of the call quality checklist and how they are weighted.", DescriptionZH: "通话质检评分表的五个评分项及其权重。",
		Questions: []demoQuestion{
			single("What does the call quality checklist score?", "通话质检评分表评估哪些方面？",
				right("Greeting and script, empathy, resolution, product accuracy, compliance", "开场与话术、同理心、问题解决、产品准确性、合规"),
				wrong("Speed, tone and closing only", "只评估语速、语气和结束语"),
				wrong("Ten items, all weighted equally", "十个评分项，权重相同")),
			truth("Resolution carries the highest weight on the checklist.", "在评分表中，“问题解决”的权重最高。", true),
			multi("Which would cost points under compliance?", "以下哪些会在“合规”项被扣分？",
				right("Disclosing order details before verifying identity", "核验身份前透露订单信息"),
				right("Not telling the customer the call is recorded", "未告知客户通话正在录音"),
				wrong("A warm closing", "热情的结束语"),
				right("Promising compensation above your authority", "承诺超出权限的补偿")),
			single("Why review your own calls against the checklist?", "为什么要对照评分表自查通话？",
				right("To spot and fix your gaps before a QA sample does", "在质检抽查之前发现并改进自己的不足"),
				wrong("To argue with QA scores", "为了和质检员争论分数"),
				wrong("Because it is required once a year", "因为每年必须做一次")),
			truth("A single sampled call is enough to judge an agent's quality.", "仅凭一通抽检录音就足以评价一名客服的服务质量。", false),
		},
	},
	{
		Code: "QA-201-FINAL", Course: "QA-201", Final: true, PassMark: 80, MaxAttempts: 2,
		TitleEN: "QA sampling and calibration: certification test", TitleZH: "质检抽样与评分校准认证考试",
		DescriptionEN: "The written part of the certification, taken after the blind-scoring exercise.", DescriptionZH: "认证的笔试部分，在盲评练习之后进行。",
		Questions: []demoQuestion{
			single("A team of 12 agents, 4 contacts sampled per agent a month: how many contacts does QA score a month?", "团队共 12 名客服，每人每月抽检 4 次接待，质检每月需评分多少次？",
				right("48", "48"), wrong("12", "12"), wrong("16", "16")),
			single("What is calibration for?", "评分校准的目的是什么？",
				right("So that reviewers give the same level to the same performance", "让不同质检员对同样的表现给出相同评分"),
				wrong("To raise the team's average score", "提高团队的平均分"),
				wrong("To choose which calls to sample", "决定抽检哪些通话")),
			truth("In a calibration session reviewers score the same call independently before they discuss it.",
				"在校准会上，质检员先各自独立为同一通录音评分，然后再讨论。", true),
			multi("A good sampling plan…", "好的抽检计划应当……",
				right("samples every agent every month", "每月覆盖每一名客服"),
				right("picks contacts at random within each agent's work", "在每名客服的接待中随机抽取"),
				wrong("samples only contacts that led to a complaint", "只抽查引发投诉的接待"),
				right("adds targeted samples for new hires", "对新员工增加定向抽检")),
			single("Two reviewers gave product accuracy levels 2 and 4 on the same call. What next?", "两名质检员对同一通录音的“产品准确性”分别评了 2 级和 4 级，下一步怎么做？",
				right("Discuss the evidence against the level descriptors and agree how to apply them", "对照各级描述讨论依据，统一评分口径"),
				wrong("Average it to 3 and move on", "取平均值 3 级，继续下一通"),
				wrong("Keep the higher level", "以较高的评分为准")),
			truth("A failed item is closed once the agent has been told about it.", "只要告知了客服，不合格项就可以关闭。", false),
		},
	},
	{
		Code: "DATA-101-QUIZ", Course: "DATA-101", PassMark: 70, Draw: 8,
		TitleEN: "Service KPIs quiz", TitleZH: "客服指标测验",
		DescriptionEN: "Eight questions drawn from ten: what CSAT, FCR, AHT and the complaint rate measure, and how to work them out.",
		DescriptionZH: "从 10 题中随机抽取 8 题：满意度、首次解决率、平均处理时长与投诉率的含义和计算。",
		Questions: []demoQuestion{
			single("CSAT is…", "客户满意度（CSAT）是指……",
				right("the share of surveyed customers who rated the contact satisfied or better", "接受调查的客户中评价为满意及以上的比例"),
				wrong("the number of compliments received", "收到表扬的次数"),
				wrong("the share of calls answered within 20 seconds", "20 秒内接通的来电比例")),
			single("First-contact resolution measures…", "首次解决率（FCR）衡量的是……",
				right("the share of contacts resolved without the customer having to come back", "无需客户再次联系即解决的咨询比例"),
				wrong("the time to the first reply", "首次回复所需时间"),
				wrong("contacts handled per hour", "每小时处理的咨询量")),
			single("Average handle time includes…", "平均处理时长（AHT）包括……",
				right("talk time, hold time and after-contact work", "通话时长、保持时长和话后处理时长"),
				wrong("talk time only", "仅通话时长"),
				wrong("the customer's waiting time in the queue", "客户在队列中的等待时间")),
			truth("For AHT lower is better, but not at the cost of first-contact resolution.", "平均处理时长越短越好，但不能以牺牲首次解决率为代价。", true),
			single("An agent handled 400 contacts; 20 customers came back about the same issue within 7 days. FCR is…", "某客服处理了 400 次咨询，其中 20 位客户在 7 天内因同一问题再次来电。首次解决率是……",
				right("95 %", "95%"), wrong("80 %", "80%"), wrong("5 %", "5%")).
				why("(400 − 20) / 400 = 95 %.", "（400 − 20）÷ 400 = 95%。"),
			single("100 surveys: 70 very satisfied, 18 satisfied, 12 neutral or worse. CSAT is…", "共 100 份问卷：70 份非常满意、18 份满意、12 份一般及以下。满意度是……",
				right("88 %", "88%"), wrong("70 %", "70%"), wrong("82 %", "82%")).
				why("Satisfied or better: 70 + 18 = 88 of 100.", "满意及以上：70 + 18 = 88，占 100 份中的 88%。"),
			single("Talk 300 s, hold 40 s, after-contact work 60 s. The handle time is…", "通话 300 秒、保持 40 秒、话后处理 60 秒，处理时长是……",
				right("400 seconds", "400 秒"), wrong("300 seconds", "300 秒"), wrong("340 seconds", "340 秒")),
			truth("Averaging CSAT over a quarter, a month with 40 surveys weighs as much as one with 400.", "计算季度平均满意度时，40 份问卷的月份与 400 份问卷的月份权重相同。", false).
				why("Weight each month by its surveys, or a quiet month counts as much as a busy one.", "应按问卷数加权，否则问卷少的月份会和问卷多的月份同等计入。"),
			multi("Your FCR fell this week. Which are good first checks?", "您本周的首次解决率下降了，首先应检查哪些方面？",
				right("Which contact reasons came back most", "哪些咨询原因的重复来电最多"),
				right("Whether a release or an outage changed the mix of contacts", "是否有版本发布或系统故障改变了咨询结构"),
				wrong("How many breaks you took", "自己休息了几次")),
			single("The complaint rate is 1.5 per thousand and the team handled 20,000 contacts. How many complaints?", "投诉率为每千次 1.5 件，团队共处理 20,000 次咨询，投诉有多少件？",
				right("30", "30 件"), wrong("15", "15 件"), wrong("300", "300 件")),
		},
	},
	{
		Code: "DATA-201-TEST", Course: "DATA-201", PassMark: 70,
		TitleEN: "Excel and BI reporting test", TitleZH: "Excel 与 BI 报表测试",
		DescriptionEN: "Pivot tables, lookups, honest charts and clean data.", DescriptionZH: "数据透视表、查找函数、如实的图表与数据清洗。",
		Questions: []demoQuestion{
			single("To count tickets per category and week in Excel you use…", "在 Excel 中按分类和周统计工单数量，应使用……",
				right("a pivot table", "数据透视表"), wrong("VLOOKUP", "VLOOKUP 函数"), wrong("conditional formatting", "条件格式")),
			single("To add each agent's team from the staff list to a ticket export you use…", "要把员工名单中的所属团队加到工单导出表里，应使用……",
				right("XLOOKUP (or VLOOKUP) on the employee number", "按员工编号使用 XLOOKUP（或 VLOOKUP）"),
				wrong("a pivot chart", "数据透视图"),
				wrong("sorting both sheets the same way", "把两张表按相同顺序排序")),
			truth("A bar chart's value axis starts at zero, or a small change looks dramatic.", "柱状图的数值轴应从零开始，否则微小变化也会显得很夸张。", true),
			multi("Which clean-up steps come before analysing a ticket export?", "分析工单导出数据前，应完成哪些清洗步骤？",
				right("Remove duplicate tickets", "删除重复工单"),
				right("Unify the date formats", "统一日期格式"),
				right("Flag tickets without a category", "标记缺少分类的工单"),
				wrong("Delete tickets with long handle times", "删除处理时长较长的工单")),
			truth("A BI dashboard refreshes from its data source, so the weekly report no longer has to be rebuilt by hand.",
				"BI 看板会从数据源自动刷新，因此不必每周手工重做报表。", true),
		},
	},
	{
		Code: "GOAL-101-QUIZ", Course: "GOAL-101", PassMark: 60,
		TitleEN: "SMART goals check", TitleZH: "SMART 目标自测",
		DescriptionEN: "The five tests of a SMART goal; your rewritten goal is read by the trainer.", DescriptionZH: "SMART 目标的五项检验；改写的目标由培训师阅评。",
		Questions: []demoQuestion{
			single("What does the M in SMART stand for?", "SMART 中的 M 代表什么？",
				right("Measurable", "可衡量"), wrong("Motivating", "有激励性"), wrong("Manageable", "可管理")),
			single("Which goal is SMART?", "以下哪个目标符合 SMART 原则？",
				right("Raise my FCR from 72 % to 78 % by the end of next quarter by using the new troubleshooting guide", "下季度末前，运用新的排查指引把我的首次解决率从 72% 提升到 78%"),
				wrong("Be better with customers", "更好地服务客户"),
				wrong("Answer all calls faster", "更快地接听所有电话")),
			truth("A goal without a deadline can still be SMART if it is measurable.", "只要可衡量，没有截止时间的目标也可以算 SMART 目标。", false),
			multi("What makes a goal relevant?", "怎样的目标才算“相关联”？",
				right("It supports the team plan", "支持团队计划"),
				right("It addresses something that matters in my role", "针对本岗位的重要事项"),
				wrong("It is easy to reach", "容易达成")),
			short("Rewrite as a SMART goal: “I want to handle complaints better.”", "请把“我想更好地处理投诉”改写为 SMART 目标。",
				"在本季度末前，把我负责的投诉在 48 小时内结案的比例从 70% 提升到 85%，方法是完成 CS-210 课程，并每周与主管复盘一宗投诉。",
				"可衡量、有时限，也说明了方法。"),
		},
	},
	{
		Code: "FLM-101-TEST", Course: "FLM-101", PassMark: 70,
		TitleEN: "Frontline manager foundation: assessment", TitleZH: "一线经理基础考核",
		DescriptionEN: "The first passage: new skills, new use of time, new work values.", DescriptionZH: "第一个转折：新的技能、新的时间分配、新的工作理念。",
		Questions: []demoQuestion{
			single("The first passage of the Leadership Pipeline leads from…", "领导梯队的第一个转折是从……",
				right("managing yourself to managing others", "管理自我到管理他人"),
				wrong("managing others to managing managers", "管理他人到管理经理"),
				wrong("agent to trainer", "客服专员到培训师")),
			multi("Which are new uses of time for a first-line manager?", "以下哪些是一线经理新的时间分配？",
				right("Planning the team's week", "规划团队的一周"),
				right("A one-to-one with each agent", "与每位客服进行一对一沟通"),
				wrong("Taking as many calls as possible yourself", "自己尽可能多接电话"),
				right("Coaching from QA samples", "依据质检样本开展辅导")),
			truth("A new team lead proves herself best by staying the team's top call handler.", "新任主管证明自己的最好方式，是继续当团队里接线最多的人。", false),
			single("Two agents argue over who takes the late shift. Fair handling?", "两名客服为谁上晚班发生争执，公平的处理方式是？",
				right("Hear both, apply the rota rules openly and explain the decision", "听取双方意见，公开按排班规则处理并说明理由"),
				wrong("Let the more senior agent decide", "让资历更深的客服决定"),
				wrong("Take the shift yourself", "自己去顶班")),
			single("A good daily goal for a shift is…", "好的班次每日目标是……",
				right("80 % of calls answered in 20 seconds, and two coaching sessions done", "80% 的来电在 20 秒内接通，并完成两次辅导"),
				wrong("Work hard today", "今天要努力工作"),
				wrong("No complaints ever", "永远零投诉")),
			truth("Succeeding through your team means valuing the team's results above your own output.", "通过团队取得成功，意味着把团队的成果看得比个人产出更重要。", true),
		},
	},
	{
		Code: "FLM-102-TEST", Course: "FLM-102", PassMark: 70,
		TitleEN: "Coaching skills assessment", TitleZH: "辅导技巧考核",
		DescriptionEN: "Two written coaching answers are graded by the trainer.", DescriptionZH: "两道辅导情境题由培训师评分。",
		Questions: []demoQuestion{
			single("How many changes should one coaching conversation agree?", "一次辅导对话应约定几项改进？",
				right("One at a time", "每次一项"), wrong("Every issue found in the sample", "样本中发现的所有问题"), wrong("None: coaching only praises", "不约定：辅导只做表扬")),
			truth("Coaching starts from a QA sample you have both listened to.", "辅导应从双方都听过的质检样本开始。", true),
			single("What makes feedback specific?", "怎样的反馈才算具体？",
				right("It names the moment in the call, the behaviour and its effect on the customer", "指出通话中的具体时刻、具体行为及其对客户的影响"),
				wrong("It says “good job” or “needs work”", "说“做得好”或“还需努力”"),
				wrong("It compares the agent with colleagues", "拿这位客服和同事作比较")),
			short("In a sampled call the agent read out the customer's address before verifying identity. Write the feedback you would give: what happened, its effect, the change you agree.",
				"某通抽检录音中，客服在核验身份前就读出了客户地址。请写出您的反馈：发生了什么、造成什么影响、约定什么改进。",
				"在 3 分 10 秒处，你在核验身份前就读出了客户地址。如果来电者不是本人，就构成信息泄露。我们约定：从今天起，先按两项信息核验身份，再透露任何订单信息，下周我会再抽一通电话和你一起听。",
				"时刻、影响、改进都讲清楚了。"),
			short("How will you check over the next four weeks that the change sticks?", "接下来四周，您将如何确认这项改进已经落实？",
				"每周从他的录音中抽取两通涉及订单查询的电话，检查是否先核验身份；第二周和第四周各做一次 15 分钟复盘，四周后把结果记入辅导档案。",
				"跟踪方法可执行。"),
		},
	},
	{
		Code: "FLM-103-QUIZ", Course: "FLM-103", PassMark: 70,
		TitleEN: "Scheduling and workforce planning quiz", TitleZH: "排班与人力规划测验",
		DescriptionEN: "Service level, shrinkage and intraday changes.", DescriptionZH: "服务水平、人力损耗与日内调整。",
		Questions: []demoQuestion{
			single("A service level of 80/20 means…", "服务水平“80/20”是指……",
				right("80 % of calls answered within 20 seconds", "80% 的来电在 20 秒内接通"),
				wrong("20 % of calls abandoned", "20% 的来电放弃"),
				wrong("80 calls per agent every 20 minutes", "每名客服每 20 分钟接 80 通电话")),
			single("Shrinkage is…", "人力损耗（shrinkage）是指……",
				right("paid time in which agents cannot take contacts: breaks, training, absence", "客服在岗带薪但无法接待的时间：休息、培训、缺勤等"),
				wrong("the drop in volume after a peak", "高峰过后话务量的回落"),
				wrong("the share of calls transferred", "转接来电的比例")),
			truth("Breaks are planned outside the forecast's peak intervals.", "休息应安排在预测的话务高峰时段之外。", true),
			single("The forecast needs 20 agents on the phones and shrinkage is 30 %. How many do you schedule?", "预测需要 20 名客服在线，人力损耗为 30%，应排班多少人？",
				right("About 29", "约 29 人"), wrong("26", "26 人"), wrong("20", "20 人")).
				why("20 ÷ (1 − 0.3) ≈ 28.6: adding 30 % to 20 is not enough.", "20 ÷（1 − 0.3）≈ 28.6；在 20 人基础上加 30% 是不够的。"),
			multi("At 10:00 volume is 25 % above forecast. What can you do?", "上午 10 点话务量比预测高出 25%，可以采取哪些措施？",
				right("Move trained back-office staff onto the phones", "调配受过培训的后台人员上线接听"),
				right("Postpone training that is not urgent", "推迟非紧急的培训"),
				wrong("Cancel everyone's lunch breaks for the rest of the week", "取消全组本周剩余的午休"),
				right("Switch on the callback option in the queue", "开启排队回拨功能")),
		},
	},
	{
		Code: "FLM-201-TEST", Course: "FLM-201", PassMark: 75, TimeLimit: 30,
		TitleEN: "Leading a team to its KPIs: assessment", TitleZH: "带领团队达成 KPI 考核",
		DescriptionEN: "One-to-ones, poor performance and decisions during a shift.", DescriptionZH: "一对一沟通、绩效不佳的处理与班次中的决策。",
		Questions: []demoQuestion{
			single("What makes KPIs a conversation rather than a scoreboard?", "怎样才能把 KPI 变成对话，而不是排行榜？",
				right("Discussing with each agent what drives their numbers and what they will try next", "与每位客服讨论其数据背后的原因以及下一步的尝试"),
				wrong("Posting a ranking every Monday", "每周一公布排名"),
				wrong("Talking about KPIs only at the yearly review", "只在年度考评时谈 KPI")),
			truth("Poor performance is best raised at the half-yearly review, not before.", "绩效不佳的问题最好留到半年考评时再提。", false),
			single("An agent's QA score has been below 75 for two months despite coaching. The next step?", "某客服的质检得分连续两个月低于 75 分，辅导后仍无改善。下一步应怎么做？",
				right("A documented improvement plan with clear goals, support and a review date", "制定书面改进计划，明确目标、支持措施和复盘日期"),
				wrong("Wait another quarter", "再观察一个季度"),
				wrong("Move him to another team", "把他调到其他团队")),
			single("At 14:00 forty calls are queuing and two agents are off sick. The best decision on incomplete facts?", "下午 2 点有 40 通来电在排队，两名客服病假。在信息不完整的情况下，最好的决定是？",
				right("Open the callback option and pull two people from the back office now; review in 30 minutes", "立即开启回拨功能并从后台调两人上线，30 分钟后复盘"),
				wrong("Wait for the full-day forecast", "等待全天话务预测结果"),
				wrong("Ask the service manager what to do", "请示客服经理该怎么办")),
			multi("What belongs in a regular one-to-one?", "定期一对一沟通应包括哪些内容？",
				right("The agent's own topics first", "先谈客服自己想谈的话题"),
				right("Progress on the change agreed last time", "上次约定改进事项的进展"),
				right("One KPI trend and what drives it", "一项 KPI 的趋势及其原因"),
				wrong("Gossip about other team members", "议论其他组员")),
		},
	},
	{
		Code: "MGR-201-QUIZ", Course: "MGR-201", PassMark: 70,
		TitleEN: "Service budgeting quiz", TitleZH: "客服预算测验",
		DescriptionEN: "Cost drivers, goodwill and the monthly variance review.", DescriptionZH: "成本构成、补偿支出与月度预算偏差分析。",
		Questions: []demoQuestion{
			single("The largest cost of a service centre is usually…", "客服中心最大的成本通常是……",
				right("staff: salaries and overtime", "人力：工资与加班费"), wrong("telephone lines", "电话线路"), wrong("training", "培训")),
			truth("Goodwill spending is part of the service budget and is reviewed monthly.", "补偿支出属于客服预算，并按月复盘。", true),
			single("A variance is…", "预算偏差是指……",
				right("the difference between budgeted and actual spending", "预算与实际支出之间的差额"),
				wrong("next year's budget", "下一年度的预算"),
				wrong("a reserve for emergencies", "应急储备金")),
			single("Overtime is 20 % over budget in March because of a product recall. In the variance review you…", "由于产品召回，3 月加班费超预算 20%。在偏差分析中，您应该……",
				right("explain the cause, the one-off share and the forecast for the coming months", "说明原因、一次性影响的比例以及未来几个月的预测"),
				wrong("book it under another line", "把它记到其他科目下"),
				wrong("quietly cut April's training to make up for it", "悄悄削减 4 月的培训来弥补")),
			multi("What belongs in a team budget?", "团队预算应包括哪些项目？",
				right("Salaries and overtime", "工资与加班费"),
				right("Goodwill gestures", "客户补偿"),
				right("Training hours", "培训工时"),
				wrong("The sales team's bonuses", "销售团队的奖金")),
		},
	},
}

// demoAttempts are the submitted attempts. Final tests are passed on the
// day their course completed, just before it (the pass completed it).
var demoAttempts = []demoAttempt{
	{Test: "CS-101-QUIZ", Emp: "CS-1102", Number: 1, Ago: 1290},
	{Test: "CS-102-CHECK", Emp: "CS-1104", Number: 1, Ago: 21, Hour: 8.6},
	{Test: "CS-102-CHECK", Emp: "CS-1105", Number: 1, Ago: 21, Hour: 8.7, Miss: []int{4}},
	{Test: "CS-102-CHECK", Emp: "CS-1202", Number: 1, Ago: 21, Hour: 8.6, Partial: []int{2}},
	{Test: "CS-102-CHECK", Emp: "CS-1306", Number: 1, Ago: 21, Hour: 8.8},
	{Test: "CS-110-QUIZ", Emp: "CS-1102", Number: 1, Ago: 1250, Partial: []int{1}},
	{Test: "CS-110-QUIZ", Emp: "CS-1103", Number: 1, Ago: 700},
	{Test: "CS-110-QUIZ", Emp: "CS-1105", Number: 1, Ago: 500, Miss: []int{3}},
	{Test: "CS-110-QUIZ", Emp: "CS-1106", Number: 1, Ago: 900},
	{Test: "CS-110-QUIZ", Emp: "CS-1204", Number: 1, Ago: 1000, Miss: []int{6}},
	// Cao Lin passed the new complaint course's final two days ago.
	{Test: "CS-210-FINAL", Emp: "CS-1106", Number: 1, Ago: 2, Hour: 9.2, Miss: []int{6}},
	{Test: "EMO-101-QUIZ", Emp: "CS-1108", Number: 1, Ago: 400, ShortPoints: []float64{4}},
	{Test: "EMO-101-QUIZ", Emp: "CS-1205", Number: 1, Ago: 200, ShortPoints: []float64{5}},
	{Test: "EMO-101-QUIZ", Emp: "CS-1206", Number: 1, Ago: 400, Miss: []int{2}, ShortPoints: []float64{3}},
	{Test: "PK-101-FINAL", Emp: "CS-1206", Number: 1, Ago: 600, Hour: 9.2},
	{Test: "PK-101-FINAL", Emp: "CS-1306", Number: 1, Ago: 700, Hour: 9.2, Miss: []int{5}},
	// Peng Bo tried the product final before finishing the modules.
	{Test: "PK-101-FINAL", Emp: "CS-1107", Number: 1, Ago: 9, Miss: []int{1, 3, 4, 6}},
	{Test: "TOOL-101-QUIZ", Emp: "IT-3001", Number: 1, Ago: 1000},
	{Test: "COMP-101-EXAM", Emp: "CS-1101", Number: 1, Ago: 310},
	// agent@ passed at the second attempt.
	{Test: "COMP-101-EXAM", Emp: "CS-1102", Number: 1, Ago: 306, Miss: []int{2, 5, 7}},
	{Test: "COMP-101-EXAM", Emp: "CS-1102", Number: 2, Ago: 305},
	{Test: "COMP-101-EXAM", Emp: "CS-1103", Number: 1, Ago: 320},
	{Test: "COMP-101-EXAM", Emp: "CS-1106", Number: 1, Ago: 310},
	{Test: "COMP-101-EXAM", Emp: "CS-1302", Number: 1, Ago: 305},
	{Test: "COMP-101-EXAM", Emp: "CS-1206", Number: 1, Ago: 38},
	// Han Xue's renewal: failed last week, two attempts left.
	{Test: "COMP-101-EXAM", Emp: "CS-1205", Number: 1, Ago: 6, Miss: []int{1, 4, 6}},
	{Test: "QA-101-QUIZ", Emp: "CS-1305", Number: 1, Ago: 200},
	{Test: "QA-201-FINAL", Emp: "CS-1403", Number: 1, Ago: 280, Hour: 9.2},
	{Test: "DATA-101-QUIZ", Emp: "CS-1503", Number: 1, Ago: 100, Miss: []int{7}},
	{Test: "DATA-101-QUIZ", Emp: "CS-1403", Number: 1, Ago: 500},
	{Test: "GOAL-101-QUIZ", Emp: "CS-1202", Number: 1, Ago: 120, ShortPoints: []float64{4}},
	{Test: "GOAL-101-QUIZ", Emp: "CS-1302", Number: 1, Ago: 240, ShortPoints: []float64{5}},
	{Test: "GOAL-101-QUIZ", Emp: "CS-1106", Number: 1, Ago: 220, ShortPoints: []float64{4}},
	{Test: "GOAL-101-QUIZ", Emp: "HR-2001", Number: 1, Ago: 300, Partial: []int{4}, ShortPoints: []float64{3}},
	{Test: "FLM-101-TEST", Emp: "CS-1106", Number: 1, Ago: 150, Hour: 8.6},
	{Test: "FLM-101-TEST", Emp: "CS-1204", Number: 1, Ago: 150, Hour: 8.7, Miss: []int{5}},
	{Test: "FLM-101-TEST", Emp: "CS-1302", Number: 1, Ago: 150, Hour: 8.6},
	// In trainer@'s grading queue.
	{Test: "FLM-102-TEST", Emp: "CS-1106", Number: 1, Ago: 1, Hour: 5, Awaiting: true},
	{Test: "FLM-201-TEST", Emp: "CS-1201", Number: 1, Ago: 200},
	{Test: "FLM-103-QUIZ", Emp: "CS-1005", Number: 1, Ago: 400},
	{Test: "MGR-201-QUIZ", Emp: "CS-1003", Number: 1, Ago: 95},
	{Test: "MGR-201-QUIZ", Emp: "CS-1004", Number: 1, Ago: 100, Miss: []int{5}},
	{Test: "MGR-201-QUIZ", Emp: "CS-1005", Number: 1, Ago: 110},
	{Test: "MGR-201-QUIZ", Emp: "CS-1301", Number: 1, Ago: 100},
}

// demoRubrics are QA's call-sampling rubric and the leads' observation
// rubric.
var demoRubrics = []demoRubric{
	{
		Code: "QA-CALLS", Purpose: "QA_SAMPLING", Owner: qaAssessor,
		NameEN: "Call and chat quality sampling", NameZH: "通话与在线服务质检",
		DescriptionEN: "The quality checklist every sampled call or chat is scored against. Resolution weighs most.",
		DescriptionZH: "每一通抽检的电话或在线会话都按此标准评分，其中“问题解决”权重最高。",
		Criteria: []demoCriterion{
			{Competency: "COMMUNICATION", Weight: 15, NameEN: "Greeting and script", NameZH: "开场与话术",
				Descriptors: [5]indicator{
					{"Misses or garbles the standard greeting or closing; the call has no recognisable structure.", "遗漏或说错标准开场白、结束语，通话没有清晰结构。"},
					{"Uses the standard greeting and closing but reads the script mechanically.", "使用标准开场和结束语，但照本宣科、语气生硬。"},
					{"Follows the script's structure in natural words, confirms the need and summarises before closing.", "按话术结构自然表达，确认客户诉求，结束前做总结。"},
					{"Adapts the script to the customer's style and pace while keeping every required element.", "在保留全部规定要素的同时，根据客户的风格和节奏灵活调整话术。"},
					{"A model contact the team learns from: clear, warm and efficient from the first second to the last.", "可作为团队范例：从第一秒到最后一秒都清晰、亲切、高效。"},
				},
				Notes: [2]string{"开场自然，结束前主动总结了处理结果。", "Greeting left out the agent's name; no summary before closing."}},
			{Competency: "COMPLAINT_HANDLING", Weight: 20, NameEN: "Empathy and de-escalation", NameZH: "同理心与情绪安抚",
				Descriptors: [5]indicator{
					{"Ignores the customer's frustration or argues with it.", "忽视客户的不满，甚至与客户争辩。"},
					{"Acknowledges the frustration with a standard apology.", "能用标准致歉语回应客户的不满。"},
					{"Names the customer's feeling, apologises sincerely and keeps them calm while solving the issue.", "能说出客户的感受、真诚致歉，并在处理过程中让客户保持平静。"},
					{"Turns an angry customer round: they end the contact calmer and accept the remedy.", "能扭转愤怒客户的情绪：结束时客户明显平复并认可补救方案。"},
					{"Handles hostile or distressed customers with a composure others are coached from.", "面对敌对或极度焦虑的客户依然从容，可作为辅导他人的示范。"},
				},
				Notes: [2]string{"客户情绪很激动，安抚到位，最后客户主动致谢。", "Apologised twice by rote but never acknowledged the actual problem."}},
			{Competency: "PROBLEM_SOLVING", Weight: 30, NameEN: "Resolution", NameZH: "问题解决",
				Descriptors: [5]indicator{
					{"The issue is not resolved and no correct next step is given.", "问题未解决，也未给出正确的后续安排。"},
					{"Resolves a routine issue from the knowledge base and escalates the rest correctly.", "按知识库解决常规问题，处理不了的能正确升级。"},
					{"Finds the real cause with targeted questions and resolves it in this contact.", "通过有针对性的提问找到真正原因，并在本次接触中解决。"},
					{"Resolves a non-standard case within policy and heads off the next contact, e.g. by saying what to expect.", "在政策范围内解决非标准问题，并预防客户再次来电（如提前说明后续情况）。"},
					{"Resolves a complex case end to end and reports the root cause so it stops recurring.", "端到端解决复杂问题，并上报根本原因，避免问题再次出现。"},
				},
				Notes: [2]string{"一次解决，并提前告知了退款到账时间，避免了二次来电。", "Customer was told to call back although the knowledge base covers this case."}},
			{Competency: "PRODUCT_KNOWLEDGE", Weight: 20, NameEN: "Product accuracy", NameZH: "产品信息准确性",
				Descriptors: [5]indicator{
					{"Gives wrong product or policy information.", "提供了错误的产品或政策信息。"},
					{"Information is correct but slow to find or incomplete.", "信息正确，但查询耗时较长或不够完整。"},
					{"Correct, complete and current information, recent changes included.", "信息正确、完整且为最新，包括近期变更。"},
					{"Explains differences and edge cases and recommends the option that fits the customer.", "能讲清方案差异和特殊情形，并推荐最适合客户的选项。"},
					{"Expert advice the customer could not get elsewhere; spots a gap in the knowledge base and reports it.", "提供专家级建议，并发现、反馈知识库中的缺漏。"},
				},
				Notes: [2]string{"准确说明了 Care+ 与标准保修的区别，推荐合理。", "Quoted last quarter's price of the Plus plan."}},
			{Competency: "DECISION_MAKING", Weight: 15, NameEN: "Compliance and records", NameZH: "合规与记录",
				Descriptors: [5]indicator{
					{"Discloses information before verifying identity, or breaks another mandatory rule.", "未核验身份即透露信息，或违反其他强制性规定。"},
					{"Verifies identity and gives the recording notice; the ticket notes are incomplete.", "完成身份核验并告知录音，但工单记录不完整。"},
					{"Every mandatory step done; decisions within authority, with the reason in the ticket.", "完成全部强制步骤；在权限内做出决定并在工单中记录理由。"},
					{"Handles a tricky exception (a third party, a deletion request) correctly and documents it for others.", "正确处理棘手的例外情况（第三方来电、删除请求等），并留下清晰记录供他人参考。"},
					{"Flawless on every rule and helps the team see risks early.", "所有规定执行无误，并帮助团队及早发现风险。"},
				},
				Notes: [2]string{"第三方来电处理规范：拒绝透露信息，并引导本人通过 App 核验。", "Read out the delivery address before the second verification question."}},
		},
	},
	{
		Code: "TL-OBSERVE", Purpose: "OBSERVATION", Owner: ownerSunQiang,
		NameEN: "Team lead observation", NameZH: "主管现场观察评估",
		DescriptionEN: "A manager observes a team lead through a shift: the huddle, coaching, cover and the use of data.",
		DescriptionZH: "经理跟班观察主管一个班次：班前会、辅导、人手调配与数据运用。",
		Criteria: []demoCriterion{
			{Competency: "LEADERSHIP", Weight: 30, NameEN: "Running the shift", NameZH: "班组管理",
				Descriptors: [5]indicator{
					{"The shift runs without clear goals; the lead reacts to problems as they come.", "班次缺少明确目标，主管只能被动应对问题。"},
					{"Sets the day's goals at the huddle and settles small conflicts fairly.", "在班前会上设定当日目标，公平化解小矛盾。"},
					{"Runs the team to its KPIs: clear goals, regular one-to-ones, prompt action on poor performance.", "带领团队达成 KPI：目标清晰、定期一对一、及时处理绩效问题。"},
					{"Develops a successor and keeps engagement high through a demanding period.", "培养接班人，在高压时期仍保持团队高敬业度。"},
					{"Shapes how other leads run their teams.", "影响并带动其他主管改进团队管理方式。"},
				},
				Notes: [2]string{"班前会目标清晰，午高峰前就安排好了顶岗。", ""}},
			{Competency: "COACHING", Weight: 30, NameEN: "Coaching conversations", NameZH: "辅导对话",
				Descriptors: [5]indicator{
					{"Gives general feedback (“good job”) without examples.", "只给笼统评价（如“做得不错”），没有具体例子。"},
					{"Gives specific feedback after listening to a call.", "听完录音后能给出具体反馈。"},
					{"Coaches from QA samples, agrees one change at a time and tracks it.", "依据质检样本辅导，每次约定一项改进并跟踪落实。"},
					{"Agents improve measurably after coaching; writes coaching material for the team.", "辅导后客服有可衡量的提升，并为团队编写辅导材料。"},
					{"Trains other leads to coach.", "能培训其他主管开展辅导。"},
				},
				Notes: [2]string{"Coaching session with a new agent was specific and ended with one agreed change.", ""}},
			{Competency: "TIME_MANAGEMENT", Weight: 20, NameEN: "Scheduling and cover", NameZH: "排班与人手调配",
				Descriptors: [5]indicator{
					{"Breaks and cover are left to chance; the service level drops at peaks.", "休息和顶岗安排随意，高峰期服务水平下滑。"},
					{"Follows the roster and keeps breaks to plan.", "执行排班表，休息按计划进行。"},
					{"Plans breaks against the forecast and moves cover quickly when volume changes.", "依据话务预测安排休息，话务变化时迅速调配人手。"},
					{"Plans peaks, campaigns and holidays ahead, across teams.", "提前为多个团队规划大促、活动和节假日人力。"},
					{"Improves the planning method the whole centre uses.", "改进整个中心使用的排班方法。"},
				},
				Notes: [2]string{"话务突增时 10 分钟内完成人手调配。", ""}},
			{Competency: "DATA_ANALYSIS", Weight: 20, NameEN: "Using KPI data", NameZH: "运用 KPI 数据",
				Descriptors: [5]indicator{
					{"Does not look at the team's KPIs.", "不关注团队 KPI。"},
					{"Knows the team's KPIs and this week's movements.", "了解团队 KPI 及本周变化。"},
					{"Uses the KPI report to choose coaching priorities and close gaps.", "利用 KPI 报表确定辅导重点、补齐短板。"},
					{"Finds the drivers behind a KPI trend and sizes the effect of a change.", "找出 KPI 趋势背后的驱动因素，并量化改进措施的效果。"},
					{"Defines measures other teams adopt.", "定义被其他团队采纳的衡量指标。"},
				},
				Notes: [2]string{"Used the repeat-contact report to pick this week's coaching topic.", ""}},
		},
	},
}

// demoQASamples are the agents whose contacts are sampled. Calibrate, when
// set, is the sample (1 or 3, qa@'s) trainer@ scored as well.
var demoQASamples = []struct {
	Emp       string
	Calibrate int
}{
	{"CS-1102", 0}, {"CS-1103", 1}, {"CS-1104", 0}, {"CS-1105", 0}, {"CS-1106", 0}, {"CS-1107", 0}, {"CS-1108", 0},
	{"CS-1202", 0}, {"CS-1203", 0}, {"CS-1204", 0}, {"CS-1205", 0}, {"CS-1206", 0}, {"CS-1207", 0},
	{"CS-1302", 3}, {"CS-1303", 0}, {"CS-1304", 0}, {"CS-1305", 0}, {"CS-1306", 0},
}

// demoObservations are the team leads their managers observed.
var demoObservations = []string{"CS-1101", "CS-1201", "CS-1301"}

// scorecardComments are assessors' overall comments, picked in turn.
var scorecardComments = []string{
	"整体流程规范，注意结束前复述处理结果。",
	"Solid call. Work on confirming the need before explaining the fix.",
	"客户情绪处理得当，产品信息需要再核对最新版本。",
	"Good structure; the hold was longer than announced.",
	"核验身份完整，问题一次解决，值得组内分享。",
	"Clear explanation of the refund timeline; closing felt rushed.",
	"班前会目标明确，辅导时能结合具体录音。",
	"Good use of the weekly KPI report; plan the lunch-peak cover earlier.",
	"观察期间团队氛围积极，主管对突发话务反应迅速。",
}

// demoKPIBands give every KPI its monthly values by rated level.
var demoKPIBands = []kpiBand{
	{Code: "CSAT", Competency: "COMMUNICATION", Bands: [4][2]float64{{74, 79}, {81.5, 87}, {88.5, 93}, {94.5, 97.5}}, Decimals: 1, Volume: 0.22},
	{Code: "FCR", Competency: "PROBLEM_SOLVING", Bands: [4][2]float64{{56, 63}, {66.5, 73.5}, {76, 83.5}, {86, 90}}, Decimals: 1, Volume: 1},
	{Code: "AHT", Competency: "TOOLS_TECHNOLOGY", Bands: [4][2]float64{{445, 520}, {368, 412}, {308, 352}, {262, 292}}, Decimals: 0, Volume: 1},
	{Code: "FRT", Competency: "TOOLS_TECHNOLOGY", Bands: [4][2]float64{{55, 75}, {35, 50}, {22, 32}, {15, 22}}, Decimals: 0, Volume: 0.35},
	{Code: "QA_SCORE", Competency: "COMMUNICATION", Bands: [4][2]float64{{68, 76}, {78, 84.5}, {86, 91}, {92, 96}}, Decimals: 1},
	{Code: "COMPLAINT_RATE", Competency: "COMPLAINT_HANDLING", Bands: [4][2]float64{{2.8, 3.8}, {1.3, 2.2}, {0.6, 1.1}, {0.2, 0.5}}, Decimals: 2, Volume: 1},
}

// demoKPIThresholds say which results show which level: CSAT shows
// communication, FCR problem solving, and a short handle time the command
// of the tools.
var demoKPIThresholds = []struct {
	KPI, Competency string
	Level           int
	Threshold       float64
}{
	{"CSAT", "COMMUNICATION", 2, 80}, {"CSAT", "COMMUNICATION", 3, 88}, {"CSAT", "COMMUNICATION", 4, 94},
	{"FCR", "PROBLEM_SOLVING", 2, 65}, {"FCR", "PROBLEM_SOLVING", 3, 75}, {"FCR", "PROBLEM_SOLVING", 4, 85},
	{"AHT", "TOOLS_TECHNOLOGY", 2, 420}, {"AHT", "TOOLS_TECHNOLOGY", 3, 360}, {"AHT", "TOOLS_TECHNOLOGY", 4, 300},
}

// demoKPIRequirements are the ladder's KPI requirements: a lead has shown
// satisfied customers and first-contact resolution over two quarters, a QA
// specialist a quality score of their own worth copying.
var demoKPIRequirements = []struct {
	Position, KPI string
	Threshold     float64
	Months        int
}{
	{"TEAM_LEAD", "CSAT", 88, 6},
	{"TEAM_LEAD", "FCR", 75, 6},
	{"QA_SPECIALIST", "QA_SCORE", 85, 6},
}

// demoPerfRating is one performance rating by the employee's manager:
// Current in the open period (given DaysAgo days ago), else in the closed
// one. RatedFirst, when set, is a first rating the manager then changed.
type demoPerfRating struct {
	Emp             string
	Current         bool
	DaysAgo         int
	Rating          float64
	RatedFirst      float64
	FirstComment    string
	Comment         string
	Status          string // SUBMITTED, ACKNOWLEDGED or DISPUTED
	EmployeeComment string
}

const acked = "ACKNOWLEDGED"

// demoPerformance rates every active agent and lead in both periods.
var demoPerformance = []demoPerfRating{
	// The closed period.
	{Emp: "CS-1101", Rating: 4.0, Status: acked, Comment: "团队满意度连续两个季度达标，辅导记录完整。"},
	{Emp: "CS-1102", Rating: 3.5, Status: acked, Comment: "服务态度好，投诉处理有进步；系统操作速度需要提升。", EmployeeComment: "会抓紧完成 CRM 课程。"},
	{Emp: "CS-1103", Rating: 3.5, Status: acked, Comment: "Reliable and calm on difficult calls."},
	{Emp: "CS-1104", Rating: 3.0, Status: acked, Comment: "达到岗位要求，话术执行有待加强。"},
	{Emp: "CS-1105", Rating: 3.0, Status: acked, Comment: "Meets expectations; keep building product knowledge."},
	{Emp: "CS-1106", Rating: 4.0, Status: acked, Comment: "首次解决率全组最高，主动带教新人。", EmployeeComment: "谢谢，希望有机会参加主管后备培养。"},
	{Emp: "CS-1107", Rating: 2.5, Status: acked, Comment: "Below the agent standard on product knowledge and tools; improvement plan agreed."},
	{Emp: "CS-1108", Rating: 3.5, Status: acked, Comment: "满意度稳定，夜班期间表现可靠。"},
	{Emp: "CS-1201", Rating: 3.5, Status: acked, Comment: "Team West hit its service level; coaching needs more structure."},
	{Emp: "CS-1202", Rating: 3.0, Status: acked, Comment: "达到岗位要求，书面回复质量好。"},
	{Emp: "CS-1203", Rating: 3.0, Status: acked, Comment: "Meets expectations; missed the scripts workshop."},
	{Emp: "CS-1204", Rating: 4.0, Status: acked, Comment: "经验丰富，常被同事请教，已具备主管潜质。"},
	{Emp: "CS-1205", Rating: 3.0, Status: acked, Comment: "达到岗位要求，需按时完成合规认证。"},
	{Emp: "CS-1206", Rating: 3.5, Status: acked, Comment: "Strong product knowledge; helps the team with edge cases."},
	{Emp: "CS-1207", Rating: 3.0, Status: acked, Comment: "新人成长快，抗压能力还需锻炼。"},
	{Emp: "CS-1301", Rating: 4.5, Status: acked, Comment: "Key accounts retained through the price change; excellent escalation handling."},
	{Emp: "CS-1302", Rating: 4.5, Status: acked, Comment: "重点客户满意度 95% 以上，多次独立处理升级投诉。"},
	{Emp: "CS-1303", Rating: 3.5, Status: acked, Comment: "Dependable with key accounts."},
	{Emp: "CS-1304", Rating: 3.5, Status: acked, Comment: "沟通能力强，可考虑培训师方向发展。"},
	{Emp: "CS-1305", Rating: 4.0, Status: acked, Comment: "Highest quality scores in the team; ready to grow into QA."},
	{Emp: "CS-1306", Rating: 3.0, Status: acked, Comment: "新人期表现稳定，产品知识扎实。"},

	// The open period: agent@ has hers to acknowledge, Jiang Tao disputes
	// his, Luo Xin's lead raised hers after their one-to-one.
	{Emp: "CS-1101", Current: true, DaysAgo: 12, Rating: 4.0, Status: acked, Comment: "投诉率回升后迅速组织全组培训，继续保持。"},
	{Emp: "CS-1102", Current: true, DaysAgo: 3, Rating: 4.0, Status: "SUBMITTED", Comment: "满意度和投诉处理明显进步，已进入主管后备名单；下半年重点提升处理时长。"},
	{Emp: "CS-1103", Current: true, DaysAgo: 5, Rating: 3.5, Status: acked, Comment: "Steady; take the advanced communication course this quarter."},
	{Emp: "CS-1104", Current: true, DaysAgo: 5, Rating: 3.5, Status: acked, Comment: "话术工作坊后改进明显。", EmployeeComment: "谢谢认可。"},
	{Emp: "CS-1105", Current: true, DaysAgo: 6, Rating: 3.0, Status: acked, Comment: "Meets expectations."},
	{Emp: "CS-1106", Current: true, DaysAgo: 6, Rating: 4.5, Status: acked, Comment: "各项指标均超过主管要求，已完成一线经理基础课程，建议晋升。", EmployeeComment: "谢谢！"},
	{Emp: "CS-1107", Current: true, DaysAgo: 7, Rating: 2.5, Status: acked, Comment: "Improvement plan continues: product final not yet passed, CRM course pending."},
	{Emp: "CS-1108", Current: true, DaysAgo: 7, Rating: 3.0, Status: acked, Comment: "调整到夜班后指标略有下滑，保持沟通。"},
	{Emp: "CS-1201", Current: true, DaysAgo: 9, Rating: 3.5, Status: acked, Comment: "Team results on target; coaching now follows the QA samples."},
	{Emp: "CS-1202", Current: true, DaysAgo: 9, Rating: 3.5, RatedFirst: 3.0, FirstComment: "达到岗位要求。",
		Comment: "一对一沟通后调整：本期书面回复质检全优，并主动整理了常见问题模板。", Status: acked, EmployeeComment: "谢谢主管重新评估。"},
	{Emp: "CS-1203", Current: true, DaysAgo: 10, Rating: 3.0, Status: acked, Comment: "达到岗位要求，请参加下一期话术工作坊。"},
	{Emp: "CS-1204", Current: true, DaysAgo: 10, Rating: 4.0, Status: acked, Comment: "Ready for team lead; competency ratings need a refresh."},
	{Emp: "CS-1205", Current: true, DaysAgo: 11, Rating: 3.0, Status: acked, Comment: "合规认证已过期，需尽快重考。"},
	{Emp: "CS-1206", Current: true, DaysAgo: 6, Rating: 2.5, Status: "DISPUTED", Comment: "处理时长和满意度均低于团队平均，需改进。",
		EmployeeComment: "九月我连续三周支援夜班，夜班以投诉单为主，处理时长自然更长；评分没有考虑这一点，请人力资源部复核。"},
	{Emp: "CS-1207", Current: true, DaysAgo: 11, Rating: 3.0, Status: acked, Comment: "Growing well; keep working on the resilience plan."},
	{Emp: "CS-1301", Current: true, DaysAgo: 8, Rating: 4.0, Status: acked, Comment: "重点客户组指标全面达标；请在年底前完成《带领团队达成 KPI》。"},
	{Emp: "CS-1302", Current: true, DaysAgo: 4, Rating: 4.5, Status: acked, Comment: "Consistently excellent; ready for a team lead role."},
	{Emp: "CS-1303", Current: true, DaysAgo: 4, Rating: 3.5, Status: acked, Comment: "质检自查做得很好。"},
	{Emp: "CS-1304", Current: true, DaysAgo: 5, Rating: 3.5, Status: acked, Comment: "Good progress; train-the-trainer booked."},
	{Emp: "CS-1305", Current: true, DaysAgo: 5, Rating: 4.0, Status: acked, Comment: "质检得分全组最高，请完成质检认证。"},
	{Emp: "CS-1306", Current: true, DaysAgo: 6, Rating: 3.5, Status: acked, Comment: "产品进阶课程学习认真，服务稳定。"},
}
