// Answers for the admin screens' queries in component tests.
import { daysFromToday, timestampDaysFromToday } from '../../test/dates';

const tx = (en: string, zh: string) => ({ en, zh });
// Version 1 of the framework has been in force for most of a year.
const v1PublishedAt = timestampDaysFromToday(-336, '08:00');

const levels = [
  { level: 1, name: tx('Aware', '了解'), description: tx('Knows what it covers.', '了解基本内容。') },
  { level: 2, name: tx('Developing', '掌握'), description: tx('Applies it in routine cases.', '能在常规情境中运用。') },
  { level: 3, name: tx('Proficient', '熟练'), description: tx('Applies it consistently.', '能稳定运用。') },
];

function framework(version: number, status: string, indicator3: string) {
  return {
    version,
    status,
    maxLevel: 3,
    notes: status === 'DRAFT' ? '' : 'Initial framework',
    publishedAt: status === 'DRAFT' ? null : v1PublishedAt,
    levels,
    categories: [
      {
        id: `k${version}`,
        code: 'SERVICE',
        name: tx('Customer service', '客户服务'),
        competencies: [
          {
            id: '1',
            code: 'COMMUNICATION',
            name: tx('Communication', '沟通能力'),
            description: tx('Listens and explains.', '善于倾听与表达。'),
            indicators: [
              { level: 1, levelName: levels[0].name, text: tx('Greets every caller.', '按标准话术开场。'), specific: true },
              { level: 2, levelName: levels[1].name, text: levels[1].description, specific: false },
              { level: 3, levelName: levels[2].name, text: tx(indicator3, '能根据客户情绪调整语气。'), specific: true },
            ],
          },
          {
            id: '2',
            code: 'PROBLEM_SOLVING',
            name: tx('Problem solving', '问题解决能力'),
            description: tx('Finds the real cause.', '找准问题原因。'),
            indicators: levels.map((l) => ({ level: l.level, levelName: l.name, text: l.description, specific: false })),
          },
        ],
      },
    ],
  };
}

export function frameworkData(withDraft: boolean) {
  return {
    competencyFrameworks: [
      ...(withDraft ? [{ version: 2, status: 'DRAFT', publishedAt: null, notes: '' }] : []),
      { version: 1, status: 'PUBLISHED', publishedAt: v1PublishedAt, notes: 'Initial framework' },
    ],
    published: framework(1, 'PUBLISHED', 'Adapts tone to the caller.'),
    draft: withDraft ? framework(2, 'DRAFT', 'Adapts tone and wording to every caller.') : null,
  };
}

const pos = (id: string, code: string, en: string, zh: string, level: number, track: string, extra: Record<string, unknown> = {}) => ({
  id,
  code,
  name: tx(en, zh),
  description: tx(`${en} work.`, `${zh}的工作。`),
  responsibilities: tx('', ''),
  level,
  archived: false,
  track: { id: track },
  requirements: [],
  nextPositions: [],
  ...extra,
});

