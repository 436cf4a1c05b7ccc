import { expect, test } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useParams } from 'react-router';
import { CombinedError } from 'urql';
import { fakeClient, renderWith } from '../../test/render';
import { SessionContextForTest } from '../../auth/session';
import { Nominate } from './Nominate';
import { session } from './testdata';

const agent = { id: '1', name: { en: 'Customer Service Agent', zh: '客服专员' }, track: { id: 't1' } };
const move = (id: string, en: string, zh: string, track: string, kind = 'PROMOTION') => ({ kind, to: { id, name: { en, zh }, level: 2, track: { id: track } } });
const moves = [move('7', 'CX Specialist', '客户体验专员', 't2'), move('4', 'Team Lead', '客服主管', 't1')];
const person = (id: string, en: string, zh: string) => ({ id, name: { en, zh }, position: agent, nextPositions: moves });

const data = {
  employees: { nodes: [person('6', 'Wu Xiaoling', '吴晓玲'), person('9', 'Tang Wen', '唐雯')] },
  // Tang Wen is already up for team lead.
  nominated: { nodes: [{ id: '1', status: 'NOMINATED', employee: { id: '9' }, position: { id: '4' } }] },
  inPanel: { nodes: [] },
  appealed: { nodes: [] },
};
const readiness = { employee: { id: '6', readiness: { score: 72, status: 'READY_SOON', topGaps: [{ en: 'Coaching: level 1 of 2', zh: '辅导与培训：1 / 2 级' }] } } };

function ReviewStub() {
  const { id } = useParams();
  return <p>review {id}</p>;
}

function show(lang: string, path: string, answers: Record<string, unknown>) {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  const r = renderWith(
    <SessionContextForTest value={session}>
      <Routes>
        <Route path="/team/nominate" element={<Nominate />} />
        <Route path="/team/reviews/:id" element={<ReviewStub />} />
      </Routes>
    </SessionContextForTest>,
    { lang, path, client: fakeClient(answers, calls) },
  );
  return { ...r, calls };
}

test('nominating a report sends the choice and goes to the new review', async () => {
  const { calls } = show('en', '/team/nominate', {
    ManagerNominate: data,
    ManagerNominateReadiness: readiness,
    ManagerNominateForPromotion: { nominateForPromotion: { id: '42', status: 'NOMINATED' } },
  });
  expect(calls[0]).toEqual({ name: 'ManagerNominate', variables: { managerId: '13', picked: '0', withPicked: false } });
  await userEvent.selectOptions(screen.getByLabelText('Employee'), '6');
  // The next step on her own track is proposed, and her readiness for it shown.
  expect((screen.getByLabelText('Target position') as HTMLSelectElement).value).toBe('4');
  expect(calls.find((c) => c.name === 'ManagerNominateReadiness')?.variables).toEqual({ id: '6', target: '4' });
  const card = screen.getByRole('region', { name: 'Readiness for the target' });
  expect(within(card).getByText('72 / 100')).toBeTruthy();
  expect(within(card).getByText('Ready soon')).toBeTruthy();
  // Without a justification nothing is sent.
  await userEvent.click(screen.getByRole('button', { name: 'Nominate' }));
  expect(screen.getByText('Say why you nominate them.')).toBeTruthy();
  expect(calls.some((c) => c.name === 'ManagerNominateForPromotion')).toBe(false);
  await userEvent.type(screen.getByLabelText('Justification'), '  Runs the evening shift.  ');
  await userEvent.click(screen.getByRole('button', { name: 'Nominate' }));
  expect(calls.find((c) => c.name === 'ManagerNominateForPromotion')?.variables).toEqual({
    employeeId: '6',
    positionId: '4',
    justification: 'Runs the evening shift.',
  });
  expect(await screen.findByText('review 42')).toBeTruthy();
});

test('a move already under review is marked and cannot be sent again (in Chinese)', async () => {
  const { calls } = show('zh-CN', '/team/nominate?employee=9', { ManagerNominate: data, ManagerNominateReadiness: readiness });
  expect(calls[0].variables).toEqual({ managerId: '13', picked: '9', withPicked: true });
  const employee = screen.getByLabelText('员工') as HTMLSelectElement;
  expect(employee.value).toBe('9');
  const target = screen.getByLabelText('目标岗位') as HTMLSelectElement;
  // Team lead is taken: the free move is proposed instead.
  expect(target.value).toBe('7');
  expect(within(target).getByRole('option', { name: '客服主管 · 晋升 · 评审进行中' })).toBeTruthy();
  await userEvent.selectOptions(target, '4');
  expect(screen.getByText('此员工针对该岗位的晋升评审正在进行中。')).toBeTruthy();
  expect(screen.getByRole('link', { name: '查看评审' }).getAttribute('href')).toBe('/team/reviews/1');
  expect((screen.getByRole('button', { name: '提交提名' }) as HTMLButtonElement).disabled).toBe(true);
});

test('someone further down the line, opened from their page, can be nominated too', async () => {
  show('en', '/team/nominate?employee=55', {
    ManagerNominate: { ...data, picked: person('55', 'Luo Xin', '罗欣') },
    ManagerNominateReadiness: readiness,
  });
  expect((screen.getByLabelText('Employee') as HTMLSelectElement).value).toBe('55');
});

test('a refused nomination shows the server problem', async () => {
  const refused = new CombinedError({
    graphQLErrors: [{ message: 'not an allowed move', extensions: { code: 'BAD_USER_INPUT', key: 'promotion.move.not_allowed' } }],
  });
  const { i18n } = show('en', '/team/nominate?employee=6', { ManagerNominate: data, ManagerNominateReadiness: readiness, ManagerNominateForPromotion: refused });
  await userEvent.type(screen.getByLabelText('Justification'), 'Ready.');
  await userEvent.click(screen.getByRole('button', { name: 'Nominate' }));
  const expected = i18n.t('errors:key.promotion.move.not_allowed', { defaultValue: i18n.t('errors:code.BAD_USER_INPUT') });
  expect((await screen.findByRole('alert')).textContent).toBe(expected);
});
