import { expect, test } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, renderWith } from '../../test/render';
import { GradeAttempt, GradingQueue } from './Grading';
import { asTrainer, inputError } from './testing';
import { timestampDaysFromToday } from '../../test/dates';

const submittedAt = timestampDaysFromToday(-15, '05:00');

type Calls = { name: string; variables: Record<string, unknown> }[];
const cao = { id: '10', employeeNumber: 'CS-1106', name: { en: 'Cao Lin', zh: '曹琳' } };
const test16 = { id: '20', code: 'FLM-102-TEST', title: { en: 'Coaching skills assessment', zh: '辅导技巧考核' } };

test('the queue lists attempts waiting for grading, in Chinese', async () => {
  renderWith(asTrainer(<GradingQueue />), {
    lang: 'zh-CN',
    client: fakeClient({
      TrainerGradingQueue: { gradingQueue: [{ id: '16', status: 'AWAITING_GRADING', submittedAt, timedOut: false, learner: cao, assessment: test16 }] },
    }),
  });
  expect(await screen.findByRole('rowheader', { name: '曹琳' })).toBeTruthy();
  expect(screen.getByText('辅导技巧考核')).toBeTruthy();
  expect(screen.getByRole('link', { name: '批阅曹琳的答卷' }).getAttribute('href')).toBe('/trainer/grading/16');
});

test("a learner outside the grader's scope is named in the queue", async () => {
  // The server hides the employee (null) but always sends the learner's name.
  const ma = { id: '33', employeeNumber: 'CS-1402', name: { en: 'Ma Tao', zh: '马涛' } };
  renderWith(asTrainer(<GradingQueue />), {
    client: fakeClient({
      TrainerGradingQueue: {
        gradingQueue: [
          { id: '16', status: 'AWAITING_GRADING', submittedAt, timedOut: false, learner: cao, employee: cao, assessment: test16 },
          { id: '17', status: 'AWAITING_GRADING', submittedAt, timedOut: true, learner: ma, employee: null, assessment: test16 },
        ],
      },
    }),
  });
  expect(await screen.findByRole('rowheader', { name: 'Ma Tao' })).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Grade the attempt of Ma Tao' }).getAttribute('href')).toBe('/trainer/grading/17');
  expect(screen.queryByText('Hidden')).toBeNull();
});

test('an empty queue says so', async () => {
  renderWith(asTrainer(<GradingQueue />), { client: fakeClient({ TrainerGradingQueue: { gradingQueue: [] } }) });
  expect(await screen.findByText('Nothing to grade. Well done!')).toBeTruthy();
});

const attempt = (status: string, score: number | null, extra: object = {}) => ({
  attempt: {
    id: '16',
    status,
    submittedAt,
    score,
    maxScore: 15,
    percent: score == null ? null : (score / 15) * 100,
    passed: score == null ? null : score / 15 >= 0.7,
    timedOut: false,
    learner: cao,
    assessment: { ...test16, passMark: 70 },
    ...extra,
  },
  attemptReview: [
    {
      question: { id: '130', kind: 'SINGLE_CHOICE', text: { en: 'How many changes per conversation?', zh: '一次辅导对话应约定几项改进？' }, points: 2, options: [{ id: '302', text: { en: 'One at a time', zh: '一次一项' }, correct: true }] },
      selectedOptionIds: ['302'],
      text: '',
      points: 2,
      comment: '',
    },
    {
      question: { id: '127', kind: 'SHORT_ANSWER', text: { en: 'Write the feedback you would give.', zh: '请写出您的反馈。' }, points: 5, options: [] },
      selectedOptionIds: [],
      text: 'At 3:10 you read out the address before verifying identity.',
      points: null,
      comment: '',
    },
    {
      question: { id: '126', kind: 'SHORT_ANSWER', text: { en: 'How will you check the change sticks?', zh: '您将如何确认改进已落实？' }, points: 5, options: [] },
      selectedOptionIds: [],
      text: 'Two sampled calls a week.',
      points: null,
      comment: '',
    },
  ],
});

test('grades the short answers of an attempt and shows the result', async () => {
  const calls: Calls = [];
  let graded = false;
  renderWith(asTrainer(<GradeAttempt />, '/trainer/grading/:id'), {
    path: '/trainer/grading/16',
    client: fakeClient(
      {
        TrainerGradeAttempt: () => (graded ? attempt('GRADED', 12) : attempt('AWAITING_GRADING', null)),
        TrainerGradeAttemptSave: () => {
          graded = true;
          return { gradeAttempt: { id: '16', status: 'GRADED', score: 12, maxScore: 15, percent: 80, passed: true } };
        },
      },
      calls,
    ),
  });
  expect(await screen.findByText('At 3:10 you read out the address before verifying identity.')).toBeTruthy();
  expect(screen.getByText('Correct')).toBeTruthy();
  const points = screen.getAllByLabelText('Points (0–5)');
  await userEvent.type(points[0], '4');
  await userEvent.type(points[1], '3');
  await userEvent.type(screen.getAllByLabelText('Comment for the learner')[0], 'Clear and specific.');
  await userEvent.click(screen.getByRole('button', { name: 'Save grades' }));
  expect((await screen.findByRole('status')).textContent).toContain('Grades saved.');
  expect(calls.find((c) => c.name === 'TrainerGradeAttemptSave')!.variables).toEqual({
    attemptId: '16',
    grades: [
      { questionId: '127', points: 4, comment: 'Clear and specific.' },
      { questionId: '126', points: 3, comment: undefined },
    ],
  });
  await waitFor(() => expect(screen.getByText('Graded')).toBeTruthy());
  expect(screen.getAllByText(/12 of 15 points/).length).toBeGreaterThan(0);
  expect(screen.queryByRole('button', { name: 'Save grades' })).toBeNull();
}, 20_000);

test('points out of range are refused on their field', async () => {
  renderWith(asTrainer(<GradeAttempt />, '/trainer/grading/:id'), {
    path: '/trainer/grading/16',
    client: fakeClient({
      TrainerGradeAttempt: attempt('AWAITING_GRADING', null),
      TrainerGradeAttemptSave: inputError([{ field: 'grades[1].points', key: 'attempt.grade.points_range', message: 'points must be between 0 and 5' }]),
    }),
  });
  await userEvent.click(await screen.findByRole('button', { name: 'Save grades' }));
  await waitFor(() => expect(screen.getAllByLabelText('Points (0–5)')[1].closest('.field')!.className).toContain('invalid'));
});

test("an attempt of a learner outside the grader's scope shows their name and number", async () => {
  renderWith(asTrainer(<GradeAttempt />, '/trainer/grading/:id'), {
    lang: 'zh-CN',
    path: '/trainer/grading/16',
    client: fakeClient({ TrainerGradeAttempt: attempt('AWAITING_GRADING', null, { employee: null }) }),
  });
  expect(await screen.findByText('曹琳 (CS-1106)')).toBeTruthy();
  expect(screen.queryByText('不可见')).toBeNull();
  expect(screen.getByRole('button', { name: '保存评分' })).toBeTruthy();
});
