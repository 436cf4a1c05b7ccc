import { expect, test } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeClient, renderWith } from '../../test/render';
import { SessionContextForTest } from '../../auth/session';
import { TeamHeatmap, PAGE_SIZE } from './TeamHeatmap';
import { heatmapData, session } from './testdata';

function show(lang: string, path = '/team', answers: Record<string, unknown> = { ManagerTeamHeatmap: heatmapData }) {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  const r = renderWith(
    <SessionContextForTest value={session}>
      <Routes>
        <Route path="/team" element={<TeamHeatmap />} />
        <Route path="/team/people/:id" element={<p>person page</p>} />
      </Routes>
    </SessionContextForTest>,
    { lang, path, client: fakeClient(answers, calls) },
  );
  return { ...r, calls };
}

test('the heat map shows each report against their position, in numbers as well as colour', async () => {
  const { calls } = show('en');
  expect(screen.getByRole('heading', { level: 1, name: 'Team competency heat map' })).toBeTruthy();
  // One query, for the viewer's own direct reports.
  expect(calls.map((c) => c.name)).toEqual(['ManagerTeamHeatmap']);
  expect(calls[0].variables).toMatchObject({ managerId: '13', first: PAGE_SIZE, after: null });

  const table = screen.getByRole('table');
  // Columns: the competencies the agents' position requires (leadership is not).
  const heads = within(table).getAllByRole('columnheader').map((h) => h.textContent);
  expect(heads).toEqual(['Person', 'Gaps', 'Communication', 'Problem solving', 'Tools & technology']);

  const wu = within(table).getByRole('row', { name: /Wu Xiaoling/ });
  const cells = within(wu).getAllByRole('cell');
  expect(cells[0].textContent).toBe('2 gaps (−3)');
  expect(cells[1].className).toContain('mgr-met');
  expect(cells[1].textContent).toContain('2/2');
  expect(cells[1].textContent).toContain('level 2 of 2 required: met');
  expect(cells[2].className).toContain('mgr-below2');
  expect(cells[2].textContent).toContain('1/3');
  expect(cells[2].textContent).toContain('2 levels below');
  expect(cells[3].className).toContain('mgr-below1');
  // Stale evidence is marked with an asterisk and said in words.
  expect(cells[3].textContent).toContain('1/2*');
  expect(cells[3].textContent).toContain('evidence older than a year');

  const deng = within(table).getByRole('row', { name: /Deng Chao/ });
  expect(within(deng).getAllByRole('cell')[0].textContent).toBe('All met');
  // Someone with reports of their own opens their team.
  expect(within(deng).getByRole('link', { name: 'Their team (1)' }).getAttribute('href')).toBe('/team?of=7');

  // The legend explains every colour in words.
  for (const text of ['Meets the required level', 'One level below', 'Two or more levels below', 'Not required for their position (current level)']) {
    expect(screen.getByText(text)).toBeTruthy();
  }
  expect(screen.getByText('2 in all')).toBeTruthy();
});

test('every competency can be shown, and a name opens the person', async () => {
  show('en');
  await userEvent.click(screen.getByLabelText('Show every competency'));
  const heads = within(screen.getByRole('table')).getAllByRole('columnheader').map((h) => h.textContent);
  expect(heads).toContain('Leadership & team management');
  const wu = screen.getByRole('row', { name: /Wu Xiaoling/ });
  const leadCell = within(wu).getAllByRole('cell')[4];
  expect(leadCell.className).toContain('mgr-notRequired');
  expect(leadCell.textContent).toContain('not required for their position');
  await userEvent.click(screen.getByRole('link', { name: 'Wu Xiaoling' }));
  expect(screen.getByText('person page')).toBeTruthy();
});

test('in Chinese, and for the team of someone in the line', async () => {
  const { calls } = show('zh-CN', '/team?of=13x');
  expect(calls[0].variables).toMatchObject({ managerId: '13x' });
  expect(screen.getByRole('heading', { level: 1, name: '李娜 的团队' })).toBeTruthy();
  expect(screen.getByRole('link', { name: '返回我的直接下属' }).getAttribute('href')).toBe('/team');
  const wu = screen.getByRole('row', { name: /吴晓玲/ });
  const cells = within(wu).getAllByRole('cell');
  expect(cells[0].textContent).toBe('2 项未达标（差 3 级）');
  expect(cells[2].textContent).toContain('当前 1 级，要求 3 级：差 2 级');
  expect(screen.getByText('达到要求等级')).toBeTruthy();
  expect(screen.getByText('共 2 条')).toBeTruthy();
});
