import type { ReactNode } from 'react';
import type { AccessRole } from '../gql/graphql';

/**
 * An area is one role's part of the app: its menu entries and routes. The
 * shell (src/App.tsx) shows an area to viewers who hold one of its roles
 * (or, for the manager area, anyone with reports).
 */
export interface Area {
  id: 'employee' | 'trainer' | 'manager' | 'hr' | 'admin';
  roles: AccessRole[];
  /** Also open to anyone with direct reports, whatever their roles. */
  lineManagers?: boolean;
  /** Menu entries: `label` is a key in the area's namespace. */
  nav: { to: string; label: string }[];
  routes: { path: string; element: ReactNode }[];
}
