import { describe, expect, test } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, renderWith } from '../../test/render';
import { NineBox } from './NineBox';
import { name, teams } from './fixtures';
import { timestampDaysFromToday } from '../../test/dates';

type Call = { name: string; variables: Record<string, unknown> };

const person = (id: string, en: string, zh: string, performance: number, potential: number, moved = false) => ({
  id: `p${id}`,
  performance,
  potential,
  computedPerformance: performance,
  computedPotential: potential,
  reason: moved ? 'Calibrated.' : '',
  employee: { id, employeeNumber: `CS-${id}`, name: name(en, zh), position: { id: '5', name: name('Customer Service Agent', '客服专员') }, team: null },
  moves: moved ? [{ fromPerformance: 2, fromPotential: 2, toPerformance: performance, toPotential: potential, reason: 'Calibrated.', at: timestampDaysFromToday(-3), movedBy: { id: '36', name: name('Gao Hui', '高慧') } }] : [],
});

const cycles = {
  talentCycles: [
    { id: '2', code: 'TR-2026-H2', status: 'CALIBRATING', name: name('Talent review 2026-H2', '2026-H2 人才盘点') },
    { id: '1', code: 'TR-2026-H1', status: 'CLOSED', name: name('Talent review 2026-H1', '2026-H1 人才盘点') },
  ],
  reviewPeriods: [
    { id: '2', code: '2026-H2', status: 'OPEN', name: name('2026 second half', '2026年下半年') },
    { id: '1', code: '2026-H1', status: 'CLOSED', name: name('2026 first half', '2026年上半年') },
  ],
  teams,
};

const grid = (cycleId: string) => {
  const c = cycles.talentCycles.find((x) => x.id === cycleId)!;
  return { talentReview: { ...c, grid: [person('1106', 'Cao Lin', '曹琳', 3, 3), person('1105', 'Tang Wen', '唐雯', 2, 2, true), person('1107', 'Peng Bo', '彭博', 1, 1)] } };
};

function show(opts: { lang?: string; path?: string; extra?: Record<string, unknown> } = {}) {
  const calls: Call[] = [];
  const client = fakeClient({ HrTalentCycles: cycles, HrNineBox: (v: Record<string, unknown>) => grid(String(v.cycleId)), ...opts.extra }, calls);
  renderWith(<NineBox />, { lang: opts.lang, client, path: opts.path ?? '/hr/ninebox' });
  return calls;
}

const box = (label: RegExp | string) => screen.getByRole('region', { name: label });

function dataTransfer() {
  const data: Record<string, string> = {};
  return { data, setData: (k: string, v: string) => (data[k] = v), getData: (k: string) => data[k] ?? '', dropEffect: '', effectAllowed: '' };
}

// The first render of a file is slow on a busy machine.
describe('NineBox', { timeout: 20_000 }, () => {
  test('places people in their boxes; the Move button asks for a box and a reason and sends the move', async () => {
    const calls = show({ extra: { HrMoveOnNineBox: { moveOnNineBox: { id: 'p1107', performance: 2, potential: 3, reason: 'x' } } } });
    await screen.findByRole('group', { name: '9-box grid: performance across, potential up' });
    expect(within(box(/^Star/)).getByText('Cao Lin')).toBeTruthy();
    expect(within(box(/^Core player/)).getByText('Moved')).toBeTruthy();
    expect(within(box(/^Underperformer/)).getByText('Peng Bo')).toBeTruthy();
    expect(box(/^Star/).textContent).toContain('Performance High · potential High');
    expect(calls.find((c) => c.name === 'HrNineBox')?.variables).toEqual({ cycleId: '2', teamId: null });

    fireEvent.click(screen.getByRole('button', { name: 'Move Peng Bo' }));
    const select = screen.getByLabelText('Move to box') as HTMLSelectElement;
    // The current box is not offered.
    expect([...select.options].map((o) => o.value)).not.toContain('11');
    fireEvent.change(select, { target: { value: '23' } });
    const form = select.closest('form')!;
    fireEvent.click(within(form).getByRole('button', { name: 'Move', hidden: true }));
    expect(screen.getByText('Give the reason for the move.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'HrMoveOnNineBox')).toBe(false);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: ' Strong potential. ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Move', hidden: true }));
    await screen.findByText('Peng Bo is moved.');
    expect(calls.find((c) => c.name === 'HrMoveOnNineBox')?.variables).toEqual({ cycleId: '2', employeeId: '1107', performance: 2, potential: 3, reason: 'Strong potential.' });
  });

  test('dragging a person onto another box opens the same dialog with that box chosen', async () => {
    show();
    await screen.findByText('Cao Lin');
    const dt = dataTransfer();
    const item = screen.getByText('Cao Lin').closest('li')!;
    expect(item.getAttribute('draggable')).toBe('true');
    fireEvent.dragStart(item, { dataTransfer: dt });
    expect(dt.data['text/plain']).toBe('1106');
    fireEvent.dragOver(box(/^Core player/), { dataTransfer: dt });
    fireEvent.drop(box(/^Core player/), { dataTransfer: dt });
    expect(((await screen.findByLabelText('Move to box')) as HTMLSelectElement).value).toBe('22');
    expect(screen.getByRole('heading', { level: 2, name: 'Move Cao Lin', hidden: true })).toBeTruthy();
  });

  test('a closed review is read-only, with the axes in Chinese', async () => {
    show({ lang: 'zh-CN', path: '/hr/ninebox?cycle=1' });
    await screen.findByText('本次盘点已结束，九宫格仅供查看。');
    expect(within(box(/^明星人才/)).getByText('曹琳').closest('li')?.getAttribute('draggable')).toBe('false');
    expect(screen.queryAllByRole('button', { name: /调整/ })).toEqual([]);
    expect(box(/^明星人才/).textContent).toContain('绩效高 · 潜力高');
    expect(screen.queryByRole('button', { name: '结束盘点' })).toBeNull();
  });

  test('HR opens a talent review for a period with suggested code and names', async () => {
    const calls = show({ extra: { HrOpenTalentCycle: { openTalentCycle: { id: '3', code: 'TR-2026-H2', status: 'OPEN', name: name('Talent review 2026-H2', '2026-H2 人才盘点') } } } });
    await screen.findByText('Cao Lin');
    fireEvent.click(screen.getByRole('button', { name: 'Open a talent review' }));
    expect((screen.getByLabelText('Code') as HTMLInputElement).value).toBe('TR-2026-H2');
    fireEvent.change(screen.getByLabelText('Name in English'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open', hidden: true }));
    expect(screen.getByText('Fill this in.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Name in English'), { target: { value: 'Talent review H2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open', hidden: true }));
    await waitFor(() =>
      expect(calls.find((c) => c.name === 'HrOpenTalentCycle')?.variables).toEqual({ code: 'TR-2026-H2', nameEn: 'Talent review H2', nameZh: '2026-H2 人才盘点', reviewPeriodId: '2' }),
    );
    await waitFor(() => expect(calls.filter((c) => c.name === 'HrNineBox').at(-1)?.variables).toEqual({ cycleId: '3', teamId: null }));
  });
});
