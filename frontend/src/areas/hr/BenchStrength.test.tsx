import { describe, expect, test } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { fakeClient, renderWith } from '../../test/render';
import { BenchStrength, benchOrder } from './BenchStrength';
import { name, positions } from './fixtures';

const entry = (i: number, readyNow: number, readySoon: number) => ({
  holders: 1,
  readyNow,
  readySoon,
  noSuccessorReady: readyNow === 0,
  position: { ...positions[i], track: positions[i].track },
});
const bench = { benchStrength: [entry(0, 0, 0), entry(1, 3, 1), entry(2, 0, 0)] };

// The first render of a file is slow on a busy machine.
describe('BenchStrength', { timeout: 20_000 }, () => {
  test('puts positions without a ready successor first, most senior first, with a badge that says so (zh-CN)', async () => {
    renderWith(<BenchStrength />, { lang: 'zh-CN', client: fakeClient({ HrBenchStrength: bench }) });
    const table = await screen.findByRole('table', { name: '各岗位继任情况' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      expect.stringContaining('客户体验总监'),
      expect.stringContaining('客服专员'),
      expect.stringContaining('客服主管'),
    ]);
    expect(within(rows[0]).getByText('无就绪继任者')).toBeTruthy();
    expect(within(rows[2]).getByText('3 人现已就绪')).toBeTruthy();
    expect(screen.getByText('3 个岗位中有 2 个目前无人可立即接任。')).toBeTruthy();
    // Each position links to its readiness board.
    expect(within(rows[2]).getByRole('link', { name: '客服主管' }).getAttribute('href')).toBe('/hr?position=4');
  });

  test('can show only the positions without a ready successor', async () => {
    renderWith(<BenchStrength />, { client: fakeClient({ HrBenchStrength: bench }) });
    await screen.findByRole('table', { name: 'Succession by position' });
    fireEvent.click(screen.getByLabelText('Only positions without a ready successor'));
    expect(screen.queryByRole('link', { name: 'Team Lead' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Customer Experience Director' })).toBeTruthy();
  });

  test('orders ties by level then code', () => {
    const a = { ...entry(1, 0, 0), position: { ...positions[1], code: 'B' } };
    const b = { ...entry(1, 0, 0), position: { ...positions[1], code: 'A', name: name('A', 'A') } };
    expect(benchOrder([a, b]).map((e) => e.position.code)).toEqual(['A', 'B']);
  });
});
