// /hr/bench — succession across the whole ladder: for each position how
// many hold it and how many are ready now or soon. Positions nobody is
// ready to step into come first, with a badge that says so.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { graphql } from '../../gql';
import type { HrBenchStrengthQuery } from '../../gql/graphql';
import { useFormat } from '../../lib/format';
import { Badge, Card, Empty, ErrorNotice, Loading, Page, Pager, usePaged } from '../../components/ui';

const BenchDoc = graphql(`
  query HrBenchStrength {
    benchStrength {
      holders
      readyNow
      readySoon
      noSuccessorReady
      position {
        id
        code
        level
        name { en zh }
        track { id name { en zh } }
      }
    }
  }
`);

type Entry = HrBenchStrengthQuery['benchStrength'][number];

/** Gaps first, the most senior first among them; then the rest by level. */
export function benchOrder(list: readonly Entry[]): Entry[] {
  return [...list].sort(
    (a, b) =>
      Number(b.noSuccessorReady) - Number(a.noSuccessorReady) ||
      b.position.level - a.position.level ||
      a.position.code.localeCompare(b.position.code),
  );
}

export function BenchStrength() {
  const { t } = useTranslation('hr');
  const { loc } = useFormat();
  const [{ data, error }] = useQuery({ query: BenchDoc });
  const [onlyGaps, setOnlyGaps] = useState(false);
  const all = benchOrder(data?.benchStrength ?? []);
  const gaps = all.filter((e) => e.noSuccessorReady);
  const shown = onlyGaps ? gaps : all;
  const paged = usePaged(shown, 10);
  const chart = all.map((e) => ({ name: loc(e.position.name), now: e.readyNow, soon: e.readySoon }));

  return (
    <Page title={t('bench.title')}>
      <ErrorNotice error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          {gaps.length > 0 ? (
            <div className="notice warn" role="status">
              {t('bench.gapsSummary', { count: gaps.length, total: all.length })}
            </div>
          ) : (
            all.length > 0 && <div className="notice ok">{t('bench.allCovered')}</div>
          )}
          <Card
            title={t('bench.tableTitle')}
            actions={
              <label className="hr-check">
                <input type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} /> {t('bench.onlyGaps')}
              </label>
            }
          >
            {shown.length === 0 ? (
              <Empty>{t('bench.empty')}</Empty>
            ) : (
              <>
                <div className="table-wrap">
                  <table>
                    <caption className="sr-only">{t('bench.tableTitle')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('bench.col.position')}</th>
                        <th scope="col" className="num">{t('bench.col.level')}</th>
                        <th scope="col" className="num">{t('bench.col.holders')}</th>
                        <th scope="col" className="num">{t('bench.col.readyNow')}</th>
                        <th scope="col" className="num">{t('bench.col.readySoon')}</th>
                        <th scope="col">{t('bench.col.succession')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {paged.rows.map((e) => (
                        <tr key={e.position.id} className={e.noSuccessorReady ? 'hr-gap-row' : undefined}>
                          <th scope="row">
                            <Link to={`/hr?position=${encodeURIComponent(e.position.id)}`}>{loc(e.position.name)}</Link>
                            <div className="muted hr-small">{loc(e.position.track.name)}</div>
                          </th>
                          <td className="num">{e.position.level}</td>
                          <td className="num">{e.holders}</td>
                          <td className="num">{e.readyNow}</td>
                          <td className="num">{e.readySoon}</td>
                          <td>
                            {e.noSuccessorReady ? <Badge tone="bad">{t('bench.noSuccessor')}</Badge> : <Badge tone="ok">{t('bench.covered', { count: e.readyNow })}</Badge>}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager page={paged.page} pages={paged.pages} setPage={paged.setPage} total={paged.total} />
              </>
            )}
          </Card>
          {chart.length > 0 && (
            <Card title={t('bench.chartTitle')}>
              <p className="muted">{t('bench.chartHint')}</p>
              <div className="hr-chart" aria-hidden="true" style={{ height: Math.max(200, chart.length * 30 + 60) }}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart accessibilityLayer={false} data={chart} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Legend />
                    <Bar dataKey="now" name={t('bench.col.readyNow')} stackId="a" fill="#1b6e35" isAnimationActive={false} />
                    <Bar dataKey="soon" name={t('bench.col.readySoon')} stackId="a" fill="#c98a1b" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            </Card>
          )}
        </>
      )}
    </Page>
  );
}
