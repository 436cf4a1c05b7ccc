// The trainer's console: courses, assignments, classroom sessions, grading,
// rubric scoring and team progress.
import type { Area } from '../types';
import { CourseList } from './CourseList';
import { CourseEditorPage } from './CourseEditor';
import { AssignPage } from './AssignForm';
import { SessionDetail, SessionList } from './Sessions';
import { GradeAttempt, GradingQueue } from './Grading';
import { Scorecards } from './Scorecards';
import { TeamProgress } from './Progress';
import './trainer.css';

export const area: Area = {
  id: 'trainer',
  roles: ['TRAINER'],
  nav: [
    { to: '/trainer', label: 'nav.courses' },
    { to: '/trainer/assign', label: 'nav.assign' },
    { to: '/trainer/sessions', label: 'nav.sessions' },
    { to: '/trainer/grading', label: 'nav.grading' },
    { to: '/trainer/scorecards', label: 'nav.scorecards' },
    { to: '/trainer/progress', label: 'nav.progress' },
  ],
  routes: [
    { path: '/trainer', element: <CourseList /> },
    { path: '/trainer/courses/new', element: <CourseEditorPage /> },
    { path: '/trainer/courses/:id', element: <CourseEditorPage /> },
    { path: '/trainer/assign', element: <AssignPage /> },
    { path: '/trainer/sessions', element: <SessionList /> },
    { path: '/trainer/sessions/:id', element: <SessionDetail /> },
    { path: '/trainer/grading', element: <GradingQueue /> },
    { path: '/trainer/grading/:id', element: <GradeAttempt /> },
    { path: '/trainer/scorecards', element: <Scorecards /> },
    { path: '/trainer/progress', element: <TeamProgress /> },
  ],
};
