import { describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWith, fakeClient } from '../../test/render';
import { SessionContextForTest, type Viewer } from '../../auth/session';
import type { AccessRole } from '../../gql/graphql';
import { ReviewDetail } from './ReviewDetail';
import { auditChanges, parseSnapshot } from './parse';
import { timestampDaysFromToday } from '../../test/dates';

// Nominated four weeks ago; the panel named two days later.
const nominatedAt = timestampDaysFromToday(-26, '09:00');

const name = (en: string, zh: string) => ({ en, zh });
const snapshot = JSON.stringify({
  score: 86,
  status: 'READY_NOW',
  lines: [
    { kind: 'COMPETENCY', weight: 50, value: 88, requirement: 100, known: true, met: false, metCount: 7, count: 8, score: 88, points: 44 },
    { kind: 'COURSE', weight: 20, value: 100, requirement: 100, known: true, met: true, metCount: 4, count: 4, score: 100, points: 20 },
  ],
});

function review(over: Record<string, unknown> = {}) {
  return {
    id: '2',
    status: 'IN_PANEL',
    justification: 'Du Kai handles the hardest escalations.',
    readinessSnapshot: snapshot,
    decisionReason: '',
    decidedAt: null,
    appealStatement: '',
    appealReason: '',
    createdAt: nominatedAt,
    employee: { id: '25', employeeNumber: 'CS-1305', name: name('Du Kai', '杜凯'), position: { id: '5', name: name('Agent', '客服专员') }, team: { id: '4', name: name('Key-account team', 'VIP 客户组') } },
    fromPosition: { id: '5', code: 'AGENT', name: name('Customer Service Agent', '客服专员') },
    position: { id: '4', code: 'TEAM_LEAD', name: name('Team Lead', '客服主管') },
    nominatedBy: { id: '20', name: name('Liu Yang', '刘洋') },
    votes: [
      { reviewer: { id: '3', employeeNumber: 'CS-1004', name: name('Wang Lei', '王磊') }, vote: null, comment: '', confidential: false, votedAt: null },
      { reviewer: { id: '31', employeeNumber: 'CS-1401', name: name('Sun Qiang', '孙强') }, vote: 'SUPPORT', comment: '', confidential: true, votedAt: timestampDaysFromToday(-20, '16:00') },
    ],
    auditTrail: [
      { actor: { id: '20', name: name('Liu Yang', '刘洋') }, action: 'NOMINATE', fromStatus: null, toStatus: 'NOMINATED', before: null, after: '{"status":"NOMINATED","positionId":4,"justification":"Du Kai handles the hardest escalations."}', at: nominatedAt },
      { actor: { id: '36', name: name('Gao Hui', '高慧') }, action: 'SET_PANEL', fromStatus: 'NOMINATED', toStatus: 'IN_PANEL', before: '{"status":"NOMINATED"}', after: '{"status":"IN_PANEL","panel":[3,31]}', at: timestampDaysFromToday(-24, '14:00') },
    ],
    ...over,
  };
}

function viewer(id: string, roles: AccessRole[]): Viewer {
  return { id, name: name('Me', '我'), email: 'me@rungs.demo', accessRoles: roles, locale: null, status: 'ACTIVE', position: { id: '1', code: 'X', name: name('X', 'X') }, team: null, reports: [] };
}

function show(r: unknown, who: Viewer, opts: { lang?: string; answers?: Record<string, unknown>; calls?: { name: string; variables: Record<string, unknown> }[] } = {}) {
  const calls = opts.calls ?? [];
  const client = fakeClient({ HrPromotionReview: { promotionReview: r }, ...opts.answers }, calls);
  renderWith(
    <SessionContextForTest value={{ viewer: who, has: (...roles) => roles.some((x) => who.accessRoles.includes(x)) }}>
      <ReviewDetail reviewId="2" />
    </SessionContextForTest>,
    { lang: opts.lang, client },
  );
  return calls;
}

