// Test helpers of the trainer area: a signed-in trainer, routes with their
// parameters, and server errors shaped as the API sends them.
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { CombinedError } from 'urql';
import { SessionContextForTest, type Viewer } from '../../auth/session';
import type { AccessRole } from '../../gql/graphql';

export const trainer: Viewer = {
  id: '28',
  name: { en: 'Huang Li', zh: '黄丽' },
  email: 'trainer@rungs.demo',
  locale: null,
  accessRoles: ['EMPLOYEE', 'TRAINER'],
  status: 'ACTIVE',
  position: { id: '9', code: 'TRAINER', name: { en: 'Trainer', zh: '客服培训师' } },
  team: { id: '5', name: { en: 'Training & quality', zh: '培训与质检组' } },
  reports: [],
};

/** The element signed in as the demo trainer, at a route with parameters. */
export function asTrainer(ui: ReactElement, route?: string): ReactElement {
  return (
    <SessionContextForTest value={{ viewer: trainer, has: (...r: AccessRole[]) => r.some((x) => trainer.accessRoles.includes(x)) }}>
      {route ? (
        <Routes>
          <Route path={route} element={ui} />
        </Routes>
      ) : (
        ui
      )}
    </SessionContextForTest>
  );
}

/** A BAD_USER_INPUT error listing field problems, as the server reports them. */
export function inputError(details: { field: string; key: string; message: string }[]): CombinedError {
  return new CombinedError({
    graphQLErrors: [{ message: details[0].message, extensions: { code: 'BAD_USER_INPUT', key: details[0].key, field: details[0].field, details } }],
  });
}

export function codeError(code: string, key: string, message = key): CombinedError {
  return new CombinedError({ graphQLErrors: [{ message, extensions: { code, key } }] });
}
