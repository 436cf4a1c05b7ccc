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

const roster = (offset: number) => ({
  courseSession: {
    ...session('2', offset),
    course: scripts,
    registrations: [
      { id: 'r1', status: 'REGISTERED', attended: true, registeredAt: iso(-40), employee: { id: '8', employeeNumber: 'CS-1104', name: { en: 'Feng Yu', zh: '冯雨' }, team: null } },
      { id: 'r2', status: 'REGISTERED', attended: null, registeredAt: iso(-40), employee: { id: '15', employeeNumber: 'CS-1203', name: { en: 'Song Jia', zh: '宋佳' }, team: null } },
      { id: 'r3', status: 'WAITLISTED', attended: null, registeredAt: iso(-30), employee: { id: '26', employeeNumber: 'CS-1306', name: { en: 'Xia Qing', zh: '夏青' }, team: null } },
    ],
  },
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
  const feng = await screen.findByRole('checkbox', { name: 'Feng Yu attended' });
  expect((feng as HTMLInputElement).checked).toBe(true);
  expect(screen.getByText('Not recorded')).toBeTruthy();
  // The waitlisted person holds no seat: nothing to mark.
  expect(screen.queryByRole('checkbox', { name: 'Xia Qing attended' })).toBeNull();
  await userEvent.click(feng);
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
