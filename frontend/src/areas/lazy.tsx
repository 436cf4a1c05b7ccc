// Screens load on first use: each area's pages are their own chunks, so an
// agent's browser never downloads the HR or admin code, and the first screen
// appears sooner.
import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from '../components/ui';

/** A route element that loads `name` from the module `load` imports. */
export function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  const C = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense fallback={<Loading />}>
      <C />
    </Suspense>
  );
}
