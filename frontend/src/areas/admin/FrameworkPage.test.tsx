import { describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { CombinedError } from 'urql';
import { fakeClient, renderWith } from '../../test/render';
import { FrameworkPage, flatten } from './FrameworkPage';
import { frameworkData } from './fixtures';
import { timestampDaysFromToday } from '../../test/dates';

// Role queries over whole screens are slow in jsdom on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

type Call = { name: string; variables: Record<string, unknown> };

describe('FrameworkPage', () => {
  test('shows the version in force: its scale, competencies and each level’s indicator in both languages', async () => {
    renderWith(<FrameworkPage />, { client: fakeClient({ AdminFramework: frameworkData(false) }) });
    await screen.findByRole('heading', { level: 1, name: 'Competency framework' });
    expect(screen.getByText(/There is no draft/)).toBeTruthy();
    expect(screen.getByText(/You are looking at the version in force/)).toBeTruthy();
    const scale = screen.getByRole('region', { name: 'Proficiency scale' });
    expect(within(scale).getAllByRole('row')).toHaveLength(4);
    expect(within(scale).getByText('Proficient')).toBeTruthy();
    expect(within(scale).getByText('熟练')).toBeTruthy();
    const detail = screen.getByRole('region', { name: 'Communication' });
    const rows = within(detail).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[3]).getByText('Adapts tone to the caller.')).toBeTruthy();
    expect(within(rows[3]).getByText('能根据客户情绪调整语气。')).toBeTruthy();
    // A level without its own indicator says it shows the scale's general text.
    expect(within(rows[2]).getByText("Scale's general text")).toBeTruthy();
    expect(within(rows[1]).getByText('Own text')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Publish draft/ })).toBeNull();
  });

  test('in Chinese, names follow the language and the draft is shown with its publish button', async () => {
    renderWith(<FrameworkPage />, { lang: 'zh-CN', client: fakeClient({ AdminFramework: frameworkData(true) }) });
    await screen.findByRole('heading', { level: 1, name: '能力框架' });
    expect(screen.getByText(/您正在编辑草稿第 2 版/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '发布草稿第 2 版' })).toBeTruthy();
    const detail = screen.getByRole('region', { name: '沟通能力' });
    expect(within(detail).getByText('Adapts tone and wording to every caller.')).toBeTruthy();
    expect(within(detail).getByText('3 · 熟练')).toBeTruthy();
    // Switching to the version in force shows its text.
    expect(within(detail).getByRole('button', { name: '编辑行为指标' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '现行第 1 版' }));
    const inForce = screen.getByRole('region', { name: '沟通能力' });
    expect(within(inForce).getByText('Adapts tone to the caller.')).toBeTruthy();
    // While a draft exists, edits go to it: the version in force is read-only here.
    expect(within(inForce).queryByRole('button', { name: '编辑行为指标' })).toBeNull();
    expect(screen.getByText(/请切换到草稿后再编辑/)).toBeTruthy();
    expect(screen.getByRole('table', { name: '能力框架的所有版本，最新的在前' })).toBeTruthy();
  });

  test('editing indicators sends only the levels given, in both languages, and asks for the missing side', async () => {
    const calls: Call[] = [];
    const client = fakeClient(
      {
        AdminFramework: frameworkData(false),
        AdminSetIndicators: (v: Record<string, unknown>) => ({ setCompetencyIndicators: { id: v.id, indicators: [] } }),
      },
      calls,
    );
    renderWith(<FrameworkPage />, { client });
    const detail = await screen.findByRole('region', { name: 'Communication' });
    fireEvent.click(within(detail).getByRole('button', { name: 'Edit indicators' }));
    const dialog = await screen.findByRole('dialog', { name: 'Indicators of Communication' });
    // Prefilled with the competency's own texts; level 2 is empty (general text).
    expect((within(dialog).getByLabelText('Level 1 behaviour (English)') as HTMLTextAreaElement).value).toBe('Greets every caller.');
    expect((within(dialog).getByLabelText('Level 2 behaviour (English)') as HTMLTextAreaElement).value).toBe('');
    fireEvent.change(within(dialog).getByLabelText('Level 2 behaviour (English)'), { target: { value: 'Handles routine calls alone.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Give the behaviour in both languages, or leave both empty.')).toBeTruthy();
    expect(calls.some((c) => c.name === 'AdminSetIndicators')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('Level 2 behaviour (Chinese)'), { target: { value: '能独立处理常规来电。' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('The indicators of Communication have been saved in the draft.');
    const sent = calls.find((c) => c.name === 'AdminSetIndicators')!;
    expect(sent.variables).toEqual({
      id: '1',
      indicators: [
        { level: 1, en: 'Greets every caller.', zh: '按标准话术开场。' },
        { level: 2, en: 'Handles routine calls alone.', zh: '能独立处理常规来电。' },
        { level: 3, en: 'Adapts tone to the caller.', zh: '能根据客户情绪调整语气。' },
      ],
    });
    // The screen asks again for the framework, from the server.
    expect(calls.filter((c) => c.name === 'AdminFramework').length).toBeGreaterThanOrEqual(2);
  });

  test('publishing asks first, sends the notes and says which version is in force', async () => {
    const calls: Call[] = [];
    const client = fakeClient(
      {
        AdminFramework: frameworkData(true),
        AdminPublishFramework: { publishCompetencyFramework: { version: 2, status: 'PUBLISHED', publishedAt: timestampDaysFromToday(0) } },
      },
      calls,
    );
    renderWith(<FrameworkPage />, { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Publish draft v2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish draft version 2?' });
    expect(within(dialog).getByText(/Existing ratings stay valid/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('What changed'), { target: { value: 'Clearer level 3' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Publish' }));
    await screen.findByText('Version 2 is now in force.');
    expect(calls.find((c) => c.name === 'AdminPublishFramework')?.variables).toEqual({ notes: 'Clearer level 3' });
  });

  test('a refused publish shows the server’s reason in the user’s language', async () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'there is no draft', extensions: { code: 'CONFLICT', key: 'competency.framework.no_draft' } }],
    });
    const client = fakeClient({ AdminFramework: frameworkData(true), AdminPublishFramework: error });
    const { i18n } = renderWith(<FrameworkPage />, { lang: 'zh-CN', client });
    fireEvent.click(await screen.findByRole('button', { name: '发布草稿第 2 版' }));
    const dialog = await screen.findByRole('dialog', { name: '确定发布草稿第 2 版吗？' });
    fireEvent.click(within(dialog).getByRole('button', { name: '发布' }));
    const alert = await within(dialog).findByRole('alert');
    const expected = i18n.t('errors:key.competency.framework.no_draft', { defaultValue: i18n.t('errors:code.CONFLICT') });
    expect(alert.textContent).toBe(expected);
    expect(alert.textContent).not.toMatch(/there is no draft/);
  });

  test('a new competency is created in the draft with its code, category and both names', async () => {
    const calls: Call[] = [];
    const client = fakeClient(
      { AdminFramework: frameworkData(false), AdminCreateCompetency: { createCompetency: { id: '9', code: 'EMPATHY' } } },
      calls,
    );
    renderWith(<FrameworkPage />, { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Add competency' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add competency' });
    fireEvent.change(within(dialog).getByLabelText('Code'), { target: { value: 'empathy' } });
    fireEvent.change(within(dialog).getByLabelText('Name (English)'), { target: { value: 'Empathy' } });
    fireEvent.change(within(dialog).getByLabelText('Name (Chinese)'), { target: { value: '同理心' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('The competency has been saved in the draft.');
    expect(calls.find((c) => c.name === 'AdminCreateCompetency')?.variables).toEqual({
      input: { code: 'EMPATHY', categoryCode: 'SERVICE', nameEn: 'Empathy', nameZh: '同理心', descriptionEn: '', descriptionZh: '', sortOrder: 3 },
    });
  });
});

test('flatten lists competencies with their category and place', () => {
  const list = flatten(frameworkData(false).published as never);
  expect(list.map((c) => [c.code, c.categoryCode, c.place])).toEqual([
    ['COMMUNICATION', 'SERVICE', 1],
    ['PROBLEM_SOLVING', 'SERVICE', 2],
  ]);
});
