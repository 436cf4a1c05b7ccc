// /hr — the readiness board: every candidate for one position with their
// score, status and biggest gaps; filters, the server's sort, server pages
// and a CSV download of the whole board.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { BoardSort, HrReadinessBoardQuery, ReadinessStatus } from '../../gql/graphql';
import { useFormat } from '../../lib/format';
import { Button, Card, CursorPager, Empty, ErrorNotice, Field, Loading, Meter, Page, useCursor } from '../../components/ui';
import { ReadinessBadge } from '../../components/promotion/status';
import { downloadReadinessCsv } from './download';

const OptionsDoc = graphql(`
  query HrBoardOptions {
    positions {
      id
      code
      level
      name { en zh }
      track { id name { en zh } }
    }
    teams {
      id
      code
      name { en zh }
    }
  }
`);

const BoardDoc = graphql(`
  query HrReadinessBoard($positionId: ID!, $teamId: ID, $status: ReadinessStatus, $sort: BoardSort, $first: Int, $after: String) {
    readinessBoard(positionId: $positionId, teamId: $teamId, status: $status, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        score
        status
        topGaps { en zh }
        employee {
          id
          employeeNumber
          name { en zh }
          position { id name { en zh } }
          team { id name { en zh } }
        }
      }
    }
  }
`);

export const STATUSES: ReadinessStatus[] = ['READY_NOW', 'READY_SOON', 'NOT_READY'];
const SORTS: BoardSort[] = ['SCORE_DESC', 'NAME', 'GAP'];
export const PAGE_SIZE = 10;

