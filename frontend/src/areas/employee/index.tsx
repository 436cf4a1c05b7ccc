// The employee's own area: career dashboard, courses, tests, notifications,
// performance ratings and career history. Every route is under /me.
import type { Area } from '../types';
import { page } from '../lazy';
import './employee.css';

export const area: Area = {
  id: 'employee',
  roles: ['EMPLOYEE'],
  nav: [
    { to: '/me', label: 'nav.home' },
    { to: '/me/courses', label: 'nav.courses' },
    { to: '/me/tests', label: 'nav.tests' },
    { to: '/me/notifications', label: 'nav.notifications' },
    { to: '/me/ratings', label: 'nav.ratings' },
    { to: '/me/history', label: 'nav.history' },
  ],
  routes: [
    { path: '/me', element: page(() => import('./Dashboard'), 'Dashboard') },
    { path: '/me/courses', element: page(() => import('./Courses'), 'Courses') },
    { path: '/me/courses/:courseId', element: page(() => import('./Courses'), 'CourseDetail') },
    { path: '/me/tests', element: page(() => import('./Tests'), 'Tests') },
    { path: '/me/tests/:id', element: page(() => import('./Tests'), 'TakeTest') },
    { path: '/me/notifications', element: page(() => import('./Notifications'), 'Notifications') },
    { path: '/me/ratings', element: page(() => import('./Ratings'), 'Ratings') },
    { path: '/me/history', element: page(() => import('./History'), 'History') },
  ],
};
