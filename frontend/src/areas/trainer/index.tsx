// The trainer's console: courses, assignments, classroom sessions, grading,
// rubric scoring and team progress.
import type { Area } from '../types';
import { page } from '../lazy';
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
    { path: '/trainer', element: page(() => import('./CourseList'), 'CourseList') },
    { path: '/trainer/courses/new', element: page(() => import('./CourseEditor'), 'CourseEditorPage') },
    { path: '/trainer/courses/:id', element: page(() => import('./CourseEditor'), 'CourseEditorPage') },
    { path: '/trainer/assign', element: page(() => import('./AssignForm'), 'AssignPage') },
    { path: '/trainer/sessions', element: page(() => import('./Sessions'), 'SessionList') },
    { path: '/trainer/sessions/:id', element: page(() => import('./Sessions'), 'SessionDetail') },
    { path: '/trainer/grading', element: page(() => import('./Grading'), 'GradingQueue') },
    { path: '/trainer/grading/:id', element: page(() => import('./Grading'), 'GradeAttempt') },
    { path: '/trainer/scorecards', element: page(() => import('./Scorecards'), 'Scorecards') },
    { path: '/trainer/progress', element: page(() => import('./Progress'), 'TeamProgress') },
  ],
};
