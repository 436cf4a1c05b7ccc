// Answers for the component tests, shaped like the server's (the demo
// agent, Wu Xiaoling, aiming at Team Lead).
import type {
  EmployeeCourseQuery,
  EmployeeCoursesQuery,
  EmployeeDashboardQuery,
  EmployeeHistoryQuery,
  EmployeeNotificationsQuery,
  EmployeeRatingsQuery,
  EmployeeTestQuery,
  EmployeeAttemptQuestionsQuery,
  EmployeeTestsQuery,
} from '../../gql/graphql';
import { daysFromToday, halfYear, timestampDaysFromToday } from '../../test/dates';

const L = (en: string, zh: string) => ({ en, zh });
const track = { id: '1', name: L('Service management', '客服管理') };
export const agentPos = { id: '5', code: 'AGENT', level: 1, name: L('Customer Service Agent', '客服专员'), track };
export const leadPos = { id: '4', code: 'TEAM_LEAD', level: 2, name: L('Team Lead', '客服主管'), track };
export const trainerPos = { id: '10', code: 'TRAINER', level: 2, name: L('Customer Service Trainer', '客服培训师'), track: { id: '3', name: L('Training & quality', '培训与质量') } };

export function dashboard(opts: { withTarget?: boolean; plan?: boolean } = {}): EmployeeDashboardQuery {
  const withTarget = opts.withTarget ?? true;
  return {
    me: {
      id: '6',
      name: L('Wu Xiaoling', '吴晓玲'),
      positionSince: daysFromToday(-1354), // about 44 months, as readiness says
      position: agentPos,
      team: { id: '2', name: L('Service team East', '华东客服组') },
      manager: { id: '13', name: L('Li Na', '李娜') },
      nextPositions: [
        { kind: 'PROMOTION', to: leadPos },
        { kind: 'PROMOTION', to: trainerPos },
      ],
      aspirations: [
        { rank: 1, position: leadPos },
        { rank: 2, position: trainerPos },
      ],
      weeklyStudyHours: 4,
      plan: opts.plan
        ? {
            id: '9',
            adoptedAt: timestampDaysFromToday(-17, '08:00'),
            totalHours: 20,
            finishOn: daysFromToday(55),
            hoursDone: 5,
            coursesDone: 1,
            coursesInProgress: 1,
            coursesNotStarted: 1,
            targetPosition: { id: leadPos.id, name: leadPos.name },
            courses: [{ id: '23', code: 'CS-210', title: L('Complaint handling and service recovery', '投诉处理与服务补救'), myEnrollment: { id: '125', status: 'IN_PROGRESS', percentComplete: 40 } }],
          }
        : null,
      goals: [{ id: '4', title: 'Raise CSAT from 84% to 88%', measure: 'Monthly CSAT', target: '88%', dueOn: daysFromToday(24), status: 'IN_PROGRESS' }],
      coachingLog: [{ id: '3', heldOn: daysFromToday(-20), notes: 'Reviewed the half-year rating.', followUps: 'Finish CS-210.', coach: { id: '13', name: L('Li Na', '李娜') } }],
      readiness: withTarget
        ? {
            score: 57,
            status: 'NOT_READY',
            lines: [
              { kind: 'COMPETENCY', weight: 50, value: 0.59, required: 1, score: 0.59, met: false },
              { kind: 'MONTHS_IN_POSITION', weight: 5, value: 44, required: 12, score: 1, met: true },
              { kind: 'PERFORMANCE_RATING', weight: 15, value: 4, required: 3.5, score: 1, met: true },
            ],
            topGaps: [L('Communication: level 2 of 3', '沟通能力：2 / 3 级'), L('Not met: KPI', '未满足：KPI'), L('Not met: KPI', '未满足：KPI')],
          }
        : undefined,
      gapTo: withTarget
        ? {
            competencies: [
              { competency: { id: '1', code: 'COMMUNICATION', name: L('Communication', '沟通能力') }, requiredLevel: 3, currentLevel: 2, gap: 1, met: false, stale: false },
              { competency: { id: '2', code: 'PROBLEM_SOLVING', name: L('Problem solving', '问题解决能力') }, requiredLevel: 3, currentLevel: 3, gap: 0, met: true, stale: true },
              { competency: { id: '8', code: 'LEADERSHIP', name: L('Leadership & team management', '领导与团队管理') }, requiredLevel: 2, currentLevel: null, gap: 2, met: false, stale: false },
            ],
            otherRequirements: [
              { kind: 'COURSE', required: 1, actual: 0, met: false, course: { id: '5', code: 'FLM-101', title: L('Frontline manager foundation', '一线经理基础') }, kpi: null },
              { kind: 'KPI', required: 88, actual: 83.99, met: false, course: null, kpi: { code: 'CSAT', name: L('Customer satisfaction', '客户满意度'), unit: 'PERCENT' } },
            ],
          }
        : undefined,
      learningPath: withTarget
        ? {
            totalHours: 55.25,
            weeklyHours: 4,
            finishOn: daysFromToday(84),
            steps: [
              {
                kind: 'COURSE',
                hours: 3,
                inProgress: true,
                prerequisite: false,
                course: { id: '23', code: 'CS-210', title: L('Complaint handling and service recovery', '投诉处理与服务补救') },
                closes: [{ competency: { id: '3', name: L('Complaint handling', '投诉处理') }, from: 2, to: 3 }],
                description: L('Take CS-210', '学习 CS-210'),
              },
              {
                kind: 'GAP',
                hours: 0,
                inProgress: false,
                prerequisite: false,
                course: null,
                closes: [],
                description: L('Coaching: level 2 needs a rating', '辅导与培训：2 级需要评定'),
              },
            ],
          }
        : undefined,
    },
    careerPaths: withTarget ? [{ moves: 1, positions: [{ id: '5', name: agentPos.name }, { id: '4', name: leadPos.name }] }] : undefined,
    positions: [agentPos, leadPos, trainerPos, { id: '3', code: 'SERVICE_MANAGER', level: 3, name: L('Service Manager', '客服经理'), track }],
  } as EmployeeDashboardQuery;
}