export function ladderData() {
  return {
    tracks: [
      { id: 't1', code: 'MANAGEMENT', name: tx('Service management', '客服管理'), description: tx('', ''), archived: false },
      { id: 't2', code: 'TRAINING_QUALITY', name: tx('Training & quality', '培训与质量'), description: tx('', ''), archived: false },
    ],
    positions: [
      pos('p1', 'AGENT', 'Customer Service Agent', '客服专员', 1, 't1', {
        nextPositions: [
          { kind: 'PROMOTION', to: { id: 'p2' } },
          { kind: 'PROMOTION', to: { id: 'p3' } },
        ],
      }),
      pos('p2', 'TEAM_LEAD', 'Team Lead', '客服主管', 2, 't1', {
        requirements: [
          { id: 'r1', kind: 'COMPETENCY', competency: { id: '1', code: 'COMMUNICATION', name: tx('Communication', '沟通能力') }, minLevel: 3, minMonths: null, minRating: null, course: null, kpi: null, kpiThreshold: null, kpiMonths: null },
          { id: 'r2', kind: 'MONTHS_IN_POSITION', competency: null, minLevel: null, minMonths: 12, minRating: null, course: null, kpi: null, kpiThreshold: null, kpiMonths: null },
          {
            id: 'r3',
            kind: 'KPI',
            competency: null,
            minLevel: null,
            minMonths: null,
            minRating: null,
            course: null,
            kpi: { code: 'CSAT', name: tx('Customer satisfaction', '客户满意度'), unit: 'PERCENT', direction: 'HIGHER_IS_BETTER' },
            kpiThreshold: 90,
            kpiMonths: 6,
          },
        ],
        nextPositions: [{ kind: 'LATERAL', to: { id: 'p3' } }],
      }),
      pos('p3', 'TRAINER', 'Customer Service Trainer', '客服培训师', 2, 't2', { nextPositions: [{ kind: 'LATERAL', to: { id: 'p2' } }] }),
    ],
    competencies: [
      { id: '1', code: 'COMMUNICATION', name: tx('Communication', '沟通能力') },
      { id: '2', code: 'PROBLEM_SOLVING', name: tx('Problem solving', '问题解决能力') },
    ],
    courses: {
      nodes: [
        { id: 'c1', code: 'CS-101', title: tx('Service basics', '客服基础'), certification: false },
        { id: 'c2', code: 'QA-201', title: tx('QA certification', '质检认证'), certification: true },
      ],
    },
    kpiDefinitions: [{ code: 'CSAT', name: tx('Customer satisfaction', '客户满意度'), unit: 'PERCENT', direction: 'HIGHER_IS_BETTER' }],
    competencyFramework: { version: 1, maxLevel: 3, levels: levels.map((l) => ({ level: l.level, name: l.name })) },
  };
}

const person = (id: string, no: string, en: string, zh: string, email: string, extra: Record<string, unknown> = {}) => ({
  id,
  employeeNumber: no,
  name: tx(en, zh),
  email,
  team: { id: 'team-east', name: tx('Service team East', '华东客服组') },
  manager: null,
  position: { id: 'p1', name: tx('Customer Service Agent', '客服专员'), level: 1 },
  hireDate: daysFromToday(-1358),
  status: 'ACTIVE',
  offboardedOn: null,
  accessRoles: ['EMPLOYEE'],
  reports: [],
  ...extra,
});

export function peopleData() {
  const lead = person('e1', 'CS-1101', 'Li Na', '李娜', 'lead@rungs.demo', {
    position: { id: 'p2', name: tx('Team Lead', '客服主管'), level: 2 },
    accessRoles: ['EMPLOYEE', 'MANAGER'],
    reports: [
      { id: 'e2', status: 'ACTIVE' },
      { id: 'e3', status: 'ACTIVE' },
    ],
  });
  const agent = person('e2', 'CS-1102', 'Wu Xiaoling', '吴晓玲', 'agent@rungs.demo', { manager: { id: 'e1', name: tx('Li Na', '李娜') } });
  return {
    employees: { totalCount: 2, pageInfo: { hasNextPage: false, endCursor: 'c2' }, nodes: [lead, agent] },
    teams: [
      { id: 'team-east', code: 'CS-EAST', name: tx('Service team East', '华东客服组') },
      { id: 'team-west', code: 'CS-WEST', name: tx('Service team West', '华西客服组') },
    ],
    positions: [
      { id: 'p1', code: 'AGENT', level: 1, name: tx('Customer Service Agent', '客服专员'), track: { id: 't1', name: tx('Service management', '客服管理') } },
      { id: 'p2', code: 'TEAM_LEAD', level: 2, name: tx('Team Lead', '客服主管'), track: { id: 't1', name: tx('Service management', '客服管理') } },
    ],
    managers: {
      nodes: [
        { id: 'e1', employeeNumber: 'CS-1101', name: tx('Li Na', '李娜') },
        { id: 'e2', employeeNumber: 'CS-1102', name: tx('Wu Xiaoling', '吴晓玲') },
      ],
    },
  };
}
