// HR: readiness across the organisation, bench strength, promotion reviews,
// the 9-box talent review and KPI imports.
import type { Area } from '../types';
import './hr.css';
import { ReadinessBoard } from './ReadinessBoard';
import { BenchStrength } from './BenchStrength';
import { ReviewQueue, ReviewPage } from './Reviews';
import { NineBox } from './NineBox';
import { KpiImport } from './KpiImport';

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
    { path: '/hr', element: <ReadinessBoard /> },
    { path: '/hr/bench', element: <BenchStrength /> },
    { path: '/hr/reviews', element: <ReviewQueue /> },
    { path: '/hr/reviews/:id', element: <ReviewPage /> },
    { path: '/hr/ninebox', element: <NineBox /> },
    { path: '/hr/kpi', element: <KpiImport /> },
  ],
};