// CS-210, under way: due in ten days.
const cs210DueOn = daysFromToday(10);

export const courses: EmployeeCoursesQuery = {
  me: {
    id: '6',
    learningLoad: { hoursAssigned: 22, hoursDone: 7.5, hoursOverdue: 3, assigned: 3, completed: 1, overdue: 1 },
    enrollments: [
      { id: '96', status: 'IN_PROGRESS', dueOn: daysFromToday(-20), overdue: true, percentComplete: 25, completedAt: null, validUntil: null, course: { id: '15', code: 'TOOL-101', title: L('CRM and ticketing essentials', 'CRM 与工单系统基础'), format: 'E_LEARNING', estimatedHours: 3 }, assessment: null },
      { id: '125', status: 'IN_PROGRESS', dueOn: cs210DueOn, overdue: false, percentComplete: 40, completedAt: null, validUntil: null, course: { id: '23', code: 'CS-210', title: L('Complaint handling and service recovery', '投诉处理与服务补救'), format: 'E_LEARNING', estimatedHours: 5 }, assessment: null },
      { id: '73', status: 'COMPLETED', dueOn: daysFromToday(-324), overdue: false, percentComplete: 100, completedAt: timestampDaysFromToday(-319, '09:30'), validUntil: daysFromToday(46), course: { id: '7', code: 'COMP-101', title: L('Data privacy certification', '数据隐私与合规认证'), format: 'E_LEARNING', estimatedHours: 2 }, assessment: null },
    ],
  },
};

export function course(done: string[] = ['21', '22']): EmployeeCourseQuery {
  return {
    course: {
      id: '23',
      code: 'CS-210',
      title: L('Complaint handling and service recovery', '投诉处理与服务补救'),
      summary: L('Taking over escalated complaints.', '接手升级投诉。'),
      format: 'E_LEARNING',
      estimatedHours: 5,
      ownerName: L('Huang Li', '黄丽'),
      status: 'PUBLISHED',
      certification: false,
      validityMonths: null,
      modules: [
        { id: '21', position: 1, title: L('Anatomy of an escalated complaint', '升级投诉剖析'), summary: L('', ''), estimatedMinutes: 45 },
        { id: '22', position: 2, title: L('Finding the root cause', '找准根本原因'), summary: L('', ''), estimatedMinutes: 60 },
        { id: '23', position: 3, title: L('Agreeing a fair remedy', '商定合理补救'), summary: L('', ''), estimatedMinutes: 60 },
      ],
      competencies: [{ competency: { id: '3', name: L('Complaint handling', '投诉处理') }, entryLevel: 2, targetLevel: 3 }],
      prerequisites: [],
      myEnrollment: { id: '125', status: 'IN_PROGRESS', dueOn: cs210DueOn, overdue: false, percentComplete: Math.round((done.length / 3) * 100), completedModuleIds: done, completedAt: null, validUntil: null },
      assessments: [{ id: '18', title: L('Final test', '结业考试'), isFinal: true, passMark: 75, timeLimitMinutes: 25, maxAttempts: 3, myAttempts: [] }],
    },
  };
}

export const tests: EmployeeTestsQuery = {
  me: {
    id: '6',
    enrollments: [
      {
        id: '125',
        status: 'IN_PROGRESS',
        dueOn: cs210DueOn,
        overdue: false,
        course: { id: '23', code: 'CS-210', title: L('Complaint handling and service recovery', '投诉处理与服务补救'), assessments: [{ id: '18', title: L('Final test', '结业考试'), isFinal: true, passMark: 75, timeLimitMinutes: 25, maxAttempts: 3, status: 'PUBLISHED' }] },
        assessment: null,
      },
    ],
    attempts: [{ id: '23', status: 'GRADED', percent: 100, passed: true, startedAt: timestampDaysFromToday(-319, '03:20'), submittedAt: timestampDaysFromToday(-319, '03:35'), timedOut: false, assessment: { id: '1', title: L('Data privacy exam', '数据隐私考试') } }],
  },
};

