import { describe, expect, test } from 'vitest';
import { cellFor, currentLevels, requiredLevels, summary, visibleColumns } from './heat';
import { monthsSince } from './common';

describe('the heat map rule', () => {
  test('a cell is met, one below, two or more below, or not required', () => {
    expect(cellFor(2, 3)).toMatchObject({ state: 'met', gap: 0, required: 2, current: 3 });
    expect(cellFor(3, 2)).toMatchObject({ state: 'below1', gap: 1 });
    expect(cellFor(4, 1)).toMatchObject({ state: 'below2', gap: 3 });
    // No evidence counts as level 0.
    expect(cellFor(2, null)).toMatchObject({ state: 'below2', gap: 2, current: null });
    expect(cellFor(1, undefined)).toMatchObject({ state: 'below1', gap: 1 });
    expect(cellFor(null, 4)).toMatchObject({ state: 'notRequired', gap: 0, required: null, current: 4 });
    expect(cellFor(undefined, null, true)).toMatchObject({ state: 'notRequired', stale: true });
  });

  test('only competency requirements count, the highest level per competency', () => {
    const m = requiredLevels([
      { kind: 'COMPETENCY', minLevel: 2, competency: { id: 'a' } },
      { kind: 'COMPETENCY', minLevel: 3, competency: { id: 'a' } },
      { kind: 'MONTHS_IN_POSITION', minLevel: null, competency: null },
      { kind: 'COMPETENCY', minLevel: 1, competency: { id: 'b' } },
    ]);
    expect([...m]).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });

  test('the summary counts the requirements short and the levels missing', () => {
    const req = new Map([
      ['a', 3],
      ['b', 2],
      ['c', 1],
    ]);
    const cur = currentLevels([
      { competency: { id: 'a' }, level: 1 },
      { competency: { id: 'b' }, level: 2 },
    ]);
    expect(summary(req, cur)).toEqual({ required: 3, short: 2, levels: 3, maxGap: 2 });
  });

  test('columns: those any row requires, in framework order, or every one when asked', () => {
    const all = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(visibleColumns(all, [new Map([['c', 1]]), new Map([['a', 2]])], false).map((c) => c.id)).toEqual(['a', 'c']);
    expect(visibleColumns(all, [new Map([['c', 1]])], true).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    // Nobody requires anything: show them all rather than an empty grid.
    expect(visibleColumns(all, [new Map()], false)).toHaveLength(3);
  });

  test('months in position are whole months', () => {
    // Both days are given: the calendar's shape (a month short by one day) is what is tested, not today.
    expect(monthsSince('2026-01-15', new Date(2026, 3, 14))).toBe(2); // fixed-date: pure function, both dates explicit
    expect(monthsSince('2026-01-15', new Date(2026, 3, 15))).toBe(3); // fixed-date: pure function, both dates explicit
    expect(monthsSince('2027-01-01', new Date(2026, 3, 15))).toBe(0); // fixed-date: pure function, both dates explicit
  });
});
