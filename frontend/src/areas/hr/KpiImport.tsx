// /hr/kpi — import KPI results from a CSV file. All or nothing: a file
// with problems imports nothing and every problem is listed by line and
// column.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { HrImportKpisMutation } from '../../gql/graphql';
import { useFormat } from '../../lib/format';
import { Button, Card, ErrorNotice, Field, Loading, Page, Pager, Success, usePaged } from '../../components/ui';

const DefinitionsDoc = graphql(`
  query HrKpiDefinitions {
    kpiDefinitions {
      code
      unit
      direction
      name { en zh }
    }
  }
`);

const ImportDoc = graphql(`
  mutation HrImportKpis($file: Upload!) {
    importKpis(file: $file) {
      records
      evidence
    }
  }
`);

export const COLUMNS = ['employee_no', 'kpi', 'period_start', 'period_end', 'value', 'volume'] as const;
const EXAMPLE = ['CS-1101', 'CSAT', '2026-10-01', '2026-10-31', '92.5', '310'];

export interface LineProblem {
  line: number;
  column: string;
  key?: string;
  message: string;
}

interface Detail {
  field?: string;
  key?: string;
  message?: string;
}

/** The per-line problems of a failed import (details whose field is "line N[: column]"). */
export function lineProblems(error: unknown): LineProblem[] {
  const list = (error as { graphQLErrors?: { extensions?: Record<string, unknown> }[] } | null)?.graphQLErrors ?? [];
  const out: LineProblem[] = [];
  for (const e of list) {
    const details = Array.isArray(e.extensions?.details) ? (e.extensions!.details as Detail[]) : [];
    for (const d of details) {
      const m = /^line (\d+)(?:: (.*))?$/.exec(d.field ?? '');
      if (m) out.push({ line: Number(m[1]), column: m[2] ?? '', key: d.key, message: d.message ?? '' });
    }
  }
  return out;
}

/**
 * A KPI import problem in the user's language: our text written for the
 * line table (the column is shown beside it), else the shared error text,
 * else the server's words.
 */
export function kpiProblemText(t: TFunction, i18n: { exists: (k: string) => boolean }, key: string | undefined, message: string): string {
  const own = key?.startsWith('kpi.import.') ? `hr:kpi.problem.${key.slice('kpi.import.'.length).replace(/\./g, '_')}` : '';
  if (own && i18n.exists(own)) return t(own);
  if (key && i18n.exists(`errors:key.${key}`)) return t(`errors:key.${key}`);
  return message || t('errors:code.BAD_USER_INPUT');
}

export function KpiImport() {
  const { t, i18n } = useTranslation('hr');
  const { loc } = useFormat();
  const [{ data: defs, error: defsError }] = useQuery({ query: DefinitionsDoc });
  const [{ fetching, error }, importKpis] = useMutation(ImportDoc);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [result, setResult] = useState<HrImportKpisMutation['importKpis'] | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    setFailed(null);
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const res = await importKpis({ file });
    if (res.data) {
      setResult(res.data.importKpis);
      setFile(null);
      if (input.current) input.current.value = '';
    } else setFailed(res.error ?? error);
  };

  const problems = lineProblems(failed);
  // A whole-file problem (empty, not UTF-8, too large…) with a key of ours.
  const fileKey = (failed as { graphQLErrors?: { extensions?: { key?: string } }[] } | null)?.graphQLErrors?.[0]?.extensions?.key;
  let fileProblem = !problems.length && fileKey?.startsWith('kpi.import.') ? kpiProblemText(t, i18n, fileKey, '') : '';
  // The server leaves out the list when the file has a single problem: say so rather than show nothing.
  if (fileProblem && fileKey === 'kpi.import.invalid') fileProblem = `${fileProblem} ${t('kpi.noDetails')}`;

  return (
    <Page title={t('kpi.title')}>
      <Card title={t('kpi.uploadTitle')}>
        <form onSubmit={submit} noValidate className="stack">
          <p className="muted">{t('kpi.allOrNothing')}</p>
          <Field label={t('kpi.file')} hint={t('kpi.fileHint')} error={missing ? t('kpi.fileRequired') : undefined}>
            {(id) => (
              <input
                id={id}
                ref={input}
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setMissing(false);
                }}
              />
            )}
          </Field>
          <div className="actions">
            <Button type="submit" variant="primary" busy={fetching}>
              {t('kpi.submit')}
            </Button>
          </div>
          {fetching && <Loading label={t('kpi.uploading', { name: file?.name ?? '' })} />}
        </form>
        {result && <Success>{t('kpi.imported', { count: result.records, evidence: result.evidence })}</Success>}
        {!!failed && problems.length === 0 && (fileProblem ? <div className="notice error" role="alert">{fileProblem}</div> : <ErrorNotice error={failed} />)}
      </Card>
      {problems.length > 0 && <Problems problems={problems} />}
      <Card title={t('kpi.formatTitle')}>
        <p>{t('kpi.formatIntro')}</p>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('kpi.formatTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kpi.col.column')}</th>
                <th scope="col">{t('kpi.col.meaning')}</th>
                <th scope="col">{t('kpi.col.example')}</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((c, i) => (
                <tr key={c}>
                  <th scope="row">
                    <code>{c}</code>
                  </th>
                  <td>{t(`kpi.columns.${c}`)}</td>
                  <td>
                    <code>{EXAMPLE[i]}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('kpi.sample')}</h3>
        <pre className="hr-pre">{`${COLUMNS.join(',')}\n${EXAMPLE.join(',')}\nCS-1101,AHT,2026-07-01,2026-09-30,312,2450`}</pre>
        <h3>{t('kpi.codes')}</h3>
        <ErrorNotice error={defsError} />
        {!defs && !defsError && <Loading />}
        {defs && (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('kpi.codes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kpi.col.code')}</th>
                  <th scope="col">{t('kpi.col.name')}</th>
                  <th scope="col">{t('kpi.col.unit')}</th>
                  <th scope="col">{t('kpi.col.direction')}</th>
                </tr>
              </thead>
              <tbody>
                {defs.kpiDefinitions.map((d) => (
                  <tr key={d.code}>
                    <th scope="row">
                      <code>{d.code}</code>
                    </th>
                    <td>{loc(d.name)}</td>
                    <td>{t(`kpi.unit.${d.unit}`, { defaultValue: d.unit })}</td>
                    <td>{t(`kpi.direction.${d.direction}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </Page>
  );
}

function Problems({ problems }: { problems: LineProblem[] }) {
  const { t, i18n } = useTranslation('hr');
  const paged = usePaged(problems, 20);
  const lines = new Set(problems.map((p) => p.line)).size;
  return (
    <Card title={t('kpi.problemsTitle')}>
      <div className="notice error" role="alert">
        {t('kpi.problemsSummary', { count: problems.length, lines: t('kpi.linesCount', { count: lines }) })}
      </div>
      <div className="table-wrap">
        <table className="hr-problems">
          <caption className="sr-only">{t('kpi.problemsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('kpi.col.line')}</th>
              <th scope="col">{t('kpi.col.column')}</th>
              <th scope="col">{t('kpi.col.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {paged.rows.map((p, i) => (
              <tr key={`${p.line}-${p.column}-${i}`}>
                <th scope="row" className="num">{p.line}</th>
                <td>{p.column ? <code>{p.column}</code> : <span className="muted">{t('kpi.wholeLine')}</span>}</td>
                <td>{kpiProblemText(t, i18n, p.key, p.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={paged.page} pages={paged.pages} setPage={paged.setPage} total={paged.total} />
    </Card>
  );
}
