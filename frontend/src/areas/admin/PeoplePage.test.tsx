import { describe, expect, test, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { CombinedError } from 'urql';
import { fakeClient, renderWith } from '../../test/render';
import { today } from '../../lib/format';
import { PeoplePage } from './PeoplePage';
import { peopleData } from './fixtures';

// Role queries over whole screens are slow in jsdom on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

type Call = { name: string; variables: Record<string, unknown> };

describe('PeoplePage', () => {
  test('lists employees a page at a time and searches with the filter (zh-CN)', async () => {
    const calls: Call[] = [];
    renderWith(<PeoplePage />, { lang: 'zh-CN', client: fakeClient({ AdminPeople: peopleData() }, calls) });
    await screen.findByRole('heading', { level: 1, name: '人员管理' });
    const table = await screen.findByRole('table', { name: '员工' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('李娜')).toBeTruthy();
    expect(within(rows[1]).getByText('员工、管理者')).toBeTruthy();
    expect(within(rows[2]).getByText('在职')).toBeTruthy();
    expect(screen.getByText('共 2 条')).toBeTruthy();
    expect(calls[0]).toEqual({ name: 'AdminPeople', variables: { filter: {}, first: 20, after: null } });
    fireEvent.change(screen.getByLabelText('姓名、工号或邮箱'), { target: { value: ' 吴 ' } });
    fireEvent.change(screen.getByLabelText('团队'), { target: { value: 'team-east' } });
    fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    await screen.findByRole('table', { name: '员工' });
    expect(calls.at(-1)?.variables).toEqual({ filter: { text: '吴', teamId: 'team-east', status: undefined }, first: 20, after: null });
  });

  test('hiring sends both names, team, manager, position, date and roles, and shows the temporary password once', async () => {
    const calls: Call[] = [];
    const client = fakeClient(
      {
        AdminPeople: peopleData(),
        AdminHire: {
          hireEmployee: {
            employee: { id: 'e9', employeeNumber: 'CS-1042', name: { en: 'Ma Rui', zh: '马睿' }, email: 'ma.rui@rungs.demo' },
            temporaryPassword: 'kT7-pq2-Wm9x',
          },
        },
      },
      calls,
    );
    renderWith(<PeoplePage />, { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Hire employee' }));
    const dialog = await screen.findByRole('dialog', { name: 'Hire an employee' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hire' }));
    expect(within(dialog).getAllByText('Required.').length).toBeGreaterThanOrEqual(4);
    expect(calls.some((c) => c.name === 'AdminHire')).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('Full name (English)'), { target: { value: 'Ma Rui' } });
    fireEvent.change(within(dialog).getByLabelText('Full name (Chinese)'), { target: { value: '马睿' } });
    fireEvent.change(within(dialog).getByLabelText('Work e-mail (sign-in)'), { target: { value: 'ma.rui@rungs.demo' } });
    fireEvent.change(within(dialog).getByLabelText('Employee number'), { target: { value: 'cs-1042' } });
    fireEvent.change(within(dialog).getByLabelText('Team'), { target: { value: 'team-east' } });
    fireEvent.change(within(dialog).getByLabelText('Line manager'), { target: { value: 'e1' } });
    fireEvent.change(within(dialog).getByLabelText('Position'), { target: { value: 'p1' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Trainer/ }));
    expect((within(dialog).getByRole('checkbox', { name: /Employee/ }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hire' }));
    await screen.findByText('Ma Rui has been hired; they sign in as ma.rui@rungs.demo.');
    expect(screen.getByText('kT7-pq2-Wm9x').tagName).toBe('CODE');
    expect(screen.getByText(/shown only this once/)).toBeTruthy();
    expect(calls.find((c) => c.name === 'AdminHire')?.variables).toEqual({
      input: {
        employeeNumber: 'CS-1042',
        nameEn: 'Ma Rui',
        nameZh: '马睿',
        email: 'ma.rui@rungs.demo',
        teamId: 'team-east',
        managerId: 'e1',
        positionId: 'p1',
        hireDate: today(),
        accessRoles: ['EMPLOYEE', 'TRAINER'],
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'I have noted it' }));
    expect(screen.queryByText('kT7-pq2-Wm9x')).toBeNull();
  });

  test('a transfer sends only what changes, with its date and reason', async () => {
    const calls: Call[] = [];
    const client = fakeClient({ AdminPeople: peopleData(), AdminTransfer: (v: Record<string, unknown>) => ({ transferEmployee: { id: (v.input as { employeeId: string }).employeeId } }) }, calls);
    renderWith(<PeoplePage />, { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Transfer Wu Xiaoling' }));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer Wu Xiaoling' });
    expect(within(dialog).getByText('Now: Service team East · manager Li Na · Customer Service Agent.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'New chat queue' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect(await within(dialog).findByText('Choose at least a new team, manager or position.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('New team'), { target: { value: 'team-west' } });
    // Nobody can be their own manager: they are not offered.
    expect([...(within(dialog).getByLabelText('New line manager') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'e1']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    await screen.findByText('Wu Xiaoling has been transferred.');
    expect(calls.find((c) => c.name === 'AdminTransfer')?.variables).toEqual({
      input: { employeeId: 'e2', teamId: 'team-west', managerId: undefined, positionId: undefined, effectiveOn: today(), reason: 'New chat queue' },
    });
  });

  test('offboarding someone with reports warns, and the server’s refusal is shown in the user’s language (zh-CN)', async () => {
    const refusal = new CombinedError({
      graphQLErrors: [{ message: 'Li Na still manages 2 active employee(s)', extensions: { code: 'CONFLICT', key: 'people.has_reports' } }],
    });
    const calls: Call[] = [];
    const { i18n } = renderWith(<PeoplePage />, { lang: 'zh-CN', client: fakeClient({ AdminPeople: peopleData(), AdminOffboard: refusal }, calls) });
    fireEvent.click(await screen.findByRole('button', { name: '为李娜办理离职' }));
    const dialog = await screen.findByRole('dialog', { name: '确定为李娜办理离职吗？' });
    expect(within(dialog).getByText('仍有 2 名在职员工向其汇报：请先将他们调整到其他上级名下。')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('原因'), { target: { value: '个人原因' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认离职' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(i18n.t('errors:key.people.has_reports', { defaultValue: i18n.t('errors:code.CONFLICT') }));
    expect(alert.textContent).not.toContain('still manages');
    expect(calls.find((c) => c.name === 'AdminOffboard')?.variables).toEqual({ employeeId: 'e1', effectiveOn: today(), reason: '个人原因' });
  });

  test('access roles: EMPLOYEE always stays, the others as ticked', async () => {
    const calls: Call[] = [];
    const client = fakeClient({ AdminPeople: peopleData(), AdminSetRoles: { setAccessRoles: { id: 'e1', accessRoles: ['EMPLOYEE', 'HR'] } } }, calls);
    renderWith(<PeoplePage />, { client });
    fireEvent.click(await screen.findByRole('button', { name: 'Access roles of Li Na' }));
    const dialog = await screen.findByRole('dialog', { name: 'Access roles of Li Na' });
    expect((within(dialog).getByRole('checkbox', { name: /Manager/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Manager/ }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /^HR/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await screen.findByText('The access roles of Li Na have been saved.');
    expect(calls.find((c) => c.name === 'AdminSetRoles')?.variables).toEqual({ employeeId: 'e1', roles: ['EMPLOYEE', 'HR'] });
  });
});
