// HR names the panel of a nominated review: search people by name or
// number, tick them, and set the panel (never the nominee).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useFormat, type Localized } from '../../lib/format';
import { Button, Empty, ErrorNotice, Field, Loading, Success } from '../ui';
import type { Review } from './ReviewDetail';

const CandidatesDoc = graphql(`
  query HrPanelCandidates($text: String!) {
    employees(filter: { text: $text, status: ACTIVE }, first: 20) {
      totalCount
      nodes {
        id
        employeeNumber
        name { en zh }
        position { id name { en zh } }
        team { id name { en zh } }
      }
    }
  }
`);

const SetPanelDoc = graphql(`
  mutation HrSetPromotionPanel($reviewId: ID!, $reviewerIds: [ID!]!) {
    setPromotionPanel(reviewId: $reviewId, reviewerIds: $reviewerIds) {
      id
      status
    }
  }
`);

interface Pick {
  id: string;
  name: Localized;
}

export function PanelEditor({ review, refresh }: { review: Review; refresh: () => void }) {
  const { t } = useTranslation('hr');
  const { loc } = useFormat();
  const [text, setText] = useState('');
  const [searched, setSearched] = useState('');
  const [picked, setPicked] = useState<Pick[]>(() => review.votes.flatMap((v) => (v.reviewer ? [{ id: v.reviewer.id, name: v.reviewer.name }] : [])));
  const [{ data, fetching, error }] = useQuery({ query: CandidatesDoc, variables: { text: searched }, pause: !searched });
  const [setState, setPanel] = useMutation(SetPanelDoc);
  const [done, setDone] = useState(false);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setSearched(text.trim());
  };
  const toggle = (p: Pick, on: boolean) => setPicked((list) => (on ? [...list.filter((x) => x.id !== p.id), p] : list.filter((x) => x.id !== p.id)));
  const save = async () => {
    const res = await setPanel({ reviewId: review.id, reviewerIds: picked.map((p) => p.id) });
    if (!res.error) {
      setDone(true);
      refresh();
    }
  };
  const results = (data?.employees.nodes ?? []).filter((e) => e.id !== review.employee?.id);

  return (
    <div className="promo-form promo-panel-edit">
      <h3>{t('review.panelEdit.heading')}</h3>
      <p className="muted">{t('review.panelEdit.hint')}</p>
      {done && <Success>{t('review.panelEdit.saved')}</Success>}
      <form className="form-row" onSubmit={search} role="search">
        <Field label={t('review.panelEdit.search')}>
          {(id) => <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <div className="field">
          <Button type="submit" busy={fetching}>
            {t('common:search')}
          </Button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {fetching && <Loading />}
      {searched && data && (
        <fieldset className="promo-results">
          <legend>{t('review.panelEdit.results', { text: searched })}</legend>
          {results.length === 0 ? (
            <Empty>{t('review.panelEdit.noResults')}</Empty>
          ) : (
            <ul>
              {results.map((e) => (
                <li key={e.id}>
                  <label>
                    <input type="checkbox" checked={picked.some((p) => p.id === e.id)} onChange={(ev) => toggle({ id: e.id, name: e.name }, ev.target.checked)} />{' '}
                    {loc(e.name)} <span className="muted">
                      · {e.employeeNumber} · {loc(e.position.name)}
                      {e.team ? ` · ${loc(e.team.name)}` : ''}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {data.employees.totalCount > results.length + 1 && <p className="muted">{t('review.panelEdit.more', { count: data.employees.totalCount })}</p>}
        </fieldset>
      )}
      <h4 className="promo-subhead">{t('review.panelEdit.chosen', { count: picked.length })}</h4>
      {picked.length === 0 ? (
        <Empty>{t('review.panelEdit.noneChosen')}</Empty>
      ) : (
        <ul className="promo-chips">
          {picked.map((p) => (
            <li key={p.id}>
              {loc(p.name)}{' '}
              <button type="button" className="btn secondary" aria-label={t('review.panelEdit.remove', { name: loc(p.name) })} onClick={() => toggle(p, false)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={setState.error} />
      <Button variant="primary" busy={setState.fetching} disabled={picked.length === 0} onClick={save}>
        {t('review.panelEdit.submit')}
      </Button>
    </div>
  );
}
