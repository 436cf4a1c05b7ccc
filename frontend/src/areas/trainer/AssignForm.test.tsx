import { expect, test } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, renderWith } from '../../test/render';
import { AssignForm, AssignPage } from './AssignForm';
import { asTrainer, inputError } from './testing';
import { today } from '../../lib/format';
import { daysFromToday } from '../../test/dates';

type Calls = { name: string; variables: Record<string, unknown> }[];

const data = {
  courses: { nodes: [{ id: '23', code: 'CS-210', title: { en: 'Complaint handling and service recovery', zh: '投诉处理与服务补救' } }] },
  teams: [
    { id: '2', code: 'CS-EAST', name: { en: 'Service team East', zh: '华东客服组' } },
    { id: '3', code: 'CS-WEST', name: { en: 'Service team West', zh: '华西客服组' } },
  ],
  positions: [{ id: '1', code: 'AGENT', level: 1, name: { en: 'Customer Service Agent', zh: '客服专员' } }],
  employees: {
    nodes: [
      { id: '6', employeeNumber: 'CS-1102', name: { en: 'Wu Xiaoling', zh: '吴晓玲' }, team: { id: '2', name: { en: 'Service team East', zh: '华东客服组' } } },
      { id: '7', employeeNumber: 'CS-1103', name: { en: 'Deng Chao', zh: '邓超' }, team: { id: '2', name: { en: 'Service team East', zh: '华东客服组' } } },
    ],
  },
};
// A due date the trainer types, three weeks ahead (the field takes no past date).
const dueOn = daysFromToday(21);
const result = { assignCourse: { created: 6, existing: 2, assignment: { id: '90', scope: 'TEAM', dueOn } } };

test('assigns a course to a team with a due date and reports what was created, in Chinese', async () => {
  const calls: Calls = [];
  renderWith(asTrainer(<AssignPage />), { lang: 'zh-CN', client: fakeClient({ TrainerAssignData: data, TrainerAssignCourse: result }, calls) });
  await userEvent.selectOptions(await screen.findByLabelText('课程'), '23');
  await userEvent.selectOptions(screen.getByLabelText('团队'), '3');
  const due = screen.getByLabelText('截止日期');
  await userEvent.clear(due);
  await userEvent.type(due, dueOn);
  await userEvent.type(screen.getByLabelText('指派原因'), '投诉率上升');
  await userEvent.click(screen.getByRole('button', { name: '确认指派' }));
  const ok = await screen.findByRole('status');
  expect(ok.textContent).toMatch(/^已指派，截止日期 .+。新建 6 条学习任务。2 人已有此课程。$/);
  const sent = calls.find((c) => c.name === 'TrainerAssignCourse')!.variables.input;
  expect(sent).toEqual({
    courseId: '23',
    teamId: '3',
    positionId: undefined,
    employeeIds: undefined,
    dueOn,
    joinerDueDays: 30,
    recurrenceMonths: undefined,
    reason: '投诉率上升',
  });
  // Only the viewer's own published courses are offered.
  expect(calls[0].variables).toMatchObject({ withCourses: true, owner: '28' });
}, 30_000);

test('assigns to named people picked from a search', async () => {
  const calls: Calls = [];
  renderWith(asTrainer(<AssignForm courseId="23" />), { client: fakeClient({ TrainerAssignData: data, TrainerAssignCourse: result }, calls) });
  await userEvent.click(await screen.findByLabelText('Named people'));
  await userEvent.type(screen.getByLabelText('Find people'), 'Wu');
  await waitFor(() => expect(calls.at(-1)?.variables.text).toBe('Wu'));
  await userEvent.click(screen.getByRole('button', { name: 'Add Wu Xiaoling (CS-1102)' }));
  expect(screen.getByText('1 person chosen')).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
  await waitFor(() => expect(calls.some((c) => c.name === 'TrainerAssignCourse')).toBe(true));
  expect(calls.find((c) => c.name === 'TrainerAssignCourse')!.variables.input).toMatchObject({
    courseId: '23',
    employeeIds: ['6'],
    teamId: undefined,
    dueOn: today(30),
    joinerDueDays: undefined,
  });
  // The course page gives the course: no course list is asked for.
  expect(calls[0].variables.withCourses).toBe(false);
}, 30_000);

test('a due date in the past is reported on its field', async () => {
  renderWith(asTrainer(<AssignForm courseId="23" />), {
    client: fakeClient({
      TrainerAssignData: data,
      TrainerAssignCourse: inputError([{ field: 'dueOn', key: 'assignment.due_on.past', message: 'the due date must be today or later' }]),
    }),
  });
  await userEvent.selectOptions(await screen.findByLabelText('Team'), '2');
  await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
  await waitFor(() => expect(screen.getByLabelText('Due date').closest('.field')!.className).toContain('invalid'));
  expect(screen.queryByRole('status')).toBeNull();
});
