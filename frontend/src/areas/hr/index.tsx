// HR: readiness across the organisation, bench strength, promotion reviews,
// the 9-box talent review and KPI imports.
import type { Area } from '../types';
import { page } from '../lazy';
import './hr.css';

export const area: Area = {
  id: 'hr',
  roles: ['HR'],
  nav: [
    { to: '/hr', label: 'nav.board' },
    { to: '/hr/bench', label: 'nav.bench' },
    { to: '/hr/reviews', label: 'nav.reviews' },
    { to: '/hr/ninebox', label: 'nav.ninebox' },
    { to: '/hr/kpi', label: 'nav.kpi' },
  ],
  routes: [
    { path: '/hr', element: page(() => import('./ReadinessBoard'), 'ReadinessBoard') },
    { path: '/hr/bench', element: page(() => import('./BenchStrength'), 'BenchStrength') },
    { path: '/hr/reviews', element: page(() => import('./Reviews'), 'ReviewQueue') },
    { path: '/hr/reviews/:id', element: page(() => import('./Reviews'), 'ReviewPage') },
    { path: '/hr/ninebox', element: page(() => import('./NineBox'), 'NineBox') },
    { path: '/hr/kpi', element: page(() => import('./KpiImport'), 'KpiImport') },
  ],
};
