// The manager area ("My team"): what a line manager sees of their reports —
// the competency heat map, one report's page with ratings, rubric scoring,
// nominations for promotion and the promotion reviews they take part in.
import type { Area } from '../types';
import { page } from '../lazy';
import './manager.css';

export const area: Area = {
  id: 'manager',
  roles: ['MANAGER'],
  lineManagers: true,
  nav: [
    { to: '/team', label: 'nav.home' },
    { to: '/team/scorecards', label: 'nav.scorecards' },
    { to: '/team/nominate', label: 'nav.nominate' },
    { to: '/team/reviews', label: 'nav.reviews' },
  ],
  routes: [
    { path: '/team', element: page(() => import('./TeamHeatmap'), 'TeamHeatmap') },
    { path: '/team/people/:id', element: page(() => import('./PersonPage'), 'PersonPage') },
    { path: '/team/scorecards', element: page(() => import('./Scorecards'), 'Scorecards') },
    { path: '/team/nominate', element: page(() => import('./Nominate'), 'Nominate') },
    { path: '/team/reviews', element: page(() => import('./Reviews'), 'Reviews') },
    { path: '/team/reviews/:id', element: page(() => import('./Reviews'), 'ReviewPage') },
  ],
};