export function ReadinessBoard() {
  const { t } = useTranslation('hr');
  const { loc } = useFormat();
  const [params, setParams] = useSearchParams();
  const [{ data, error }] = useQuery({ query: OptionsDoc });
  const positions = data?.positions ?? [];
  // Without a choice, the first position above the entry level (nobody is promoted into the entry level).
  const minLevel = Math.min(...positions.map((p) => p.level));
  const fallback = positions.find((p) => p.level > minLevel) ?? positions[0];
  const positionId = params.get('position') ?? fallback?.id ?? '';
  const position = positions.find((p) => p.id === positionId);
  const teamId = params.get('team') ?? '';
  const statusParam = params.get('status') ?? '';
  const status = (STATUSES as string[]).includes(statusParam) ? (statusParam as ReadinessStatus) : undefined;
  const sortParam = params.get('sort') ?? '';
  const sort = (SORTS as string[]).includes(sortParam) ? (sortParam as BoardSort) : 'SCORE_DESC';

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState<unknown>(null);
  const download = async () => {
    if (!position) return;
    setCsvBusy(true);
    setCsvError(null);
    try {
      await downloadReadinessCsv(position.id, position.code, status, teamId);
    } catch (e) {
      setCsvError(e);
    } finally {
      setCsvBusy(false);
    }
  };

  return (
    <Page
      title={t('board.title')}
      actions={
        <Button onClick={download} busy={csvBusy} disabled={!position}>
          {csvBusy ? t('board.downloading') : t('board.download')}
        </Button>
      }
    >
      <ErrorNotice error={error} />
      <ErrorNotice error={csvError} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <Card title={t('board.filters')}>
            <p className="muted">{t('board.hint')}</p>
            <div className="form-row">
              <Field label={t('board.position')}>
                {(id) => (
                  <select id={id} value={positionId} onChange={(e) => set('position', e.target.value)}>
                    {positions.map((p) => (
                      <option key={p.id} value={p.id}>
                        {loc(p.name)} · {loc(p.track.name)} · {t('board.level', { level: p.level })}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('board.team')}>
                {(id) => (
                  <select id={id} value={teamId} onChange={(e) => set('team', e.target.value)}>
                    <option value="">{t('board.allTeams')}</option>
                    {data.teams.map((tm) => (
                      <option key={tm.id} value={tm.id}>
                        {loc(tm.name)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('board.status')}>
                {(id) => (
                  <select id={id} value={status ?? ''} onChange={(e) => set('status', e.target.value)}>
                    <option value="">{t('board.allStatuses')}</option>
                    {STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`readiness.status.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('board.sortBy')}>
                {(id) => (
                  <select id={id} value={sort} onChange={(e) => set('sort', e.target.value === 'SCORE_DESC' ? '' : e.target.value)}>
                    {SORTS.map((s) => (
                      <option key={s} value={s}>
                        {t(`board.sort.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </Card>
          {position ? (
            <Board
              key={`${position.id}|${teamId}|${status ?? ''}|${sort}`}
              positionId={position.id}
              title={t('board.candidates', { position: loc(position.name) })}
              teamId={teamId || null}
              status={status ?? null}
              sort={sort}
              onSort={(s) => set('sort', s === 'SCORE_DESC' ? '' : s)}
            />
          ) : (
            <Empty>{t('board.choosePosition')}</Empty>
          )}
        </>
      )}
    </Page>
  );
}

type Row = HrReadinessBoardQuery['readinessBoard']['nodes'][number];

function Board({ positionId, title, teamId, status, sort, onSort }: { positionId: string; title: string; teamId: string | null; status: ReadinessStatus | null; sort: BoardSort; onSort: (s: BoardSort) => void }) {
  const { t } = useTranslation('hr');
  const cursor = useCursor();
  const [{ data, fetching, error }] = useQuery({
    query: BoardDoc,
    variables: { positionId, teamId, status, sort, first: PAGE_SIZE, after: cursor.after },
  });
  const board = data?.readinessBoard;
  const head = (col: string, by?: BoardSort) => {
    if (!by) return <th scope="col">{t(`board.col.${col}`)}</th>;
    const active = sort === by;
    return (
      <th scope="col" aria-sort={active ? (by === 'SCORE_DESC' ? 'descending' : 'ascending') : undefined} className={col === 'score' ? 'num' : undefined}>
        <button type="button" onClick={() => onSort(by)} aria-pressed={active}>
          {t(`board.col.${col}`)}
          <span className="sr-only"> · {t(`board.sort.${by}`)}</span>
          {active && <span aria-hidden="true"> {by === 'SCORE_DESC' ? '↓' : '↑'}</span>}
        </button>
      </th>
    );
  };
  return (
    <Card title={title} actions={board && <span className="muted">{t('board.count', { count: board.totalCount })}</span>}>
      <ErrorNotice error={error} />
      {!board && fetching && <Loading />}
      {board && board.nodes.length === 0 && <Empty>{t('board.empty')}</Empty>}
      {board && board.nodes.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="hr-board">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  {head('person', 'NAME')}
                  {head('current')}
                  {head('team')}
                  {head('score', 'SCORE_DESC')}
                  {head('status')}
                  {head('gaps', 'GAP')}
                </tr>
              </thead>
              <tbody>
                {board.nodes.map((r) => (
                  <BoardRow key={r.employee.id} row={r} />
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager cursor={cursor} pageInfo={board.pageInfo} total={board.totalCount} />
        </>
      )}
    </Card>
  );
}

function BoardRow({ row }: { row: Row }) {
  const { t } = useTranslation('hr');
  const { loc } = useFormat();
  const name = loc(row.employee.name);
  const shown = row.topGaps.slice(0, 3);
  const more = row.topGaps.length - shown.length;
  return (
    <tr>
      <th scope="row">
        {name}
        <div className="muted hr-small">{row.employee.employeeNumber}</div>
      </th>
      <td>{loc(row.employee.position.name)}</td>
      <td>{row.employee.team ? loc(row.employee.team.name) : '—'}</td>
      <td className="num">
        <div className="hr-score">
          <span>{row.score}</span>
          <Meter value={row.score} label={t('board.scoreLabel', { name, score: row.score })} />
        </div>
      </td>
      <td>
        <ReadinessBadge status={row.status} />
      </td>
      <td>
        {row.topGaps.length === 0 ? (
          <span className="muted">{t('board.noGaps')}</span>
        ) : (
          <>
            <ul className="hr-gaps">
              {shown.map((g, i) => (
                <li key={i}>{loc(g)}</li>
              ))}
            </ul>
            {more > 0 && (
              <details className="hr-more">
                <summary>{t('board.moreGaps', { count: more })}</summary>
                <ul className="hr-gaps">
                  {row.topGaps.slice(3).map((g, i) => (
                    <li key={i}>{loc(g)}</li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

