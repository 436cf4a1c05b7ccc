// /me/notifications: unread notices first (each can be marked read, or all at
// once), then the whole feed, newest first. Both are server-side pages.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { EmployeeNotificationsQuery } from '../../gql/graphql';
import { Badge, Button, Card, CursorPager, Empty, ErrorNotice, Page, useCursor } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { QueryState } from './shared';
import { useSession } from '../../auth/session';
import { normalizeLanguage } from '../../i18n';

export const NotificationsDoc = graphql(`
  query EmployeeNotifications($first: Int!, $after: String, $unreadAfter: String) {
    unread: notifications(first: $first, after: $unreadAfter, unreadOnly: true) {
      unreadCount
      nodes { id kind title body createdAt readAt }
      pageInfo { hasNextPage endCursor }
    }
    all: notifications(first: $first, after: $after) {
      nodes { id kind title body createdAt readAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const MarkReadDoc = graphql(`
  mutation EmployeeMarkRead($ids: [ID!], $all: Boolean) {
    markNotificationsRead(ids: $ids, all: $all)
  }
`);

// The server writes each notice in the language stored for the user (zh-CN
// until they pick another in the language switch). The feed is read in the
// language the app is shown in, so tell the server first, once per user and
// language per page load.
const SyncLocaleDoc = graphql(`
  mutation EmployeeSyncLocale($locale: Locale!) {
    setLocale(locale: $locale)
  }
`);

const synced = new Set<string>();

/** Whether the server's notification language matches the app's. */
export function useNoticeLanguage(): boolean {
  const { i18n } = useTranslation();
  const { viewer } = useSession();
  const lang = normalizeLanguage(i18n.language);
  const key = `${viewer?.id ?? '?'}:${lang}`;
  const [, sync] = useMutation(SyncLocaleDoc);
  // The server already writes in this language (useLocaleSync in the shell
  // keeps it so): nothing to do.
  if (viewer?.locale === (lang === 'zh-CN' ? 'ZH_CN' : 'EN')) synced.add(key);
  const [ready, setReady] = useState(() => synced.has(key));
  useEffect(() => {
    if (synced.has(key)) {
      setReady(true);
      return;
    }
    let live = true;
    setReady(false);
    sync({ locale: lang === 'zh-CN' ? 'ZH_CN' : 'EN' }).then((r) => {
      if (!r.error) synced.add(key);
      // Even when it failed the feed is worth showing, in whatever language.
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, [key, lang, sync]);
  return ready;
}

const PAGE = 10;
type Note = EmployeeNotificationsQuery['all']['nodes'][number];

export function Notifications() {
  const { t } = useTranslation('employee');
  const unreadCursor = useCursor();
  const allCursor = useCursor();
  const languageReady = useNoticeLanguage();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: NotificationsDoc,
    variables: { first: PAGE, after: allCursor.after, unreadAfter: unreadCursor.after },
    pause: !languageReady,
  });
  const [{ fetching: marking, error: markError }, mark] = useMutation(MarkReadDoc);
  const [markingId, setMarkingId] = useState<string | null>(null);
  const markRead = async (ids: string[] | null) => {
    setMarkingId(ids?.[0] ?? 'all');
    const r = await mark(ids ? { ids } : { all: true });
    setMarkingId(null);
    if (!r.error) {
      // Marking moves notices out of the unread pages: start them again.
      unreadCursor.reset();
      reexecute({ requestPolicy: 'network-only' });
    }
  };
  const unread = data?.unread;
  return (
    <Page
      title={t('notifications.title')}
      actions={
        unread && unread.unreadCount > 0 ? (
          <Button onClick={() => markRead(null)} busy={marking && markingId === 'all'} disabled={marking}>
            {t('notifications.markAll')}
          </Button>
        ) : undefined
      }
    >
      <ErrorNotice error={markError} />
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {() => (
          <>
            <Card title={t('notifications.unread', { count: unread!.unreadCount })}>
              {unread!.nodes.length === 0 ? (
                <Empty>{t('notifications.noneUnread')}</Empty>
              ) : (
                <ul className="employee-notes">
                  {unread!.nodes.map((n) => (
                    <NoteItem key={n.id} n={n} onRead={() => markRead([n.id])} busy={marking && markingId === n.id} disabled={marking} />
                  ))}
                </ul>
              )}
              {(unreadCursor.page > 0 || unread!.pageInfo.hasNextPage) && <CursorPager cursor={unreadCursor} pageInfo={unread!.pageInfo} />}
            </Card>
            <Card title={t('notifications.all')}>
              {data!.all.nodes.length === 0 ? (
                <Empty>{t('notifications.none')}</Empty>
              ) : (
                <ul className="employee-notes">
                  {data!.all.nodes.map((n) => (
                    <NoteItem key={n.id} n={n} />
                  ))}
                </ul>
              )}
              <CursorPager cursor={allCursor} pageInfo={data!.all.pageInfo} />
            </Card>
          </>
        )}
      </QueryState>
    </Page>
  );
}

function NoteItem({ n, onRead, busy, disabled }: { n: Note; onRead?: () => void; busy?: boolean; disabled?: boolean }) {
  const { t } = useTranslation('employee');
  const { dateTime } = useFormat();
  return (
    <li className={n.readAt ? 'read' : 'unread'}>
      <div className="employee-note-head">
        <strong>{n.title}</strong> {n.readAt ? <Badge tone="info">{t('notifications.read')}</Badge> : <Badge tone="warn">{t('notifications.new')}</Badge>}
      </div>
      <p>{n.body}</p>
      <div className="employee-note-foot">
        <span className="muted">
          {t(`notificationKind.${n.kind}`)} · {dateTime(n.createdAt)}
        </span>
        {onRead && !n.readAt && (
          <Button onClick={onRead} busy={busy} disabled={disabled} aria-label={t('notifications.markReadNamed', { title: n.title })}>
            {t('notifications.markRead')}
          </Button>
        )}
      </div>
    </li>
  );
}
