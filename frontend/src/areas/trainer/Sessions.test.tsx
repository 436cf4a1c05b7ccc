import { expect, test } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, renderWith } from '../../test/render';
import { SessionDetail, SessionList } from './Sessions';
import { asTrainer, codeError } from './testing';

type Calls = { name: string; variables: Record<string, unknown> }[];
const day = 24 * 3600 * 1000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString();
const scripts = { id: '21', code: 'CS-102', title: { en: 'Call scripts in practice', zh: '电话话术实战' }, owner: { id: '28' } };
const me = { id: '28', name: { en: 'Huang Li', zh: '黄丽' } };
const session = (id: string, offset: number, extra: object = {}) => ({
  id,
  startsAt: iso(offset),
  endsAt: iso(offset + 0.3),
  place: 'Shanghai HQ, Training Room 3',
  capacity: 12,
  seatsTaken: 5,
  waitlisted: 0,
  status: 'SCHEDULED',
  trainer: me,
  ...extra,
});

test('lists the sessions the trainer runs, upcoming apart from past, and leaves out others', async () => {
  const other = { id: '30', code: 'FLM-101', title: { en: 'Frontline manager foundation', zh: '一线经理基础' }, owner: { id: '31' } };
  renderWith(asTrainer(<SessionList />), {
    lang: 'zh-CN',
    client: fakeClient({
      TrainerSessions: {
        courses: {
          nodes: [
            { ...scripts, sessions: [session('2', -21), session('3', 12, { seatsTaken: 12, waitlisted: 2 })] },
            { ...other, sessions: [session('4', 9, { trainer: { id: '31', name: { en: 'Sun Qiang', zh: '孙强' } } })] },
          ],
        },
      },
    }),
  });
  const upcoming = within(await screen.findByRole('region', { name: '即将开始和进行中' }));
  expect(upcoming.getAllByRole('row')).toHaveLength(2);
  expect(upcoming.getByText('CS-102 · 电话话术实战')).toBeTruthy();
  expect(upcoming.getByText('候补 2 人')).toBeTruthy();
  const past = within(screen.getByRole('region', { name: '已结束的场次' }));
  expect(past.getAllByRole('row')).toHaveLength(2);
  expect(past.getByRole('link').getAttribute('href')).toBe('/trainer/sessions/2');
  expect(screen.queryByText(/FLM-101/)).toBeNull();
});

const teamA = { id: '3', name: { en: 'Customer service team A', zh: '客服一组' } };
/** A registration as the server sends it: the learner's name always, the employee only inside the trainer's scope. */
const reg = (id: string, status: string, attended: boolean | null, who: { id: string; employeeNumber: string; name: { en: string; zh: string } }, team: object | null | 'out of scope') => ({
  id,
  status,
  attended,
  registeredAt: iso(-40),
  learner: who,
  employee: team === 'out of scope' ? null : { id: who.id, team },
});
const feng = { id: '8', employeeNumber: 'CS-1104', name: { en: 'Feng Yu', zh: '冯雨' } };
const song = { id: '15', employeeNumber: 'CS-1203', name: { en: 'Song Jia', zh: '宋佳' } };
const xia = { id: '26', employeeNumber: 'CS-1306', name: { en: 'Xia Qing', zh: '夏青' } };
const roster = (offset: number, registrations = [reg('r1', 'REGISTERED', true, feng, teamA), reg('r2', 'REGISTERED', null, song, null), reg('r3', 'WAITLISTED', null, xia, null)]) => ({
  courseSession: { ...session('2', offset), course: scripts, registrations },
});

test('records attendance of the seated participants', async () => {
  const calls: Calls = [];
  renderWith(asTrainer(<SessionDetail />, '/trainer/sessions/:id'), {
    path: '/trainer/sessions/2',
    client: fakeClient(
      {
        TrainerSession: roster(-21),
        TrainerRecordAttendance: { recordAttendance: [{ id: 'r1', status: 'REGISTERED', attended: false }, { id: 'r2', status: 'REGISTERED', attended: true }] },
      },
      calls,
    ),
  });
  const fengBox = await screen.findByRole('checkbox', { name: 'Feng Yu attended' });
  expect((fengBox as HTMLInputElement).checked).toBe(true);
  expect(within(screen.getByRole('rowheader', { name: /Feng Yu/ }).closest('tr')!).getByText('Customer service team A')).toBeTruthy();
  expect(screen.getByText('Not recorded')).toBeTruthy();
  // The waitlisted person holds no seat: nothing to mark.
  expect(screen.queryByRole('checkbox', { name: 'Xia Qing attended' })).toBeNull();
  await userEvent.click(fengBox);
  await userEvent.click(screen.getByRole('checkbox', { name: 'Song Jia attended' }));
  await userEvent.click(screen.getByRole('button', { name: 'Save attendance' }));
  expect((await screen.findByRole('status')).textContent).toBe('Attendance saved. 1 attended, 1 absent.');
  expect(calls.find((c) => c.name === 'TrainerRecordAttendance')!.variables).toEqual({
    sessionId: '2',
    attendance: [
      { employeeId: '8', attended: false },
      { employeeId: '15', attended: true },
    ],
    completeCourse: true,
  });
});

