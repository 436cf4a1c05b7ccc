// The administrator's screens: the competency framework, the career ladder
// and people (hiring, transfers, offboarding, access roles).
import { Navigate } from 'react-router';
import type { Area } from '../types';
import { page } from '../lazy';
import './admin.css';

export const area: Area = {
  id: 'admin',
  roles: ['ADMIN'],
  nav: [
    { to: '/admin/framework', label: 'nav.framework' },
    { to: '/admin/ladder', label: 'nav.ladder' },
    { to: '/admin/people', label: 'nav.people' },
  ],
  routes: [
    { path: '/admin', element: <Navigate to="/admin/framework" replace /> },
    { path: '/admin/framework', element: page(() => import('./FrameworkPage'), 'FrameworkPage') },
    { path: '/admin/ladder', element: page(() => import('./LadderPage'), 'LadderPage') },
    { path: '/admin/people', element: page(() => import('./PeoplePage'), 'PeoplePage') },
  ],
};
