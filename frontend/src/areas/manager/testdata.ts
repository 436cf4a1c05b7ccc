// Data the manager area's component tests answer with: a lead (Li Na) and
// her agents, shaped like the server's answers to the area's operations.
import type { Viewer } from '../../auth/session';
import { daysFromToday, halfYear, timestampDaysFromToday } from '../../test/dates';

export const lead = {
  id: '13',
  name: { en: 'Li Na', zh: '李娜' },
  email: 'lead@rungs.demo',
  accessRoles: ['EMPLOYEE', 'MANAGER'],
  status: 'ACTIVE',
  position: { id: '4', code: 'TEAM_LEAD', name: { en: 'Team Lead', zh: '客服主管' } },
  team: { id: '2', name: { en: 'Service team East', zh: '华东客服组' } },
  reports: [{ id: '6' }, { id: '7' }],
} as unknown as Viewer;

export const session = { viewer: lead, isLineManager: true, has: () => false };

const comm = { id: '1', code: 'COMMUNICATION', name: { en: 'Communication', zh: '沟通能力' } };
const prob = { id: '2', code: 'PROBLEM_SOLVING', name: { en: 'Problem solving', zh: '问题解决能力' } };
const tools = { id: '6', code: 'TOOLS', name: { en: 'Tools & technology', zh: '技术能力' } };
const lead_ = { id: '9', code: 'LEADERSHIP', name: { en: 'Leadership & team management', zh: '领导与团队管理' } };
export const competencies = [comm, prob, tools, lead_];

const agentPosition = {
  id: '1',
  name: { en: 'Customer Service Agent', zh: '客服专员' },
  requirements: [
    { id: 'r1', kind: 'COMPETENCY', minLevel: 2, competency: { id: '1' } },
    { id: 'r2', kind: 'COMPETENCY', minLevel: 3, competency: { id: '2' } },
    { id: 'r3', kind: 'COMPETENCY', minLevel: 2, competency: { id: '6' } },
    { id: 'r4', kind: 'MONTHS_IN_POSITION', minLevel: null, competency: null },
  ],
};

const lv = (id: string, level: number | null, stale = false) => ({ competency: { id }, level, stale });

export const heatmapData = {
  competencies,
  lead: { id: '13', name: lead.name, manager: { id: '3' } },
  employees: {
    totalCount: 2,
    pageInfo: { hasNextPage: false, endCursor: '7' },
    nodes: [
      {
        id: '6',
        employeeNumber: 'CS-1102',
        name: { en: 'Wu Xiaoling', zh: '吴晓玲' },
        position: agentPosition,
        // Communication met, problem solving 2 below, tools 1 below, leadership not required.
        competencies: [lv('1', 2), lv('2', 1), lv('6', 1, true), lv('9', 1)],
        reports: [],
      },
      {
        id: '7',
        employeeNumber: 'CS-1103',
        name: { en: 'Deng Chao', zh: '邓超' },
        position: agentPosition,
        competencies: [lv('1', 3), lv('2', 3), lv('6', 2), lv('9', null)],
        reports: [{ id: '99' }],
      },
    ],
  },
};

const cat = (id: string, en: string, zh: string) => ({ id, name: { en, zh } });
const service = cat('c1', 'Customer service', '客户服务');
const people = cat('c3', 'Leadership & people', '领导与人才');

export function personData(ratingStatus: 'SUBMITTED' | 'ACKNOWLEDGED' | null = 'SUBMITTED') {
  // Agent since she joined, about 44 months ago (as readiness says); the open period is the current half-year.
  const joined = daysFromToday(-1354);
  const open = halfYear(0);
  const closed = halfYear(-1);
  return {
    employee: {
      id: '6',
      employeeNumber: 'CS-1102',
      name: { en: 'Wu Xiaoling', zh: '吴晓玲' },
      status: 'ACTIVE',
      hireDate: joined,
      positionSince: joined,
      team: { id: '2', name: { en: 'Service team East', zh: '华东客服组' } },
      position: {
        id: '1',
        name: agentPosition.name,
        level: 1,
        track: { id: 't1', name: { en: 'Service management', zh: '客服管理' } },
        requirements: agentPosition.requirements,
      },
      competencies: [
        { competency: { ...comm, category: service }, level: 2, source: 'RUBRIC', observedOn: daysFromToday(-27), stale: false },
        { competency: { ...prob, category: service }, level: 1, source: 'MANAGER', observedOn: daysFromToday(-696), stale: true },
        { competency: { ...lead_, category: people }, level: null, source: null, observedOn: null, stale: false },
      ],
      nextPositions: [
        { kind: 'PROMOTION', to: { id: '7', name: { en: 'CX Specialist', zh: '客户体验专员' }, level: 2, track: { id: 't2' } } },
        { kind: 'PROMOTION', to: { id: '4', name: { en: 'Team Lead', zh: '客服主管' }, level: 2, track: { id: 't1' } } },
      ],
      performanceRatings: [
        ...(ratingStatus
          ? [
              {
                id: '33',
                period: { id: '2', name: open.name, status: 'OPEN' },
                rating: 4,
                comment: 'Good progress.',
                status: ratingStatus,
                ratedAt: timestampDaysFromToday(-17),
                ratedBy: { id: '13', name: lead.name },
              },
            ]
          : []),
        {
          id: '12',
          period: { id: '1', name: closed.name, status: 'CLOSED' },
          rating: 3.5,
          comment: 'Friendly and reliable.',
          status: 'ACKNOWLEDGED',
          ratedAt: timestampDaysFromToday(-171),
          ratedBy: { id: '13', name: lead.name },
        },
      ],
    },
    reviewPeriods: [
      { id: '2', ...open, status: 'OPEN' },
      { id: '1', ...closed, status: 'CLOSED' },
    ],
    competencyFramework: {
      maxLevel: 5,
      levels: [
        { level: 1, name: { en: 'Aware', zh: '了解' } },
        { level: 2, name: { en: 'Developing', zh: '掌握' } },
        { level: 3, name: { en: 'Proficient', zh: '熟练' } },
        { level: 4, name: { en: 'Advanced', zh: '精通' } },
        { level: 5, name: { en: 'Expert', zh: '专家' } },
      ],
    },
  };
}

export const readinessData = {
  employee: {
    id: '6',
    readiness: {
      score: 57,
      status: 'NOT_READY',
      lines: [
        { kind: 'COMPETENCY', weight: 50, value: 0.59, required: 1, score: 0.59, met: false },
        { kind: 'MONTHS_IN_POSITION', weight: 5, value: 44, required: 12, score: 1, met: true },
        { kind: 'PERFORMANCE_RATING', weight: 15, value: 4, required: 3.5, score: 1, met: true },
      ],
      topGaps: [{ en: 'Communication: level 2 of 3', zh: '沟通能力：2 / 3 级' }],
    },
  },
};
