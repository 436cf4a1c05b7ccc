// The manager area ("My team"): what a line manager sees of their reports —
// the competency heat map, one report's page with ratings, rubric scoring,
// nominations for promotion and the promotion reviews they take part in.
import type { Area } from '../types';
import { TeamHeatmap } from './TeamHeatmap';
import { PersonPage } from './PersonPage';
import { Scorecards } from './Scorecards';
import { Nominate } from './Nominate';
import { ReviewPage, Reviews } from './Reviews';
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
    { path: '/team', element: <TeamHeatmap /> },
    { path: '/team/people/:id', element: <PersonPage /> },
    { path: '/team/scorecards', element: <Scorecards /> },
    { path: '/team/nominate', element: <Nominate /> },
    { path: '/team/reviews', element: <Reviews /> },
    { path: '/team/reviews/:id', element: <ReviewPage /> },
  ],
};