test('a session that has not started cannot take attendance yet', async () => {
  renderWith(asTrainer(<SessionDetail />, '/trainer/sessions/:id'), {
    lang: 'zh-CN',
    path: '/trainer/sessions/2',
    client: fakeClient({ TrainerSession: roster(5) }),
  });
  expect(await screen.findByText('场次开始后才能登记出勤。')).toBeTruthy();
  expect(screen.queryByRole('button', { name: '保存出勤' })).toBeNull();
  expect((screen.getByRole('checkbox', { name: '冯雨 出勤' }) as HTMLInputElement).disabled).toBe(true);
});

test('a refused save is shown', async () => {
  renderWith(asTrainer(<SessionDetail />, '/trainer/sessions/:id'), {
    path: '/trainer/sessions/2',
    client: fakeClient({ TrainerSession: roster(-1), TrainerRecordAttendance: codeError('CONFLICT', 'session.not_started') }),
  });
  await userEvent.click(await screen.findByRole('button', { name: 'Save attendance' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).not.toBe(''));
});

test("a learner outside the trainer's scope is named and can be marked attended", async () => {
  const calls: Calls = [];
  // Song Jia registered themself but is in no team or position granted to
  // the trainer: the server sends employee null, and the learner's name.
  renderWith(asTrainer(<SessionDetail />, '/trainer/sessions/:id'), {
    path: '/trainer/sessions/2',
    client: fakeClient(
      {
        TrainerSession: roster(-1, [reg('r1', 'REGISTERED', null, feng, teamA), reg('r2', 'REGISTERED', null, song, 'out of scope')]),
        TrainerRecordAttendance: { recordAttendance: [{ id: 'r1', status: 'REGISTERED', attended: false }, { id: 'r2', status: 'REGISTERED', attended: true }] },
      },
      calls,
    ),
  });
  const row = within((await screen.findByRole('rowheader', { name: /Song Jia/ })).closest('tr')!);
  expect(row.getByText('CS-1203')).toBeTruthy();
  expect(row.getAllByRole('cell')[0].textContent).toBe('—');
  expect(screen.queryByText('Hidden')).toBeNull();
  await userEvent.click(row.getByRole('checkbox', { name: 'Song Jia attended' }));
  await userEvent.click(screen.getByRole('button', { name: 'Save attendance' }));
  expect((await screen.findByRole('status')).textContent).toBe('Attendance saved. 1 attended, 1 absent.');
  expect(calls.find((c) => c.name === 'TrainerRecordAttendance')!.variables).toEqual({
    sessionId: '2',
    attendance: [
      { employeeId: '8', attended: false },
      { employeeId: '15', attended: true },
    ],
    completeCourse: true,
  });
});

test("mark everyone covers the learners outside the trainer's scope too", async () => {
  const calls: Calls = [];
  renderWith(asTrainer(<SessionDetail />, '/trainer/sessions/:id'), {
    lang: 'zh-CN',
    path: '/trainer/sessions/2',
    client: fakeClient(
      {
        TrainerSession: roster(-1, [reg('r2', 'REGISTERED', null, song, 'out of scope'), reg('r3', 'WAITLISTED', null, xia, 'out of scope')]),
        TrainerRecordAttendance: { recordAttendance: [{ id: 'r2', status: 'REGISTERED', attended: true }] },
      },
      calls,
    ),
  });
  expect(await screen.findByRole('rowheader', { name: /宋佳/ })).toBeTruthy();
  // The waitlisted one is named as well, with no seat to mark.
  expect(screen.getByRole('rowheader', { name: /夏青/ })).toBeTruthy();
  expect(screen.queryByRole('checkbox', { name: '夏青 出勤' })).toBeNull();
  await userEvent.click(screen.getByRole('button', { name: '全部标记为出勤' }));
  expect((screen.getByRole('checkbox', { name: '宋佳 出勤' }) as HTMLInputElement).checked).toBe(true);
  await userEvent.click(screen.getByRole('button', { name: '保存出勤' }));
  await screen.findByRole('status');
  expect(calls.find((c) => c.name === 'TrainerRecordAttendance')!.variables).toMatchObject({ attendance: [{ employeeId: '15', attended: true }] });
});
