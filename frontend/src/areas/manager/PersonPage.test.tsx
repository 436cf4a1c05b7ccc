import { expect, test } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { CombinedError } from 'urql';
import { fakeClient, renderWith } from '../../test/render';
import { SessionContextForTest } from '../../auth/session';
import { PersonPage } from './PersonPage';
import { personData, readinessData, session } from './testdata';
import { daysFromToday, timestampDaysFromToday } from '../../test/dates';

type Calls = { name: string; variables: Record<string, unknown> }[];

function show(lang: string, answers: Record<string, unknown>) {
  const calls: Calls = [];
  const r = renderWith(
    <SessionContextForTest value={session}>
      <Routes>
        <Route path="/team/people/:id" element={<PersonPage />} />
      </Routes>
    </SessionContextForTest>,
    { lang, path: '/team/people/6', client: fakeClient(answers, calls) },
  );
  return { ...r, calls };
}

const base = { ManagerPerson: personData(), ManagerPersonReadiness: readinessData };

test("a report's page: position, readiness for the next step on their track, competencies against the position", () => {
  const { calls } = show('en', base);
  expect(screen.getByRole('heading', { level: 1, name: 'Wu Xiaoling' })).toBeTruthy();
  // Two reads: the person, then readiness for the target (Team Lead: the next step on her own track).
  expect(calls.map((c) => c.name)).toEqual(['ManagerPerson', 'ManagerPersonReadiness']);
  expect(calls[0].variables).toEqual({ id: '6' });
  expect(calls[1].variables).toEqual({ id: '6', target: '4' });
  expect((screen.getByLabelText('Target position') as HTMLSelectElement).value).toBe('4');

  const position = screen.getByRole('region', { name: 'Position' });
  expect(within(position).getByText('Customer Service Agent')).toBeTruthy();
  expect(within(position).getByText('Service team East')).toBeTruthy();

  const readiness = screen.getByRole('region', { name: 'Promotion readiness' });
  expect(within(readiness).getByText('57 / 100')).toBeTruthy();
  expect(within(readiness).getByText('Not yet ready')).toBeTruthy();
  const months = within(readiness).getByRole('row', { name: /Time in position/ });
  expect(months.textContent).toContain('44 months');
  expect(months.textContent).toContain('Met');
  expect(within(readiness).getByText('Communication: level 2 of 3')).toBeTruthy();

  const comps = screen.getByRole('region', { name: 'Competencies' });
  const rows = within(comps).getAllByRole('row').slice(1);
  // The biggest gap first: problem solving (1 of 3), then communication (met), then leadership (not required).
  expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
    'Problem solvingCustomer service',
    'CommunicationCustomer service',
    'Leadership & team managementLeadership & people',
  ]);
  expect(rows[0].textContent).toContain('2 levels below');
  expect(rows[0].textContent).toContain('Over a year old');
  expect(rows[2].textContent).toContain('No evidence yet');
});

test('the manager gives a performance rating for the open period', async () => {
  const { calls } = show('en', {
    ...base,
    ManagerRatePerformance: (v: Record<string, unknown>) => ({
      ratePerformance: { id: '33', rating: v.rating, comment: v.comment, status: 'SUBMITTED', ratedAt: timestampDaysFromToday(0), period: { id: v.periodId } },
    }),
  });
  const form = screen.getByRole('region', { name: 'Performance rating' });
  // The open period's rating is there to change.
  expect(within(form).getByText('Current rating: 4')).toBeTruthy();
  expect((within(form).getByLabelText('Rating') as HTMLSelectElement).value).toBe('4');
  await userEvent.selectOptions(within(form).getByLabelText('Rating'), '4.5');
  const comment = within(form).getByLabelText('Comment');
  await userEvent.clear(comment);
  await userEvent.type(comment, 'Top CSAT in the team.');
  await userEvent.click(within(form).getByRole('button', { name: 'Change rating' }));
  const sent = calls.find((c) => c.name === 'ManagerRatePerformance');
  expect(sent?.variables).toEqual({ periodId: '2', employeeId: '6', rating: 4.5, comment: 'Top CSAT in the team.' });
  expect((await within(form).findByRole('status')).textContent).toBe('Rating saved. The employee is asked to acknowledge it.');
  // The page reads the person again, from the server.
  await waitFor(() => expect(calls.filter((c) => c.name === 'ManagerPerson').length).toBeGreaterThan(1));
});

