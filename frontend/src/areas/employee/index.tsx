// The employee's own area: career dashboard, courses, tests, notifications,
// performance ratings and career history. Every route is under /me.
import type { Area } from '../types';
import { Dashboard } from './Dashboard';
import { CourseDetail, Courses } from './Courses';
import { TakeTest, Tests } from './Tests';
import { Notifications } from './Notifications';
import { Ratings } from './Ratings';
import { History } from './History';
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
    { path: '/me', element: <Dashboard /> },
    { path: '/me/courses', element: <Courses /> },
    { path: '/me/courses/:courseId', element: <CourseDetail /> },
    { path: '/me/tests', element: <Tests /> },
    { path: '/me/tests/:id', element: <TakeTest /> },
    { path: '/me/notifications', element: <Notifications /> },
    { path: '/me/ratings', element: <Ratings /> },
    { path: '/me/history', element: <History /> },
  ],
};
