import { describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { fakeClient, renderWith } from '../../test/render';
import { LadderPage, inputOf } from './LadderPage';
import { MoveGraph, NODE_H, layout, movePath, wrap } from './MoveGraph';
import { ladderData } from './fixtures';

// Role queries over whole screens are slow in jsdom on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

type Call = { name: string; variables: Record<string, unknown> };

describe('move graph', () => {
  const tracks = [
    { id: 't1', name: { en: 'Management', zh: '客服管理' } },
    { id: 't2', name: { en: 'Training', zh: '培训' } },
  ];
  const positions = [
    { id: 'a', code: 'AGENT', name: { en: 'Agent', zh: '客服专员' }, level: 1, trackId: 't1' },
    { id: 'l', code: 'LEAD', name: { en: 'Team Lead', zh: '客服主管' }, level: 2, trackId: 't1' },
    { id: 'q', code: 'QA', name: { en: 'QA Specialist', zh: '质检专员' }, level: 2, trackId: 't2' },
    { id: 'r', code: 'TRAINER', name: { en: 'Trainer', zh: '培训师' }, level: 2, trackId: 't2' },
  ];

  test('lays out one column per track, as wide as its busiest level, highest level on top', () => {
    const g = layout(tracks, positions);
    expect(g.columns.map((c) => c.track.id)).toEqual(['t1', 't2']);
    expect(g.columns[1].width).toBeGreaterThan(g.columns[0].width);
    const at = (id: string) => g.nodes.find((n) => n.id === id)!;
    expect(at('l').y).toBeLessThan(at('a').y);
    expect(at('q').y).toBe(at('r').y);
    expect(at('q').x).not.toBe(at('r').x);
    expect(g.rows.map((r) => r.level)).toEqual([2, 1]);
  });

  test('a promotion runs from the top of the lower box to the bottom of the higher one; a lateral move bows above or below', () => {
    const g = layout(tracks, positions);
    const at = (id: string) => g.nodes.find((n) => n.id === id)!;
    const up = movePath(at('a'), at('l'), 'PROMOTION');
    expect(up.startsWith(`M ${at('a').x + 68} ${at('a').y} `)).toBe(true);
    expect(up.endsWith(` ${at('l').y + NODE_H}`)).toBe(true);
    const right = movePath(at('l'), at('q'), 'LATERAL');
    const left = movePath(at('q'), at('l'), 'LATERAL');
    expect(right.endsWith(` ${at('l').y}`)).toBe(true);
    expect(left.endsWith(` ${at('l').y + NODE_H}`)).toBe(true);
  });

  test('wraps long names by words, and Chinese by characters', () => {
    expect(wrap('Customer Experience Director', 20)).toEqual(['Customer Experience', 'Director']);
    expect(wrap('客户服务运营经理助理', 10)).toEqual(['客户服务运', '营经理助理']);
    expect(wrap('a b c d e f g', 1, 2)).toEqual(['a', 'b…']);
  });

  test('draws one arrow per move with a spoken title, and lists every move in words (zh-CN)', () => {
    const moves = [
      { kind: 'PROMOTION' as const, fromId: 'a', toId: 'l' },
      { kind: 'LATERAL' as const, fromId: 'l', toId: 'q' },
      { kind: 'LATERAL' as const, fromId: 'q', toId: 'l' },
    ];
    const { container } = renderWith(<MoveGraph tracks={tracks} positions={positions} moves={moves} />, { lang: 'zh-CN' });
    const svg = screen.getByRole('img', { name: /晋升阶梯岗位流动图/ });
    expect(svg.querySelectorAll('path.admin-move')).toHaveLength(3);
    expect(container.querySelectorAll('path.admin-move.lateral')).toHaveLength(2);
    expect(svg.textContent).toContain('客服主管');
    expect(svg.querySelector('desc')?.textContent).toContain('1 条晋升路径');
    const list = screen.getByRole('region', { name: '所有允许的岗位流动' });
    expect(within(list).getByText('客服专员 → 客服主管（晋升）')).toBeTruthy();
    expect(within(list).getByText('质检专员 → 客服主管（横向调动）')).toBeTruthy();
  });
});

describe('LadderPage', () => {
  test('shows the graph, tracks and positions from one query', async () => {
    const calls: Call[] = [];
    renderWith(<LadderPage />, { client: fakeClient({ AdminLadder: ladderData() }, calls) });
    await screen.findByRole('heading', { level: 1, name: 'Career ladder' });
    expect(document.querySelectorAll('svg.admin-graph-svg path.admin-move')).toHaveLength(4);
    const positions = screen.getByRole('region', { name: 'Positions' });
    expect(within(positions).getAllByRole('row')).toHaveLength(4);
    expect(calls.map((c) => c.name)).toEqual(['AdminLadder']);
  });

  test('adds a requirement: the whole set is sent, the existing ones unchanged', async () => {
    const calls: Call[] = [];
    const client = fakeClient(
      { AdminLadder: ladderData(), AdminSetRequirements: (v: Record<string, unknown>) => ({ setPositionRequirements: { id: v.positionId, requirements: [] } }) },
      calls,
    );
    renderWith(<LadderPage />, { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Requirements and moves of Team Lead' }));
    const editor = screen.getByRole('region', { name: 'Team Lead: requirements and moves' });
    expect(within(editor).getByText('Communication at level 3 (Proficient) or above')).toBeTruthy();
    expect(within(editor).getByText('At least 12 months in the current position')).toBeTruthy();
    expect(within(editor).getByText('Customer satisfaction ≥ 90 % over the last 6 months')).toBeTruthy();
    const form = within(editor).getByRole('form', { name: 'Add a requirement' });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'CERTIFICATION' } });
    // Only certification courses are offered for a certification.
    const course = within(form).getByLabelText('Certification course') as HTMLSelectElement;
    expect([...course.options].map((o) => o.textContent)).toEqual(['Choose…', 'QA-201 · QA certification']);
    fireEvent.click(within(form).getByRole('button', { name: 'Add requirement' }));
    expect(await within(form).findByText('Required.')).toBeTruthy();
    fireEvent.change(course, { target: { value: 'c2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add requirement' }));
    await screen.findByText('The requirement has been added to Team Lead.');
    expect(calls.find((c) => c.name === 'AdminSetRequirements')?.variables).toEqual({
      positionId: 'p2',
      requirements: [
        { kind: 'COMPETENCY', competencyId: '1', minLevel: 3 },
        { kind: 'MONTHS_IN_POSITION', minMonths: 12 },
        { kind: 'KPI', kpiCode: 'CSAT', kpiThreshold: 90, kpiMonths: 6 },
        { kind: 'CERTIFICATION', courseId: 'c2' },
      ],
    });
  });

  test('removes a requirement and a move (zh-CN)', async () => {
    const calls: Call[] = [];
    const client = fakeClient(
      {
        AdminLadder: ladderData(),
        AdminSetRequirements: { setPositionRequirements: { id: 'p2', requirements: [] } },
        AdminRemoveMove: { removePositionMove: true },
      },
      calls,
    );
    renderWith(<LadderPage />, { lang: 'zh-CN', client });
    fireEvent.click(await screen.findByRole('button', { name: '“客服主管”的任职要求与流动路径' }));
    const editor = screen.getByRole('region', { name: '客服主管：任职要求与流动路径' });
    expect(within(editor).getByText('在现岗位任职满 12 个月')).toBeTruthy();
    fireEvent.click(within(editor).getByRole('button', { name: '删除：在现岗位任职满 12 个月' }));
    await screen.findByText('已从“客服主管”删除该任职要求。');
    expect(calls.find((c) => c.name === 'AdminSetRequirements')?.variables.requirements).toEqual([
      { kind: 'COMPETENCY', competencyId: '1', minLevel: 3 },
      { kind: 'KPI', kpiCode: 'CSAT', kpiThreshold: 90, kpiMonths: 6 },
    ]);
    fireEvent.click(within(editor).getByRole('button', { name: '删除通往“客服培训师”的路径' }));
    await screen.findByText('流动路径已删除。');
    expect(calls.find((c) => c.name === 'AdminRemoveMove')?.variables).toEqual({ from: 'p2', to: 'p3' });
  });
});

test('inputOf keeps only the fields of the kind and names what is missing', () => {
  const base = { competencyId: '', minLevel: '', minMonths: '', minRating: '', courseId: '', kpiCode: '', kpiThreshold: '', kpiMonths: '6' };
  expect(inputOf({ ...base, kind: 'PERFORMANCE_RATING', minRating: '3.5', minMonths: '4' })).toEqual({ input: { kind: 'PERFORMANCE_RATING', minRating: 3.5 }, missing: [] });
  expect(inputOf({ ...base, kind: 'KPI', kpiCode: 'CSAT' }).missing).toEqual(['kpiThreshold']);
  expect(inputOf({ ...base, kind: 'COMPETENCY' }).missing).toEqual(['competencyId', 'minLevel']);
});