// The first render of a file is slow on a busy machine.
describe('ReviewDetail', { timeout: 20_000 }, () => {
  test('shows the review, its frozen readiness, the panel and the audit trail in Chinese', async () => {
    show(review(), viewer('36', ['EMPLOYEE', 'HR']), { lang: 'zh-CN' });
    expect(await screen.findByRole('heading', { level: 2, name: '杜凯' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: '杜凯' })).getByText('评审小组评议中')).toBeTruthy();
    expect(screen.getByText('得分 86（满分 100）')).toBeTruthy();
    const snap = screen.getByRole('table', { name: '提名时冻结的准备度，按要求类别列出' });
    expect(within(snap).getByRole('rowheader', { name: '能力等级' })).toBeTruthy();
    expect(within(snap).getByText('8 项中达标 7 项')).toBeTruthy();
    expect(within(snap).getByText('71%')).toBeTruthy();
    // The confidential vote: its comment is not ours to read.
    const votes = screen.getByRole('table', { name: '评审小组成员及其投票' });
    const sun = within(votes).getByRole('row', { name: /孙强/ });
    expect(within(sun).getByText('支持')).toBeTruthy();
    expect(within(sun).getByText('保密')).toBeTruthy();
    expect(within(sun).getByText('该意见仅限人力资源查看。')).toBeTruthy();
    // The audit trail reads its JSON: the panel by name.
    expect(screen.getByText('组建评审小组')).toBeTruthy();
    expect(screen.getByText('王磊、孙强')).toBeTruthy();
  });

  test('a panel member votes through the shared form, and then sees the vote', async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    let voted = false;
    const current = () =>
      review(
        voted
          ? { votes: [{ reviewer: { id: '3', employeeNumber: 'CS-1004', name: name('Wang Lei', '王磊') }, vote: 'OPPOSE', comment: 'Not yet.', confidential: true, votedAt: timestampDaysFromToday(-17) }] }
          : {},
      );
    const client = fakeClient(
      {
        HrPromotionReview: () => ({ promotionReview: current() }),
        HrVoteOnNomination: () => {
          voted = true;
          return { voteOnNomination: { id: '2', status: 'IN_PANEL', votes: [] } };
        },
      },
      calls,
    );
    const who = viewer('3', ['EMPLOYEE', 'MANAGER']);
    renderWith(
      <SessionContextForTest value={{ viewer: who, has: () => false }}>
        <ReviewDetail reviewId="2" />
      </SessionContextForTest>,
      { client },
    );
    const group = await screen.findByRole('group', { name: 'Your vote' });
    fireEvent.click(screen.getByRole('button', { name: 'Submit vote' }));
    expect(screen.getByText('Choose support, oppose or abstain.')).toBeTruthy();
    fireEvent.click(within(group).getByLabelText('Oppose'));
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: ' Not yet. ' } });
    fireEvent.click(screen.getByLabelText('Confidential: only HR may read my comment'));
    fireEvent.click(screen.getByRole('button', { name: 'Submit vote' }));
    await screen.findByText('Your vote is recorded.');
    expect(calls.find((c) => c.name === 'HrVoteOnNomination')?.variables).toEqual({ reviewId: '2', vote: 'OPPOSE', comment: 'Not yet.', confidential: true });
    expect(screen.getByText('You voted:')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Your vote' })).toBeNull();
    // Not HR: no decision.
    expect(screen.queryByRole('button', { name: 'Record the decision' })).toBeNull();
  });

  test('HR approves with a reason; without one it is asked for', async () => {
    const calls = show(review(), viewer('36', ['EMPLOYEE', 'HR']), { answers: { HrDecidePromotion: { decidePromotion: { id: '2', status: 'APPROVED', decisionReason: 'Ready.', decidedAt: timestampDaysFromToday(0) } } } });
    await screen.findByRole('heading', { level: 3, name: 'Decide on the promotion' });
    // HR is not on this panel: no vote form.
    expect(screen.queryByRole('group', { name: 'Your vote' })).toBeNull();
    fireEvent.click(screen.getByLabelText('Approve the promotion'));
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    expect(screen.getByText('Give the reason.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'HrDecidePromotion')).toBe(false);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Unanimous panel.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    await screen.findByText('The decision is recorded.');
    expect(calls.find((c) => c.name === 'HrDecidePromotion')?.variables).toEqual({ reviewId: '2', decision: 'APPROVE', reason: 'Unanimous panel.' });
  });

  test('an appealed review offers uphold or overturn, and shows the server refusing', async () => {
    const refusal = Object.assign(new Error('same decider'), {
      graphQLErrors: [{ message: 'an appeal is decided by another HR user', extensions: { code: 'FORBIDDEN', key: 'promotion.appeal.same_decider' } }],
      networkError: undefined,
    });
    const calls = show(review({ status: 'APPEALED', appealStatement: 'I passed QA-201 last week.' }), viewer('36', ['EMPLOYEE', 'HR']), { answers: { HrDecideAppeal: refusal } });
    await screen.findByText('I passed QA-201 last week.');
    expect(screen.queryByLabelText('Approve the promotion')).toBeNull();
    fireEvent.click(screen.getByLabelText('Overturn and promote'));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Certificate now in.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record the decision' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBeTruthy());
    expect(calls.find((c) => c.name === 'HrDecideAppeal')?.variables).toEqual({ reviewId: '2', decision: 'OVERTURN', reason: 'Certificate now in.' });
    expect(screen.queryByText('The appeal decision is recorded.')).toBeNull();
  });

  test('HR names the panel of a nominated review from a search', async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    show(review({ status: 'NOMINATED', votes: [], auditTrail: [] }), viewer('36', ['EMPLOYEE', 'HR']), {
      calls,
      answers: {
        HrPanelCandidates: {
          employees: {
            totalCount: 2,
            nodes: [
              { id: '3', employeeNumber: 'CS-1004', name: name('Wang Lei', '王磊'), position: { id: '3', name: name('Service Manager', '客服经理') }, team: null },
              { id: '25', employeeNumber: 'CS-1305', name: name('Du Kai', '杜凯'), position: { id: '5', name: name('Agent', '客服专员') }, team: null },
            ],
          },
        },
        HrSetPromotionPanel: { setPromotionPanel: { id: '2', status: 'IN_PANEL' } },
      },
    });
    await screen.findByRole('heading', { level: 3, name: 'Name the panel' });
    expect(screen.getByText('No panel has been named yet.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Set the panel' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Find people'), { target: { value: 'Wang' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    const box = await screen.findByRole('checkbox', { name: /Wang Lei/ });
    // The nominee is never offered.
    expect(screen.queryByRole('checkbox', { name: /Du Kai/ })).toBeNull();
    expect(calls.find((c) => c.name === 'HrPanelCandidates')?.variables).toEqual({ text: 'Wang' });
    fireEvent.click(box);
    expect(screen.getByRole('button', { name: 'Remove Wang Lei from the panel' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set the panel' }));
    await screen.findByText('The panel is set; it may vote now.');
    expect(calls.find((c) => c.name === 'HrSetPromotionPanel')?.variables).toEqual({ reviewId: '2', reviewerIds: ['3'] });
  });

  test('an unreadable snapshot is shown as stored', async () => {
    show(review({ readinessSnapshot: 'not json {' }), viewer('36', ['EMPLOYEE', 'HR']));
    expect(await screen.findByText('not json {')).toBeTruthy();
    expect(screen.getByText('The snapshot could not be read; here it is as stored.')).toBeTruthy();
  });

  test('a review the viewer may not see says so', async () => {
    show(null, viewer('9', ['EMPLOYEE']));
    expect(await screen.findByText('This review does not exist, or you may not see it.')).toBeTruthy();
  });
});

describe('parse', { timeout: 20_000 }, () => {
  test('parseSnapshot keeps what it knows and refuses the rest', () => {
    expect(parseSnapshot(snapshot)?.lines.map((l) => [l.kind, l.metCount, l.count])).toEqual([
      ['COMPETENCY', 7, 8],
      ['COURSE', 4, 4],
    ]);
    expect(parseSnapshot('[1,2]')).toBeNull();
    expect(parseSnapshot('{}')).toBeNull();
    expect(parseSnapshot('')).toBeNull();
  });
  test('auditChanges lists what changed, never the status', () => {
    expect(auditChanges('{"status":"A","x":1,"y":2}', '{"status":"B","x":1,"y":3,"z":[1]}')).toEqual([
      { key: 'y', before: 2, after: 3 },
      { key: 'z', before: undefined, after: [1] },
    ]);
    expect(auditChanges(null, 'oops')).toBeNull();
    expect(auditChanges(null, null)).toEqual([]);
  });
});
