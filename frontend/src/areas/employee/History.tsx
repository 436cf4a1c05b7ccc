// /me/history: hires, transfers and promotions, newest first, with what
// changed in each (position, team, manager) in the viewer's language.
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { EmployeeHistoryQuery, EmployeeEventKind } from '../../gql/graphql';
import { Badge, Card, Empty, Page, Pager, usePaged } from '../../components/ui';
import { useFormat, type Localized } from '../../lib/format';
import { QueryState } from './shared';

export const HistoryDoc = graphql(`
  query EmployeeHistory {
    me {
      id
      hireDate
      positionSince
      position { id name { en zh } }
      careerHistory {
        id
        kind
        effectiveOn
        fromTeam { id name { en zh } }
        toTeam { id name { en zh } }
        fromManager { id name { en zh } }
        toManager { id name { en zh } }
        fromPosition { id name { en zh } }
        toPosition { id name { en zh } }
        reason
      }
    }
  }
`);

const kindTone: Record<EmployeeEventKind, 'ok' | 'info' | 'warn' | 'bad'> = { HIRE: 'info', PROMOTION: 'ok', TRANSFER: 'warn', OFFBOARD: 'bad' };
type Event = EmployeeHistoryQuery['me']['careerHistory'][number];

export function History() {
  const { t } = useTranslation('employee');
  const { loc, date } = useFormat();
  const [{ data, fetching, error }] = useQuery({ query: HistoryDoc });
  const events = [...(data?.me.careerHistory ?? [])].reverse();
  const { rows, ...pager } = usePaged(events, 10);
  return (
    <Page title={t('history.title')}>
      <QueryState fetching={fetching} error={error} hasData={!!data}>
        {() => (
          <>
            <Card title={t('history.summary')}>
              <dl className="employee-facts">
                <dt>{t('history.hired')}</dt>
                <dd>{date(data!.me.hireDate)}</dd>
                <dt>{t('history.current')}</dt>
                <dd>
                  {loc(data!.me.position.name)} · {t('history.since', { date: date(data!.me.positionSince) })}
                </dd>
              </dl>
            </Card>
            <Card title={t('history.events')}>
              {events.length === 0 ? (
                <Empty>{t('history.none')}</Empty>
              ) : (
                <>
                  <ol className="employee-timeline">
                    {rows.map((e) => (
                      <li key={e.id}>
                        <h3>
                          <Badge tone={kindTone[e.kind]}>{t(`eventKind.${e.kind}`)}</Badge> <time dateTime={e.effectiveOn}>{date(e.effectiveOn)}</time>
                        </h3>
                        <Changes e={e} />
                        {e.reason && (
                          <p className="muted">
                            {t('history.reason')}: {e.reason}
                          </p>
                        )}
                      </li>
                    ))}
                  </ol>
                  <Pager {...pager} />
                </>
              )}
            </Card>
          </>
        )}
      </QueryState>
    </Page>
  );
}

function Changes({ e }: { e: Event }) {
  const { t } = useTranslation('employee');
  const { loc } = useFormat();
  const line = (label: string, from?: { name: Localized } | null, to?: { name: Localized } | null) => {
    if (!from && !to) return null;
    if (from && to && loc(from.name) === loc(to.name)) return null;
    return (
      <li>
        <strong>{label}:</strong>{' '}
        {from && to ? t('history.fromTo', { from: loc(from.name), to: loc(to.name) }) : to ? loc(to.name) : t('history.left', { from: loc(from!.name) })}
      </li>
    );
  };
  return (
    <ul className="employee-changes">
      {line(t('history.position'), e.fromPosition, e.toPosition)}
      {line(t('history.team'), e.fromTeam, e.toTeam)}
      {line(t('history.manager'), e.fromManager, e.toManager)}
    </ul>
  );
}
