import { describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, renderWith } from '../../test/render';
import { ReviewQueue } from './Reviews';
import { name } from './fixtures';
import { timestampDaysFromToday } from '../../test/dates';

const node = (id: string, status: string, en: string, zh: string) => ({
  id,
  status,
  createdAt: timestampDaysFromToday(-17),
  decidedAt: status === 'APPROVED' ? timestampDaysFromToday(-15) : null,
  employee: { id: `e${id}`, employeeNumber: `CS-${id}`, name: name(en, zh) },
  fromPosition: { id: '5', name: name('Customer Service Agent', '客服专员') },
  position: { id: '4', name: name('Team Lead', '客服主管') },
  nominatedBy: { id: 'n', name: name('Li Na', '李娜') },
});

const page1 = {
  promotionReviews: {
    pageInfo: { hasNextPage: true, endCursor: '4' },
    nodes: [node('5', 'APPEALED', 'Cao Lin', '曹琳'), node('3', 'APPROVED', 'Li Na', '李娜'), node('1', 'NOMINATED', 'Tang Wen', '唐雯')],
  },
};

// The first render of a file is slow on a busy machine.
describe('ReviewQueue', { timeout: 20_000 }, () => {
  test('lists reviews with their status in words and a link to each (zh-CN)', async () => {
    renderWith(<ReviewQueue />, { lang: 'zh-CN', client: fakeClient({ HrPromotionReviews: page1 }), path: '/hr/reviews' });
    const link = await screen.findByRole('link', { name: '曹琳' });
    expect(link.getAttribute('href')).toBe('/hr/reviews/5');
    const row = screen.getByRole('row', { name: /曹琳/ });
    expect(within(row).getByText('申诉中')).toBeTruthy();
    expect(within(row).getByText(/客服专员/).textContent).toContain('客服主管');
    expect(screen.getByRole('link', { name: '李娜' }).closest('tr')?.textContent).toContain('已批准');
  });

  test('filters by status and pages on the server', async () => {
    const calls: { name: string; variables: Record<string, unknown> }[] = [];
    renderWith(<ReviewQueue />, { client: fakeClient({ HrPromotionReviews: page1 }, calls), path: '/hr/reviews' });
    await screen.findByRole('link', { name: 'Tang Wen' });
    expect(calls[0].variables).toEqual({ status: null, first: 10, after: null });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(calls.at(-1)?.variables).toEqual({ status: null, first: 10, after: '4' }));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'APPEALED' } });
    await waitFor(() => expect(calls.at(-1)?.variables).toEqual({ status: 'APPEALED', first: 10, after: null }));
    expect(screen.getByRole('heading', { level: 2, name: 'Reviews: Appealed' })).toBeTruthy();
  });
});
