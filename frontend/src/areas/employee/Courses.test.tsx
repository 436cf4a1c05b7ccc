import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { CombinedError } from 'urql';
import { expect, test, vi } from 'vitest';
import { fakeClient, renderWith } from '../../test/render';
import { CourseDetail, Courses } from './Courses';
import { course, courses } from './fixtures';
import { formatDate } from '../../lib/format';

import './testing';

// The machine is shared: first renders (recharts, i18n) can be slow.
vi.setConfig({ testTimeout: 20_000 });

type Calls = { name: string; variables: Record<string, unknown> }[];

test('lists open enrolments with due date, overdue badge and progress', async () => {
  renderWith(<Courses />, { lang: 'en', client: fakeClient({ EmployeeCourses: courses }) });
  const crm = await screen.findByRole('row', { name: /CRM and ticketing essentials/ });
  expect(within(crm).getByText('Overdue')).toBeTruthy();
  expect(within(crm).getByText('In progress')).toBeTruthy();
  expect(within(crm).getByText(formatDate(courses.me.enrollments[0].dueOn, 'en'))).toBeTruthy();
  expect(within(crm).getByRole('meter', { name: 'Progress in CRM and ticketing essentials' }).getAttribute('aria-valuenow')).toBe('25');
  expect(within(crm).getByRole('link', { name: 'CRM and ticketing essentials' }).getAttribute('href')).toBe('/me/courses/15');
  // Completed ones only when asked for.
  expect(screen.queryByText('Data privacy certification')).toBeNull();
  await userEvent.selectOptions(screen.getByLabelText('Show'), 'done');
  const done = await screen.findByRole('row', { name: /Data privacy certification/ });
  expect(done.textContent).toContain(`valid until ${formatDate(courses.me.enrollments[2].validUntil, 'en')}`);
  expect(screen.queryByText('CRM and ticketing essentials')).toBeNull();
});

test('My courses in Chinese', async () => {
  renderWith(<Courses />, { lang: 'zh-CN', client: fakeClient({ EmployeeCourses: courses }) });
  expect(await screen.findByRole('heading', { level: 1, name: '我的课程' })).toBeTruthy();
  const crm = screen.getByRole('row', { name: /CRM 与工单系统基础/ });
  expect(within(crm).getByText('已逾期')).toBeTruthy();
  expect(within(crm).getByText('学习中')).toBeTruthy();
  expect(crm.textContent).toContain('线上学习');
});

function detail(lang: string, answers: Record<string, unknown>, calls: Calls = []) {
  return renderWith(
    <Routes>
      <Route path="/me/courses/:courseId" element={<CourseDetail />} />
    </Routes>,
    { lang, client: fakeClient(answers, calls), path: '/me/courses/23' },
  );
}

test('a course shows its modules; marking one complete sends it and says so', async () => {
  const calls: Calls = [];
  detail(
    'en',
    {
      EmployeeCourse: course(),
      EmployeeCompleteModule: { completeModule: { id: '125', status: 'IN_PROGRESS', percentComplete: 100, completedModuleIds: ['21', '22', '23'] } },
    },
    calls,
  );
  await screen.findByRole('heading', { level: 1, name: 'Complaint handling and service recovery' });
  expect(calls[0]).toEqual({ name: 'EmployeeCourse', variables: { id: '23' } });
  expect(screen.getByRole('meter', { name: 'Course progress' }).getAttribute('aria-valuenow')).toBe('67');
  expect(screen.getAllByText('Done')).toHaveLength(2);
  await userEvent.click(screen.getByRole('button', { name: 'Mark “Agreeing a fair remedy” complete' }));
  await screen.findByText('“Agreeing a fair remedy” is marked complete.');
  expect(calls.find((c) => c.name === 'EmployeeCompleteModule')!.variables).toEqual({ enrollmentId: '125', moduleId: '23' });
  // Its test is one click away.
  expect(screen.getByRole('link', { name: 'Final test' }).getAttribute('href')).toBe('/me/tests/18');
});

test('a course in Chinese, and a refused tick shows the problem', async () => {
  const error = new CombinedError({ graphQLErrors: [{ message: 'no', extensions: { code: 'CONFLICT' } }] });
  detail('zh-CN', { EmployeeCourse: course(), EmployeeCompleteModule: error });
  await screen.findByRole('heading', { level: 2, name: '课程单元' });
  expect(screen.getByText('已完成 67%')).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: '将“商定合理补救”标记为已完成' }));
  expect((await screen.findByRole('alert')).textContent).toBeTruthy();
});

test('a course not enrolled in offers to enrol', async () => {
  const calls: Calls = [];
  const data = course();
  data.course!.myEnrollment = null;
  detail('en', { EmployeeCourse: data, EmployeeEnroll: { enroll: { enrollment: { id: '200', status: 'ASSIGNED' }, warnings: ['Take CS-110 first (advised).'] } } }, calls);
  await userEvent.click(await screen.findByRole('button', { name: 'Enrol' }));
  await waitFor(() => expect(calls.find((c) => c.name === 'EmployeeEnroll')?.variables).toEqual({ courseId: '23' }));
  expect(await screen.findByText('Take CS-110 first (advised).')).toBeTruthy();
  expect(screen.queryByRole('button', { name: /Mark .* complete/ })).toBeNull();
});
