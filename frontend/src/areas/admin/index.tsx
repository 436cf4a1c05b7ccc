// The administrator's screens: the competency framework, the career ladder
// and people (hiring, transfers, offboarding, access roles).
import { Navigate } from 'react-router';
import type { Area } from '../types';
import { FrameworkPage } from './FrameworkPage';
import { LadderPage } from './LadderPage';
import { PeoplePage } from './PeoplePage';
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
    { path: '/admin/framework', element: <FrameworkPage /> },
    { path: '/admin/ladder', element: <LadderPage /> },
    { path: '/admin/people', element: <PeoplePage /> },
  ],
};
