// /team: the team's competency heat map. One row per report, one column per
// competency; each cell compares the person's current level with what their
// own position requires, in colour AND in numbers. A lead's or manager's
// report who has reports of their own opens their team the same way, so a
// manager can walk down the whole line one team at a time.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { ManagerTeamHeatmapQuery } from '../../gql/graphql';
import { Card, CursorPager, Empty, ErrorNotice, Loading, Page, useCursor } from '../../components/ui';
import { useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { cellFor, currentLevels, requiredLevels, summary, visibleColumns, type Cell } from './heat';

export const PAGE_SIZE = 12;

const HeatmapDoc = graphql(`
  query ManagerTeamHeatmap($managerId: ID!, $first: Int!, $after: String) {
    competencies {
      id
      code
      name { en zh }
    }
    lead: employee(id: $managerId) {
      id
      name { en zh }
      manager { id }
    }
    employees(filter: { managerId: $managerId }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        employeeNumber
        name { en zh }
        position {
          id
          name { en zh }
          requirements { id kind minLevel competency { id } }
        }
        competencies {
          competency { id }
          level
          stale
        }
        reports { id }
      }
    }
  }
`);

type Row = ManagerTeamHeatmapQuery['employees']['nodes'][number];

export function TeamHeatmap() {
  const { viewer } = useSession();
  const [params] = useSearchParams();
  const of = params.get('of') || viewer?.id || '';
  // A new team starts at its first page.
  return <TeamHeatmapOf key={of} managerId={of} own={of === viewer?.id} />;
}

function TeamHeatmapOf({ managerId, own }: { managerId: string; own: boolean }) {
  const { t } = useTranslation('manager');
  const { loc } = useFormat();
  const { viewer } = useSession();
  const cursor = useCursor();
  const [showAll, setShowAll] = useState(false);
  const [{ data, fetching, error }] = useQuery({
    query: HeatmapDoc,
    variables: { managerId, first: PAGE_SIZE, after: cursor.after },
    pause: !managerId,
  });

  const rows = data?.employees.nodes ?? [];
  const prepared = useMemo(
    () => rows.map((r) => ({ row: r, req: requiredLevels(r.position.requirements), cur: currentLevels(r.competencies) })),
    [rows],
  );
  const columns = useMemo(() => visibleColumns(data?.competencies ?? [], prepared.map((p) => p.req), showAll), [data, prepared, showAll]);

  const leadName = data?.lead ? loc(data.lead.name) : '';
  const title = own ? t('heat.title') : t('heat.titleOf', { name: leadName });
  const up = !own && data?.lead?.manager && data.lead.manager.id !== viewer?.id ? data.lead.manager.id : null;

  return (
    <Page title={title}>
      {!own && (
        <nav className="mgr-crumbs" aria-label={t('heat.crumbs')}>
          <Link to="/team">{t('heat.backToMine')}</Link>
          {up && <Link to={`/team?of=${encodeURIComponent(up)}`}>{t('heat.upOne')}</Link>}
        </nav>
      )}
      <p className="muted">{t('heat.intro')}</p>
      <ErrorNotice error={error} />
      <Card
        title={t('heat.cardTitle')}
        actions={
          <label className="mgr-check">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> {t('heat.showAll')}
          </label>
        }
      >
        <Legend />
        {fetching && !data ? (
          <Loading />
        ) : rows.length === 0 ? (
          data && <Empty>{t('heat.empty')}</Empty>
        ) : (
          <div className="table-wrap mgr-heat-wrap" role="region" aria-label={t('heat.tableLabel')} tabIndex={0}>
            <table className="mgr-heat">
              <caption className="sr-only">{t('heat.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="mgr-heat-person">
                    {t('heat.person')}
                  </th>
                  <th scope="col">{t('heat.gaps')}</th>
                  {columns.map((c) => (
                    <th scope="col" key={c.id} className="mgr-heat-comp">
                      {loc(c.name)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {prepared.map(({ row, req, cur }) => (
                  <HeatRow key={row.id} row={row} req={req} cur={cur} columns={columns} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data && <CursorPager cursor={cursor} pageInfo={data.employees.pageInfo} total={data.employees.totalCount} />}
      </Card>
    </Page>
  );
}

function HeatRow({
  row,
  req,
  cur,
  columns,
}: {
  row: Row;
  req: Map<string, number>;
  cur: Map<string, { level: number | null; stale: boolean }>;
  columns: { id: string; name: { en: string; zh: string } }[];
}) {
  const { t } = useTranslation('manager');
  const { loc } = useFormat();
  const s = summary(req, cur);
  return (
    <tr>
      <th scope="row" className="mgr-heat-person">
        <Link to={`/team/people/${row.id}`}>{loc(row.name)}</Link>
        <span className="mgr-sub">{loc(row.position.name)}</span>
        {row.reports.length > 0 && (
          <Link className="mgr-sub" to={`/team?of=${encodeURIComponent(row.id)}`}>
            {t('heat.theirTeam', { count: row.reports.length })}
          </Link>
        )}
      </th>
      <td className="mgr-heat-sum">
        {s.required === 0 ? (
          <span className="muted">{t('heat.noRequirements')}</span>
        ) : s.short === 0 ? (
          <span className="badge ok">{t('heat.allMet')}</span>
        ) : (
          <span className={`badge ${s.maxGap >= 2 ? 'bad' : 'warn'}`}>{t('heat.short', { count: s.short, levels: s.levels })}</span>
        )}
      </td>
      {columns.map((c) => {
        const l = cur.get(c.id);
        return <HeatCell key={c.id} name={loc(c.name)} cell={cellFor(req.get(c.id), l?.level, l?.stale)} />;
      })}
    </tr>
  );
}

const TAG: Record<Cell['state'], (gap: number) => string> = {
  met: () => '✓',
  below1: () => '−1',
  below2: (g) => `−${g}`,
  notRequired: () => '',
};

export function HeatCell({ name, cell }: { name: string; cell: Cell }) {
  const { t } = useTranslation('manager');
  const cur = cell.current == null ? '–' : String(cell.current);
  const shown = cell.state === 'notRequired' ? cur : `${cur}/${cell.required}`;
  const spoken =
    cell.state === 'notRequired'
      ? t('heat.cell.notRequired', { level: cell.current ?? t('heat.none') })
      : t(`heat.cell.${cell.state}`, { level: cell.current ?? t('heat.none'), required: cell.required, gap: cell.gap });
  return (
    <td className={`mgr-cell mgr-${cell.state}`} title={`${name}: ${spoken}${cell.stale ? ` (${t('heat.staleNote')})` : ''}`}>
      <span aria-hidden="true">
        <span className="mgr-cell-num">
          {shown}
          {cell.stale && '*'}
        </span>
        {TAG[cell.state](cell.gap) && <span className="mgr-cell-tag">{TAG[cell.state](cell.gap)}</span>}
      </span>
      <span className="sr-only">
        {spoken}
        {cell.stale && `, ${t('heat.staleNote')}`}
      </span>
    </td>
  );
}

export function Legend() {
  const { t } = useTranslation('manager');
  const items: [Cell['state'] | 'stale', string, string][] = [
    ['met', '✓', t('heat.legend.met')],
    ['below1', '−1', t('heat.legend.below1')],
    ['below2', '−2', t('heat.legend.below2')],
    ['notRequired', '2', t('heat.legend.notRequired')],
    ['stale', '*', t('heat.legend.stale')],
  ];
  return (
    <div className="mgr-legend">
      <h3 className="sr-only">{t('heat.legend.title')}</h3>
      <p className="mgr-legend-how">{t('heat.legend.how')}</p>
      <ul>
        {items.map(([state, sample, label]) => (
          <li key={state}>
            <span className={`mgr-swatch mgr-${state}`} aria-hidden="true">
              {sample}
            </span>
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
