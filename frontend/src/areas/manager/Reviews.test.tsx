import { expect, test } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeClient, renderWith } from '../../test/render';
import { SessionContextForTest } from '../../auth/session';
import { ReviewPage, Reviews, REVIEWS_PAGE } from './Reviews';
import { session } from './testdata';
import { timestampDaysFromToday } from '../../test/dates';

const pos = (id: string, en: string, zh: string) => ({ id, name: { en, zh } });
const agent = pos('1', 'Customer Service Agent', '客服专员');
const lead = pos('4', 'Team Lead', '客服主管');
const me = { id: '13', name: { en: 'Li Na', zh: '李娜' } };

const page = {
  promotionReviews: {
    nodes: [
      {
        id: '8',
        status: 'IN_PANEL',
        createdAt: timestampDaysFromToday(-26, '09:00'),
        employee: { id: '30', name: { en: 'Du Kai', zh: '杜凯' } },
        fromPosition: agent,
        position: lead,
        nominatedBy: { id: '31', name: { en: 'Liu Yang', zh: '刘洋' } },
        votes: [
          { reviewer: { id: '13' }, vote: null },
          { reviewer: null, vote: 'SUPPORT' },
        ],
      },
      {
        id: '1',
        status: 'NOMINATED',
        createdAt: timestampDaysFromToday(-17),
        employee: { id: '9', name: { en: 'Tang Wen', zh: '唐雯' } },
        fromPosition: agent,
        position: lead,
        nominatedBy: me,
        votes: [],
      },
      {
        id: '3',
        status: 'APPROVED',
        createdAt: timestampDaysFromToday(-1190),
        employee: null,
        fromPosition: agent,
        position: lead,
        nominatedBy: null,
        votes: [{ reviewer: { id: '13' }, vote: 'OPPOSE' }],
      },
    ],
    pageInfo: { hasNextPage: true, endCursor: '1' },
  },
};

function show(lang: string, path = '/team/reviews') {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  const r = renderWith(
    <SessionContextForTest value={session}>
      <Routes>
        <Route path="/team/reviews" element={<Reviews />} />
        <Route path="/team/reviews/:id" element={<ReviewPage />} />
      </Routes>
    </SessionContextForTest>,
    { lang, path, client: fakeClient({ ManagerReviews: page }, calls) },
  );
  return { ...r, calls };
}

test('the reviews list says what each review asks of the viewer', async () => {
  const { calls } = show('en');
  expect(calls).toEqual([{ name: 'ManagerReviews', variables: { status: null, first: REVIEWS_PAGE, after: null } }]);
  const du = screen.getByRole('row', { name: /Du Kai/ });
  expect(within(du).getByText('With the panel')).toBeTruthy();
  expect(within(du).getByText('Your vote is awaited')).toBeTruthy();
  expect(within(du).getByText('Customer Service Agent → Team Lead')).toBeTruthy();
  expect(within(du).getByRole('link', { name: 'Open the review of Du Kai' }).getAttribute('href')).toBe('/team/reviews/8');
  const tang = screen.getByRole('row', { name: /Tang Wen/ });
  expect(within(tang).getByText('Nominated by you')).toBeTruthy();
  const hidden = screen.getByRole('row', { name: /not visible to you/ });
  expect(within(hidden).getByText('You voted: Oppose')).toBeTruthy();

  // Pages follow the server's cursor.
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
  expect(calls.at(-1)?.variables).toEqual({ status: null, first: REVIEWS_PAGE, after: '1' });
});

test('the status filter asks the server again from the first page (in Chinese)', async () => {
  const { calls } = show('zh-CN');
  expect(screen.getByRole('heading', { level: 1, name: '晋升评审' })).toBeTruthy();
  expect(within(screen.getByRole('row', { name: /杜凯/ })).getByText('待你投票')).toBeTruthy();
  await userEvent.selectOptions(screen.getByLabelText('状态'), 'IN_PANEL');
  expect(calls.at(-1)?.variables).toEqual({ status: 'IN_PANEL', first: REVIEWS_PAGE, after: null });
});

test('one review opens in the shared review detail', () => {
  show('en', '/team/reviews/8');
  expect(screen.getByRole('heading', { level: 1, name: 'Promotion review' })).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Back to promotion reviews' }).getAttribute('href')).toBe('/team/reviews');
});
