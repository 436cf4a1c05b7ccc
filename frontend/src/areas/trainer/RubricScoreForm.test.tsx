import { expect, test } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, renderWith } from '../../test/render';
import { RubricScoreForm } from '../../components/RubricScoreForm';
import { inputError } from './testing';
import { today } from '../../lib/format';
import { timestampDaysFromToday } from '../../test/dates';

type Calls = { name: string; variables: Record<string, unknown> }[];

const levels = [1, 2, 3, 4, 5];
const names: Record<number, [string, string]> = { 1: ['Aware', '了解'], 2: ['Developing', '掌握'], 3: ['Proficient', '熟练'], 4: ['Advanced', '精通'], 5: ['Expert', '专家'] };
const criterion = (id: string, en: string, zh: string, weight: number) => ({
  id,
  name: { en, zh },
  weight,
  competency: { id: `c${id}`, name: { en: `${en} skill`, zh: `${zh}能力` } },
  descriptors: levels.map((l) => ({ level: l, text: { en: `${en} at level ${l}`, zh: `${zh}达到${l}级` } })),
});
const data = {
  rubrics: [
    { id: '2', code: 'QA-CALLS', status: 'PUBLISHED', purpose: 'QA_SAMPLING', name: { en: 'Call and chat quality sampling', zh: '通话与在线服务质检' }, criteria: [criterion('9', 'Greeting and script', '开场与话术', 15), criterion('7', 'Resolution', '问题解决', 30)] },
    { id: '3', code: 'OLD', status: 'DRAFT', purpose: 'OBSERVATION', name: { en: 'Draft rubric', zh: '草稿评分表' }, criteria: [] },
  ],
  competencyFramework: { maxLevel: 5, levels: levels.map((l) => ({ level: l, name: { en: names[l][0], zh: names[l][1] } })) },
  employees: { nodes: [{ id: '6', employeeNumber: 'CS-1102', name: { en: 'Wu Xiaoling', zh: '吴晓玲' }, team: { id: '2', name: { en: 'Service team East', zh: '华东客服组' } } }] },
};
const saved = {
  scoreRubric: {
    id: '77',
    weightedScore: 73.33,
    comment: '',
    scoredAt: timestampDaysFromToday(0, '09:00'),
    employee: { id: '6', name: { en: 'Wu Xiaoling', zh: '吴晓玲' } },
    rubric: { id: '2', name: data.rubrics[0].name },
    items: [
      { level: 4, comment: '', criterion: { id: '9', name: data.rubrics[0].criteria[0].name } },
      { level: 3, comment: '核验身份后再说明', criterion: { id: '7', name: data.rubrics[0].criteria[1].name } },
    ],
  },
};

test('scores an agent by level with descriptors in Chinese and shows the result', async () => {
  const calls: Calls = [];
  const scored: string[] = [];
  renderWith(<RubricScoreForm onScored={(id) => scored.push(id)} />, { lang: 'zh-CN', client: fakeClient({ TrainerRubricScoreForm: data, TrainerScoreRubric: saved }, calls) });
  const rubric = await screen.findByLabelText('评分表');
  // Only published rubrics can be used.
  expect(within(rubric).queryByText(/草稿评分表/)).toBeNull();
  await userEvent.selectOptions(rubric, '2');
  await userEvent.selectOptions(screen.getByLabelText('员工'), '6');
  const greeting = screen.getByRole('group', { name: /开场与话术/ });
  expect(within(greeting).getByText('开场与话术达到4级')).toBeTruthy();
  await userEvent.click(within(greeting).getByRole('radio', { name: /等级 4 · 精通/ }));
  await userEvent.click(within(screen.getByRole('group', { name: /问题解决/ })).getByRole('radio', { name: /等级 3 · 熟练/ }));
  await userEvent.type(screen.getByLabelText('“问题解决”的评语'), '核验身份后再说明');
  await userEvent.type(screen.getByLabelText('工单或通话编号'), 'CALL-1');
  await userEvent.click(screen.getByRole('button', { name: '保存评分卡' }));
  expect(await screen.findByRole('heading', { name: '评分卡已保存' })).toBeTruthy();
  expect(screen.getByText('73.33 / 100')).toBeTruthy();
  expect(screen.getByRole('meter', { name: '加权得分' }).getAttribute('aria-valuenow')).toBe('73');
  expect(scored).toEqual(['77']);
  expect(calls.find((c) => c.name === 'TrainerScoreRubric')!.variables.input).toEqual({
    rubricId: '2',
    employeeId: '6',
    channel: 'CALL',
    interactionRef: 'CALL-1',
    interactionOn: today(),
    comment: undefined,
    items: [
      { criterionId: '9', level: 4, comment: undefined },
      { criterionId: '7', level: 3, comment: '核验身份后再说明' },
    ],
  });
}, 20_000);

test('a preselected employee is asked for by id, with no search', async () => {
  const calls: Calls = [];
  renderWith(<RubricScoreForm employeeId="6" />, {
    client: fakeClient({ TrainerRubricScoreForm: { ...data, employees: undefined, employee: { ...data.employees.nodes[0] } } }, calls),
  });
  expect(await screen.findByText('Wu Xiaoling (CS-1102)')).toBeTruthy();
  expect(screen.queryByLabelText('Find the employee')).toBeNull();
  expect(calls[0].variables).toMatchObject({ employeeId: '6', preselected: true });
});

test('an unscored criterion is reported on that criterion', async () => {
  renderWith(<RubricScoreForm employeeId="6" />, {
    client: fakeClient({
      TrainerRubricScoreForm: { ...data, employees: undefined, employee: data.employees.nodes[0] },
      TrainerScoreRubric: inputError([{ field: 'items[1].level', key: 'rubric.scorecard.level_range', message: 'level 0 is outside the scale 1–5' }]),
    }),
  });
  await userEvent.selectOptions(await screen.findByLabelText('Rubric'), '2');
  await userEvent.click(within(screen.getByRole('group', { name: /Greeting and script/ })).getByRole('radio', { name: /Level 2 · Developing/ }));
  await userEvent.click(screen.getByRole('button', { name: 'Save scorecard' }));
  await waitFor(() => expect(within(screen.getByRole('group', { name: /Resolution/ })).getByRole('alert')).toBeTruthy());
  expect(within(screen.getByRole('group', { name: /Greeting and script/ })).queryByRole('alert')).toBeNull();
});
