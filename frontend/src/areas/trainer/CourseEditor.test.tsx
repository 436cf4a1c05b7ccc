import { expect, test } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, renderWith } from '../../test/render';
import { CourseEditor } from './CourseEditor';
import { asTrainer, inputError } from './testing';
import { timestampDaysFromToday } from '../../test/dates';

type Calls = { name: string; variables: Record<string, unknown> }[];

const lists = {
  competencies: [
    { id: '1', code: 'COMMUNICATION', name: { en: 'Communication', zh: '沟通能力' }, category: { id: 'c1', name: { en: 'Service', zh: '服务' } } },
    { id: '3', code: 'COMPLAINT_HANDLING', name: { en: 'Complaint handling', zh: '投诉处理与客户关系' }, category: { id: 'c1', name: { en: 'Service', zh: '服务' } } },
  ],
  competencyFramework: {
    maxLevel: 5,
    levels: [
      { level: 1, name: { en: 'Aware', zh: '了解' } },
      { level: 2, name: { en: 'Developing', zh: '掌握' } },
      { level: 3, name: { en: 'Proficient', zh: '熟练' } },
      { level: 4, name: { en: 'Advanced', zh: '精通' } },
      { level: 5, name: { en: 'Expert', zh: '专家' } },
    ],
  },
  courses: { nodes: [{ id: '24', code: 'CS-110', title: { en: 'Complaint handling essentials', zh: '投诉处理基础' }, status: 'PUBLISHED' }] },
};

const draft = {
  id: '50',
  code: 'CS-310',
  title: { en: 'Handling refunds', zh: '退款处理' },
  summary: { en: 'Refunds within policy.', zh: '政策内的退款。' },
  format: 'E_LEARNING',
  estimatedHours: 2,
  certification: false,
  validityMonths: null,
  status: 'DRAFT',
  publishedAt: null,
  owner: { id: '28' },
  ownerName: { en: 'Huang Li', zh: '黄丽' },
  modules: [
    { id: 'm1', position: 1, title: { en: 'Policy', zh: '政策' }, summary: { en: '', zh: '' }, estimatedMinutes: 30 },
    { id: 'm2', position: 2, title: { en: 'Practice', zh: '练习' }, summary: { en: '', zh: '' }, estimatedMinutes: 45 },
  ],
  competencies: [{ competency: { id: '3' }, entryLevel: 1, targetLevel: 2 }],
  prerequisites: [{ course: { id: '24' }, enforced: true }],
};

test('creates a course with a module and a competency', async () => {
  const calls: Calls = [];
  renderWith(asTrainer(<CourseEditor />, '/trainer/courses/new'), {
    path: '/trainer/courses/new',
    client: fakeClient({ TrainerCourseEditor: lists, TrainerCreateCourse: { createCourse: { id: '51', status: 'DRAFT' } } }, calls),
  });
  await screen.findByRole('heading', { level: 1, name: 'New course' });
  await userEvent.type(screen.getByLabelText('Code'), 'cs-311');
  await userEvent.type(screen.getByLabelText('Title (English)'), 'Refund basics');
  await userEvent.type(screen.getByLabelText('Title (Chinese)'), '退款基础');
  await userEvent.type(screen.getByLabelText('Hours'), '1.5');
  await userEvent.click(screen.getByRole('button', { name: 'Add a module' }));
  await userEvent.type(screen.getByLabelText('Module title (English)'), 'Why refunds');
  await userEvent.type(screen.getByLabelText('Module title (Chinese)'), '为什么退款');
  await userEvent.click(screen.getByRole('button', { name: 'Add a competency' }));
  await userEvent.selectOptions(screen.getByLabelText('Target level'), '3');
  await userEvent.click(screen.getByRole('button', { name: 'Create course' }));
  await waitFor(() => expect(calls.some((c) => c.name === 'TrainerCreateCourse')).toBe(true));
  const input = calls.find((c) => c.name === 'TrainerCreateCourse')!.variables.input as Record<string, unknown>;
  expect(input).toMatchObject({
    code: 'CS-311',
    titleEn: 'Refund basics',
    titleZh: '退款基础',
    format: 'E_LEARNING',
    estimatedHours: 1.5,
    modules: [{ titleEn: 'Why refunds', titleZh: '为什么退款', estimatedMinutes: 30 }],
    competencies: [{ competencyId: '1', entryLevel: 0, targetLevel: 3 }],
    prerequisites: [],
  });
}, 30_000);

