import { expect, test } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, renderWith } from '../../test/render';
import { CourseList } from './CourseList';
import { asTrainer } from './testing';

const page = (nodes: unknown[], hasNextPage = false) => ({
  courses: { totalCount: nodes.length, pageInfo: { hasNextPage, endCursor: hasNextPage ? 'c1' : null }, nodes },
});
const complaint = {
  id: '23',
  code: 'CS-210',
  title: { en: 'Complaint handling and service recovery', zh: '投诉处理与服务补救' },
  status: 'PUBLISHED',
  format: 'E_LEARNING',
  estimatedHours: 5,
  ownerName: { en: 'Huang Li', zh: '黄丽' },
};
const draft = { ...complaint, id: '40', code: 'AI-101', title: { en: 'AI assistants at work', zh: '智能助手实务' }, status: 'DRAFT', format: 'CLASSROOM', estimatedHours: 2.5 };

test('lists courses in Chinese with their status, format and a link to the editor', async () => {
  renderWith(asTrainer(<CourseList />), { lang: 'zh-CN', client: fakeClient({ TrainerCourses: page([complaint, draft]) }) });
  const link = await screen.findByRole('link', { name: '投诉处理与服务补救' });
  expect(link.getAttribute('href')).toBe('/trainer/courses/23');
  expect(screen.getByRole('heading', { level: 1, name: '课程管理' })).toBeTruthy();
  const table = within(screen.getByRole('table'));
  expect(table.getByText('已发布')).toBeTruthy();
  expect(table.getByText('草稿')).toBeTruthy();
  expect(table.getByText('面授')).toBeTruthy();
  expect(table.getByRole('columnheader', { name: '负责人' })).toBeTruthy();
  expect(screen.getByRole('link', { name: '新建课程' }).getAttribute('href')).toBe('/trainer/courses/new');
});

test('search text, status and "only mine" go to the server filter', async () => {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  renderWith(asTrainer(<CourseList />), { client: fakeClient({ TrainerCourses: page([complaint]) }, calls) });
  await screen.findByRole('link', { name: complaint.title.en });
  await userEvent.type(screen.getByLabelText('Search courses'), 'complaint');
  await userEvent.selectOptions(screen.getByLabelText('Status'), 'PUBLISHED');
  await userEvent.click(screen.getByLabelText('Only my courses'));
  await waitFor(() =>
    expect(calls.at(-1)?.variables).toMatchObject({ filter: { text: 'complaint', statuses: ['PUBLISHED'], ownerId: '28' }, first: 20, after: null }),
  );
});

test('pages through the server connection', async () => {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  renderWith(asTrainer(<CourseList />), { client: fakeClient({ TrainerCourses: page([complaint], true) }, calls) });
  await screen.findByRole('link', { name: complaint.title.en });
  await userEvent.click(screen.getByRole('button', { name: 'Next' }));
  await waitFor(() => expect(calls.at(-1)?.variables.after).toBe('c1'));
  expect(screen.getByText('Page 2')).toBeTruthy();
});

test('says so when nothing matches', async () => {
  renderWith(asTrainer(<CourseList />), { client: fakeClient({ TrainerCourses: page([]) }) });
  expect(await screen.findByText('No course matches.')).toBeTruthy();
});
