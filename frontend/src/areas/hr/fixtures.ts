import type { Client } from 'urql';
import { concat, never } from 'wonka';
// Test data shaped like the server's answers (only what the screens ask for).
export const name = (en: string, zh: string) => ({ en, zh });

export const positions = [
  { id: '5', code: 'AGENT', level: 1, name: name('Customer Service Agent', '客服专员'), track: { id: '1', name: name('Service management', '客服管理') } },
  { id: '4', code: 'TEAM_LEAD', level: 2, name: name('Team Lead', '客服主管'), track: { id: '1', name: name('Service management', '客服管理') } },
  { id: '1', code: 'CX_DIRECTOR', level: 5, name: name('Customer Experience Director', '客户体验总监'), track: { id: '1', name: name('Service management', '客服管理') } },
];

export const teams = [
  { id: '2', code: 'CS-EAST', name: name('Service team East', '华东客服组') },
  { id: '3', code: 'CS-WEST', name: name('Service team West', '华西客服组') },
];

const agent = positions[0];

export function candidate(id: string, en: string, zh: string, score: number, status: string, gaps: [string, string][] = []) {
  return {
    score,
    status,
    topGaps: gaps.map(([e, z]) => name(e, z)),
    employee: { id, employeeNumber: `CS-${id}`, name: name(en, zh), position: { id: agent.id, name: agent.name }, team: { id: teams[0].id, name: teams[0].name } },
  };
}

export const board = {
  readinessBoard: {
    totalCount: 12,
    pageInfo: { hasNextPage: true, endCursor: 'c10' },
    nodes: [
      candidate('1106', 'Cao Lin', '曹琳', 100, 'READY_NOW'),
      candidate('1305', 'Du Kai', '杜凯', 78, 'READY_SOON', [
        ['Emotional resilience: level 2 of 3', '情绪管理与抗压能力：3 级中的 2 级'],
        ['Problem solving: level 2 of 3', '问题解决能力：3 级中的 2 级'],
        ['Leadership: level 1 of 2', '领导与团队管理：2 级中的 1 级'],
        ['Not met: COURSE', '未达标：课程'],
      ]),
      candidate('1105', 'Tang Wen', '唐雯', 44, 'NOT_READY', [['Communication: level 2 of 3', '沟通能力：3 级中的 2 级']]),
    ],
  },
};

/** Query streams stay open as with the real client (with the fake one, a finished stream clears an error). */
export function keepOpen(base: Client): Client {
  return { ...base, executeQuery: (op: Parameters<Client['executeQuery']>[0]) => concat([base.executeQuery(op), never]) } as unknown as Client;
}