export function test(myAttempts: NonNullable<EmployeeTestQuery['assessment']>['myAttempts'] = []): EmployeeTestQuery {
  return {
    assessment: {
      id: '18',
      code: 'CS-210-FINAL',
      title: L('Final test', '结业考试'),
      description: L('Eight questions, 25 minutes.', '共 8 题，限时 25 分钟。'),
      course: { id: '23', title: L('Complaint handling and service recovery', '投诉处理与服务补救') },
      isFinal: true,
      passMark: 75,
      timeLimitMinutes: 25,
      maxAttempts: 3,
      drawCount: null,
      status: 'PUBLISHED',
      certifies: [],
      myAttempts,
    },
  };
}

export const questions: EmployeeAttemptQuestionsQuery = {
  attemptQuestions: [
    { id: 'q1', kind: 'SINGLE_CHOICE', text: L('What do you do first?', '第一步应该做什么？'), points: 2, options: [{ id: 'o1', text: L('Read the history', '先查看历史记录') }, { id: 'o2', text: L('Call the customer', '致电客户') }], selectedOptionIds: [], textAnswer: '' },
    { id: 'q2', kind: 'MULTIPLE_CHOICE', text: L('Which questions help?', '哪些问题有帮助？'), points: 3, options: [{ id: 'o3', text: L('When did it start?', '何时开始？') }, { id: 'o4', text: L('Why did you not read?', '为什么不看？') }, { id: 'o5', text: L('What changed?', '有什么变化？') }], selectedOptionIds: [], textAnswer: '' },
    { id: 'q3', kind: 'TRUE_FALSE', text: L('Close without follow-up.', '无需回访即可结案。'), points: 1, options: [{ id: 'o6', text: L('True', '正确') }, { id: 'o7', text: L('False', '错误') }], selectedOptionIds: ['o7'], textAnswer: '' },
    { id: 'q4', kind: 'SHORT_ANSWER', text: L('Describe a fair remedy.', '描述一个合理的补救。'), points: 4, options: [], selectedOptionIds: [], textAnswer: '' },
  ],
};

export function notifications(unread = 2): EmployeeNotificationsQuery {
  const n = (id: string, title: string, read: boolean) => ({ id, kind: 'COURSE_ASSIGNED' as const, title, body: `Body of ${title}`, createdAt: timestampDaysFromToday(-22, '02:00'), readAt: read ? timestampDaysFromToday(-21, '02:00') : null });
  const unreadNodes = [n('32', 'Overdue: CRM essentials', false), n('12', 'New course: FLM-101', false)].slice(0, unread);
  return {
    unread: { unreadCount: unreadNodes.length, nodes: unreadNodes, pageInfo: { hasNextPage: false, endCursor: null } },
    all: { nodes: [...unreadNodes, n('30', 'New course: CS-210', true)], pageInfo: { hasNextPage: true, endCursor: 'c1' } },
  } as EmployeeNotificationsQuery;
}

export function ratings(status: 'SUBMITTED' | 'ACKNOWLEDGED' | 'DISPUTED' = 'SUBMITTED'): EmployeeRatingsQuery {
  return {
    me: {
      id: '6',
      performanceRatings: [
        {
          id: '33',
          period: { id: '2', ...halfYear(0), status: 'OPEN' },
          ratedBy: { id: '13', name: L('Li Na', '李娜') },
          rating: 4,
          comment: 'Clear progress on complaints.',
          status,
          employeeComment: '',
          hrComment: '',
          ratedAt: timestampDaysFromToday(-17, '05:34'),
        },
      ],
    },
  };
}

const hireDate = daysFromToday(-1358);
const promotedOn = daysFromToday(-950);

export const history: EmployeeHistoryQuery = {
  me: {
    id: '6',
    hireDate,
    positionSince: promotedOn,
    position: { id: '4', name: leadPos.name },
    careerHistory: [
      { id: '19', kind: 'HIRE', effectiveOn: hireDate, fromTeam: null, toTeam: { id: '2', name: L('Service team East', '华东客服组') }, fromManager: null, toManager: { id: '13', name: L('Li Na', '李娜') }, fromPosition: null, toPosition: { id: '5', name: agentPos.name }, reason: 'Demo data' },
      { id: '40', kind: 'PROMOTION', effectiveOn: promotedOn, fromTeam: { id: '2', name: L('Service team East', '华东客服组') }, toTeam: { id: '2', name: L('Service team East', '华东客服组') }, fromManager: null, toManager: null, fromPosition: { id: '5', name: agentPos.name }, toPosition: { id: '4', name: leadPos.name }, reason: 'Promotion review approved' },
    ],
  },
};
