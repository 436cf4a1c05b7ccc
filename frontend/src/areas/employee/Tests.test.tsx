import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { CombinedError } from 'urql';
import { expect, test, vi } from 'vitest';
import { fakeClient, renderWith } from '../../test/render';
import { TakeTest, Tests, blockedReason, toInput } from './Tests';
import { questions, test as testData, tests } from './fixtures';
import type { EmployeeTestQuery } from '../../gql/graphql';
import { timestampDaysFromToday } from '../../test/dates';

import './testing';

// The machine is shared: first renders (recharts, i18n) can be slow.
vi.setConfig({ testTimeout: 20_000 });

type Calls = { name: string; variables: Record<string, unknown> }[];

function take(lang: string, answers: Record<string, unknown>, calls: Calls = []) {
  return renderWith(
    <Routes>
      <Route path="/me/tests/:id" element={<TakeTest />} />
    </Routes>,
    { lang, client: fakeClient(answers, calls), path: '/me/tests/18' },
  );
}

const deadline = () => new Date(Date.now() + 25 * 60_000).toISOString();
type Attempt = NonNullable<EmployeeTestQuery['assessment']>['myAttempts'][number];
const attempt = (over: Partial<Attempt> = {}): Attempt => ({ id: '45', status: 'GRADED', startedAt: timestampDaysFromToday(-14, '10:00'), deadlineAt: null, submittedAt: timestampDaysFromToday(-14, '10:10'), score: 12, maxScore: 16, percent: 75, passed: true, timedOut: false, ...over });

test('lists the tests of my courses with their rules and my results', async () => {
  renderWith(<Tests />, { lang: 'en', client: fakeClient({ EmployeeTests: tests }) });
  const row = await screen.findByRole('row', { name: /Final test/ });
  expect(row.textContent).toContain('Pass mark 75%');
  expect(row.textContent).toContain('25 minutes · 0 of 3 used');
  expect(within(row).getByText('Not taken yet')).toBeTruthy();
  expect(within(row).getByRole('link', { name: 'Final test' }).getAttribute('href')).toBe('/me/tests/18');
  const history = screen.getByRole('region', { name: 'My attempts' });
  expect(within(history).getByText('Passed')).toBeTruthy();
  expect(history.textContent).toContain('100%');
});

test('My tests in Chinese', async () => {
  renderWith(<Tests />, { lang: 'zh-CN', client: fakeClient({ EmployeeTests: tests }) });
  const row = await screen.findByRole('row', { name: /结业考试/ });
  expect(row.textContent).toContain('及格线 75%');
  expect(row.textContent).toContain('限时 25 分钟');
  expect(within(screen.getByRole('region', { name: '我的作答记录' })).getByText('已通过')).toBeTruthy();
});

test('start, answer every kind of question, save, submit and see the result', async () => {
  const calls: Calls = [];
  take(
    'en',
    {
      EmployeeTest: testData(),
      EmployeeStartAttempt: { startAttempt: { id: '45', status: 'IN_PROGRESS', deadlineAt: deadline(), assessment: { id: '18' } } },
      EmployeeAttemptQuestions: questions,
      EmployeeSaveAnswers: { saveAnswers: { id: '45', status: 'IN_PROGRESS' } },
      EmployeeSubmitAttempt: { submitAttempt: { ...attempt({ score: 11.5, percent: 71.9, passed: false }), assessment: { id: '18' } } },
      EmployeeAttemptReview: { attemptReview: [] },
    },
    calls,
  );
  await userEvent.click(await screen.findByRole('button', { name: 'Start the test' }));
  const quiz = await screen.findByRole('region', { name: 'Questions' });
  expect(within(quiz).getByRole('timer').textContent).toMatch(/Time left 2[45]:\d\d/);
  // Saved answers come back: q3 was answered "False".
  expect((within(quiz).getByRole('radio', { name: 'False' }) as HTMLInputElement).checked).toBe(true);
  expect(within(quiz).getByText('3 questions are not answered yet.')).toBeTruthy();
  await userEvent.click(within(quiz).getByRole('radio', { name: 'Read the history' }));
  await userEvent.click(within(quiz).getByRole('checkbox', { name: 'When did it start?' }));
  await userEvent.click(within(quiz).getByRole('checkbox', { name: 'What changed?' }));
  await userEvent.type(within(quiz).getByLabelText('Your answer'), 'Refund the fee');
  expect(within(quiz).queryByText(/not answered yet/)).toBeNull();
  await userEvent.click(within(quiz).getByRole('button', { name: 'Save answers' }));
  await within(quiz).findByText('Your answers are saved.');
  const expected = [
    { questionId: 'q1', optionIds: ['o1'] },
    { questionId: 'q2', optionIds: ['o3', 'o5'] },
    { questionId: 'q3', optionIds: ['o7'] },
    { questionId: 'q4', text: 'Refund the fee' },
  ];
  expect(calls.find((c) => c.name === 'EmployeeSaveAnswers')!.variables).toEqual({ attemptId: '45', answers: expected });
  await userEvent.click(within(quiz).getByRole('button', { name: 'Submit answers' }));
  const result = await screen.findByRole('region', { name: 'My result' });
  expect(within(result).getByText('Not passed')).toBeTruthy();
  expect(result.textContent).toContain('72%');
  expect(result.textContent).toContain('11.5 of 16 points; 75% needed to pass.');
  expect(calls.find((c) => c.name === 'EmployeeSubmitAttempt')!.variables).toEqual({ attemptId: '45', answers: expected });
  expect(calls.find((c) => c.name === 'EmployeeAttemptReview')!.variables).toEqual({ attemptId: '45' });
});

