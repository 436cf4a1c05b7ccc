// Who is signed in. On load the app tries the refresh cookie (a reload keeps
// the session); the screens shown follow the viewer's access roles.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider, useQuery, type Client } from 'urql';
import { graphql } from '../gql';
import type { AccessRole, ViewerQuery } from '../gql/graphql';
import * as api from '../api/auth';
import { makeClient } from '../api/client';
import { getSession, onSession } from '../api/token';

export type Viewer = ViewerQuery['me'];

const ViewerDoc = graphql(`
  query Viewer {
    me {
      id
      name { en zh }
      email
      accessRoles
      locale
      status
      position { id code name { en zh } }
      team { id name { en zh } }
      reports { id }
    }
  }
`);

type Status = 'loading' | 'signedOut' | 'signedIn';

interface SessionValue {
  status: Status;
  /** Why the user is on the sign-in page: their session ran out. */
  expired: boolean;
  viewer: Viewer | null;
  has: (...roles: AccessRole[]) => boolean;
  /** Whether the viewer has anyone reporting to them. */
  isLineManager: boolean;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const Ctx = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

function ViewerLoader({ onViewer, children }: { onViewer: (v: Viewer | null) => void; children: ReactNode }) {
  const [{ data, error }] = useQuery({ query: ViewerDoc, requestPolicy: 'network-only' });
  useEffect(() => {
    if (data) onViewer(data.me);
    else if (error) onViewer(null);
  }, [data, error, onViewer]);
  return <>{children}</>;
}

export function SessionProvider({ children, client: given }: { children: ReactNode; client?: Client }) {
  const [status, setStatus] = useState<Status>(getSession() ? 'signedIn' : 'loading');
  const [expired, setExpired] = useState(false);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [epoch, setEpoch] = useState(0);

  const onExpired = useCallback(() => {
    setExpired(true);
    setViewer(null);
    setStatus('signedOut');
  }, []);
  // A new client per sign-in: nothing cached for one user is shown to the next.
  const client = useMemo(() => given ?? makeClient(onExpired), [given, onExpired, epoch]);

  useEffect(() => {
    if (getSession()) return;
    let live = true;
    api.refresh().then((ok) => live && setStatus(ok ? 'signedIn' : 'signedOut'));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => onSession((s) => !s && setViewer(null)), []);

  const handleViewer = useCallback((v: Viewer | null) => (v ? setViewer(v) : onExpired()), [onExpired]);

  const signIn = useCallback(async (email: string, password: string) => {
    await api.login(email, password);
    setExpired(false);
    setEpoch((e) => e + 1);
    setStatus('signedIn');
  }, []);
  const signOut = useCallback(async () => {
    await api.logout();
    setExpired(false);
    setViewer(null);
    setEpoch((e) => e + 1);
    setStatus('signedOut');
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      status: status === 'signedIn' && !viewer ? 'loading' : status,
      expired,
      viewer,
      has: (...roles) => !!viewer && roles.some((r) => viewer.accessRoles.includes(r)),
      isLineManager: !!viewer && viewer.reports.length > 0,
      signIn,
      signOut,
    }),
    [status, expired, viewer, signIn, signOut],
  );

  return (
    <UrqlProvider value={client}>
      <Ctx.Provider value={value}>
        {status === 'signedIn' ? (
          <ViewerLoader key={epoch} onViewer={handleViewer}>
            {children}
          </ViewerLoader>
        ) : (
          children
        )}
      </Ctx.Provider>
    </UrqlProvider>
  );
}

/** For component tests: a session with only the parts a test gives. */
export function SessionContextForTest({ value, children }: { value: Partial<SessionValue>; children: ReactNode }) {
  const full: SessionValue = {
    status: 'signedIn',
    expired: false,
    viewer: null,
    has: () => false,
    isLineManager: false,
    signIn: async () => {},
    signOut: async () => {},
    ...value,
  };
  return <Ctx.Provider value={full}>{children}</Ctx.Provider>;
}