test("shows the server's validation problems next to their fields, in Chinese", async () => {
  const err = inputError([
    { field: 'titleEn', key: 'course.title_en.required', message: 'English title is required' },
    { field: 'modules[0].titleZh', key: 'course.module.title_zh.required', message: 'module 1 needs a Chinese title' },
  ]);
  renderWith(asTrainer(<CourseEditor />, '/trainer/courses/new'), {
    lang: 'zh-CN',
    path: '/trainer/courses/new',
    client: fakeClient({ TrainerCourseEditor: lists, TrainerCreateCourse: err }),
  });
  await screen.findByRole('heading', { level: 1, name: '新建课程' });
  await userEvent.click(screen.getByRole('button', { name: '添加模块' }));
  await userEvent.click(screen.getByRole('button', { name: '创建课程' }));
  const title = await screen.findByLabelText('课程名称（英文）');
  const field = title.closest('.field')!;
  expect(field.className).toContain('invalid');
  expect(within(field as HTMLElement).getByRole('alert').textContent).not.toBe('');
  const moduleField = screen.getByLabelText('模块名称（中文）').closest('.field')!;
  expect(moduleField.className).toContain('invalid');
  // The summary at the top lists both problems.
  expect(screen.getAllByRole('alert').length).toBeGreaterThanOrEqual(3);
}, 30_000);

test('reorders modules keeping their ids and publishes after saving', async () => {
  const calls: Calls = [];
  renderWith(asTrainer(<CourseEditor />, '/trainer/courses/:id'), {
    path: '/trainer/courses/50',
    client: fakeClient(
      {
        TrainerCourseEditor: { ...lists, course: draft },
        TrainerUpdateCourse: { updateCourse: { id: '50', status: 'DRAFT' } },
        TrainerPublishCourse: { publishCourse: { id: '50', status: 'PUBLISHED', publishedAt: timestampDaysFromToday(0, '08:00') } },
      },
      calls,
    ),
  });
  await screen.findByRole('heading', { level: 1, name: 'Handling refunds' });
  expect(screen.getByText('Draft')).toBeTruthy();
  expect((screen.getByLabelText('Code') as HTMLInputElement).readOnly).toBe(true);
  await userEvent.click(screen.getByRole('button', { name: 'Move module 2 up' }));
  await userEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
  await waitFor(() => expect(calls.some((c) => c.name === 'TrainerPublishCourse')).toBe(true));
  const update = calls.find((c) => c.name === 'TrainerUpdateCourse')!.variables;
  expect(update.id).toBe('50');
  const input = update.input as { modules: { id?: string }[]; competencies: unknown[]; prerequisites: unknown[] };
  expect(input.modules.map((m) => m.id)).toEqual(['m2', 'm1']);
  expect(input.competencies).toEqual([{ competencyId: '3', entryLevel: 1, targetLevel: 2 }]);
  expect(input.prerequisites).toEqual([{ courseId: '24', enforced: true }]);
  expect(calls.findIndex((c) => c.name === 'TrainerUpdateCourse')).toBeLessThan(calls.findIndex((c) => c.name === 'TrainerPublishCourse'));
  expect(await screen.findByText('The course is published: it can now be assigned.')).toBeTruthy();
});

test("someone else's course is read-only", async () => {
  renderWith(asTrainer(<CourseEditor />, '/trainer/courses/:id'), {
    path: '/trainer/courses/50',
    client: fakeClient({ TrainerCourseEditor: { ...lists, course: { ...draft, owner: { id: '31' }, ownerName: { en: 'Sun Qiang', zh: '孙强' } } } }),
  });
  expect(await screen.findByText('Only the course\'s owner (Sun Qiang) can change it.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
  expect(screen.getByLabelText('Title (English)').matches(':disabled')).toBe(true);
});

test('archives a published course after confirming', async () => {
  const calls: Calls = [];
  renderWith(asTrainer(<CourseEditor />, '/trainer/courses/:id'), {
    lang: 'zh-CN',
    path: '/trainer/courses/50',
    client: fakeClient(
      {
        TrainerCourseEditor: { ...lists, course: { ...draft, status: 'PUBLISHED' } },
        TrainerAssignData: { courses: null, teams: [], positions: [], employees: { nodes: [] } },
        TrainerArchiveCourse: { archiveCourse: { id: '50', status: 'ARCHIVED' } },
      },
      calls,
    ),
  });
  // Published: the assignment form is on the page.
  expect(await screen.findByRole('heading', { level: 2, name: '指派此课程' })).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: '归档' }));
  await userEvent.click(screen.getByRole('button', { name: '归档课程', hidden: true }));
  await waitFor(() => expect(calls.some((c) => c.name === 'TrainerArchiveCourse')).toBe(true));
  expect(calls.find((c) => c.name === 'TrainerArchiveCourse')!.variables).toEqual({ id: '50' });
  expect(await screen.findByText('课程已归档。')).toBeTruthy();
});