test('an acknowledged rating is locked against change (in Chinese)', async () => {
  show('zh-CN', { ...base, ManagerPerson: personData('ACKNOWLEDGED') });
  const form = screen.getByRole('region', { name: '绩效评分' });
  expect(within(form).getByText('员工已对该评分作出回应，评分不能再修改。')).toBeTruthy();
  expect((within(form).getByRole('button', { name: '修改评分' }) as HTMLButtonElement).disabled).toBe(true);
});

test('a refused performance rating shows the server problem', async () => {
  const refused = new CombinedError({
    graphQLErrors: [{ message: 'only someone above', extensions: { code: 'FORBIDDEN', key: 'performance.rate.forbidden' } }],
  });
  const { i18n } = show('zh-CN', { ...base, ManagerPerson: personData(null), ManagerRatePerformance: refused });
  const form = screen.getByRole('region', { name: '绩效评分' });
  // No rating yet for the open period: the form asks for one first.
  await userEvent.click(within(form).getByRole('button', { name: '提交评分' }));
  expect(within(form).getByText('请选择评分。')).toBeTruthy();
  await userEvent.selectOptions(within(form).getByLabelText('评分'), '3');
  await userEvent.click(within(form).getByRole('button', { name: '提交评分' }));
  const expected = i18n.t('errors:key.performance.rate.forbidden', { defaultValue: i18n.t('errors:code.FORBIDDEN') });
  expect((await within(form).findByRole('alert')).textContent).toBe(expected);
});

test('rating a competency from its row sends the level, comment and date', async () => {
  // An observation of last week (the field takes no future date).
  const observedOn = daysFromToday(-7);
  const { calls } = show('en', {
    ...base,
    ManagerRateCompetency: { rateCompetency: { id: 'e1', level: 3, observedOn, competency: { id: '2' } } },
  });
  await userEvent.click(screen.getByRole('button', { name: 'Rate Problem solving' }));
  const form = screen.getByRole('region', { name: 'Rate a competency' });
  expect((within(form).getByLabelText('Competency') as HTMLSelectElement).value).toBe('2');
  expect(within(form).getByText('Current level: 1')).toBeTruthy();
  await userEvent.selectOptions(within(form).getByLabelText('Level observed'), '3');
  const date = within(form).getByLabelText('Observed on');
  await userEvent.clear(date);
  await userEvent.type(date, observedOn);
  await userEvent.type(within(form).getByLabelText('What you observed'), 'Solved the billing escalation alone.');
  await userEvent.click(within(form).getByRole('button', { name: 'Save rating' }));
  const sent = calls.find((c) => c.name === 'ManagerRateCompetency');
  expect(sent?.variables).toEqual({
    input: { employeeId: '6', competencyId: '2', level: 3, comment: 'Solved the billing escalation alone.', observedOn },
  });
  expect((await within(form).findByRole('status')).textContent).toBe('Problem solving rated at level 3.');
  // The person and their readiness are read again from the server.
  await waitFor(() => expect(calls.filter((c) => c.name === 'ManagerPerson').length).toBe(2));
  await waitFor(() => expect(calls.filter((c) => c.name === 'ManagerPersonReadiness').length).toBe(2));
});

test('rating a competency needs a competency and a level', async () => {
  const { calls } = show('en', base);
  const form = screen.getByRole('region', { name: 'Rate a competency' });
  await userEvent.click(within(form).getByRole('button', { name: 'Save rating' }));
  expect(within(form).getByText('Choose a competency.')).toBeTruthy();
  expect(within(form).getByText('Choose a level.')).toBeTruthy();
  expect(calls.some((c) => c.name === 'ManagerRateCompetency')).toBe(false);
});