test('a test with short answers waits for grading (in Chinese)', async () => {
  take('zh-CN', {
    EmployeeTest: testData(),
    EmployeeStartAttempt: { startAttempt: { id: '45', status: 'IN_PROGRESS', deadlineAt: null, assessment: { id: '18' } } },
    EmployeeAttemptQuestions: questions,
    EmployeeSubmitAttempt: { submitAttempt: { ...attempt({ status: 'AWAITING_GRADING', score: null, percent: null, passed: null }), assessment: { id: '18' } } },
    EmployeeAttemptReview: { attemptReview: [] },
  });
  await userEvent.click(await screen.findByRole('button', { name: '开始测验' }));
  const quiz = await screen.findByRole('region', { name: '试题' });
  expect(within(quiz).queryByRole('timer')).toBeNull();
  expect(within(quiz).getByText('第一步应该做什么？')).toBeTruthy();
  await userEvent.click(within(quiz).getByRole('button', { name: '提交答卷' }));
  const result = await screen.findByRole('region', { name: '我的成绩' });
  expect(within(result).getByText('等待阅卷')).toBeTruthy();
});

test('an open attempt is resumed; a used-up test says why it cannot start', async () => {
  take('en', { EmployeeTest: testData([attempt({ status: 'IN_PROGRESS', passed: null, percent: null })]) });
  expect(await screen.findByRole('button', { name: 'Resume my attempt' })).toBeTruthy();
  const failed = attempt({ passed: false, percent: 50 });
  expect(blockedReason({ status: 'PUBLISHED', maxAttempts: 3, myAttempts: [failed, failed, failed] })).toBe('exhausted');
  expect(blockedReason({ status: 'PUBLISHED', maxAttempts: 3, myAttempts: [attempt()] })).toBe('passed');
  expect(blockedReason({ status: 'PUBLISHED', maxAttempts: null, myAttempts: [attempt({ status: 'AWAITING_GRADING', passed: null })] })).toBe('awaiting');
  expect(blockedReason({ status: 'PUBLISHED', maxAttempts: 3, myAttempts: [failed] })).toBeNull();
});

test('a passed test offers no new attempt', async () => {
  take('en', { EmployeeTest: testData([attempt()]) });
  expect(await screen.findByText('You have passed this test.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Start the test' })).toBeNull();
});

test('a refused start shows the server problem', async () => {
  const error = new CombinedError({ graphQLErrors: [{ message: 'x', extensions: { code: 'CONFLICT', key: 'assessment.attempts.exhausted' } }] });
  take('en', { EmployeeTest: testData(), EmployeeStartAttempt: error });
  await userEvent.click(await screen.findByRole('button', { name: 'Start the test' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('You have used all your attempts at this assessment.'));
});

test('answers are sent in the shape the server takes', () => {
  const qs = questions.attemptQuestions;
  expect(toInput(qs.slice(0, 1), {})).toEqual([{ questionId: 'q1', optionIds: [] }]);
  expect(toInput(qs.slice(3), {})).toEqual([{ questionId: 'q4', text: '' }]);
});
