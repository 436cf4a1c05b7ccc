// /team/nominate: nominate a report for promotion — pick the person, one of
// the moves open from their position and say why; the readiness that will be
// frozen with the nomination is shown before sending. Then on to the review.
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { ManagerNominateQuery } from '../../gql/graphql';
import { Button, Card, Empty, ErrorNotice, Field, Loading, Meter, Page } from '../../components/ui';
import { useSession } from '../../auth/session';
import { useFormat } from '../../lib/format';
import { ReadinessBadge } from './common';

const NominateDoc = graphql(`
  query ManagerNominate($managerId: ID!, $picked: ID!, $withPicked: Boolean!) {
    employees(filter: { managerId: $managerId }, first: 100) {
      nodes { ...ManagerNominee }
    }
    picked: employee(id: $picked) @include(if: $withPicked) { ...ManagerNominee }
    nominated: promotionReviews(status: NOMINATED, first: 100) { nodes { ...ManagerOpenReview } }
    inPanel: promotionReviews(status: IN_PANEL, first: 100) { nodes { ...ManagerOpenReview } }
    appealed: promotionReviews(status: APPEALED, first: 100) { nodes { ...ManagerOpenReview } }
  }
  fragment ManagerNominee on Employee {
    id
    name { en zh }
    position { id name { en zh } track { id } }
    nextPositions {
      kind
      to { id name { en zh } level track { id } }
    }
  }
  fragment ManagerOpenReview on PromotionReview {
    id
    status
    employee { id }
    position { id }
  }
`);

const NominateReadinessDoc = graphql(`
  query ManagerNominateReadiness($id: ID!, $target: ID!) {
    employee(id: $id) {
      id
      readiness(targetPositionId: $target) {
        score
        status
        topGaps { en zh }
      }
    }
  }
`);

const NominateMutation = graphql(`
  mutation ManagerNominateForPromotion($employeeId: ID!, $positionId: ID!, $justification: String!) {
    nominateForPromotion(employeeId: $employeeId, positionId: $positionId, justification: $justification) {
      id
      status
    }
  }
`);

type Nominee = ManagerNominateQuery['employees']['nodes'][number];

export function Nominate() {
  const { t } = useTranslation('manager');
  const { viewer } = useSession();
  const [params] = useSearchParams();
  const pre = params.get('employee') ?? '';
  const [{ data, fetching, error }] = useQuery({
    query: NominateDoc,
    variables: { managerId: viewer?.id ?? '', picked: pre || '0', withPicked: !!pre },
    pause: !viewer,
  });
  return (
    <Page title={t('nominate.title')}>
      <p className="muted">{t('nominate.intro')}</p>
      <ErrorNotice error={error} />
      {fetching && !data ? <Loading /> : data && <NominateForm data={data} preselect={pre} />}
    </Page>
  );
}

function NominateForm({ data, preselect }: { data: ManagerNominateQuery; preselect: string }) {
  const { t } = useTranslation('manager');
  const { loc } = useFormat();
  const navigate = useNavigate();
  const people = useMemo(() => {
    const list: Nominee[] = [...data.employees.nodes];
    if (data.picked && !list.some((p) => p.id === data.picked!.id)) list.unshift(data.picked);
    return list;
  }, [data]);
  const open = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of [...data.nominated.nodes, ...data.inPanel.nodes, ...data.appealed.nodes]) {
      if (r.employee) m.set(`${r.employee.id}:${r.position.id}`, r.id);
    }
    return m;
  }, [data]);

  const [employeeId, setEmployeeId] = useState(people.some((p) => p.id === preselect) ? preselect : '');
  const person = people.find((p) => p.id === employeeId);
  const moves = person?.nextPositions ?? [];
  // The next step up their own track first, else the first move still free.
  const firstFree = (p?: Nominee) => {
    const free = p?.nextPositions.filter((m) => !open.has(`${p.id}:${m.to.id}`)) ?? [];
    return (free.find((m) => m.kind === 'PROMOTION' && m.to.track.id === p?.position.track.id) ?? free[0])?.to.id ?? '';
  };
  const [positionId, setPositionId] = useState(() => firstFree(person));
  const [justification, setJustification] = useState('');
  const [invalid, setInvalid] = useState<{ employee?: string; position?: string; justification?: string }>({});
  const [{ fetching, error }, nominate] = useMutation(NominateMutation);
  const existing = person && positionId ? open.get(`${person.id}:${positionId}`) : undefined;

  const [{ data: rd, fetching: rf }] = useQuery({
    query: NominateReadinessDoc,
    variables: { id: employeeId, target: positionId },
    pause: !employeeId || !positionId,
  });
  const readiness = rd?.employee?.readiness;

  const choose = (id: string) => {
    setEmployeeId(id);
    setPositionId(firstFree(people.find((p) => p.id === id)));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = {
      employee: employeeId ? undefined : t('nominate.pickEmployee'),
      position: positionId ? undefined : t('nominate.pickPosition'),
      justification: justification.trim() ? undefined : t('nominate.needJustification'),
    };
    setInvalid(bad);
    if (bad.employee || bad.position || bad.justification || existing) return;
    const res = await nominate({ employeeId, positionId, justification: justification.trim() });
    if (res.data) navigate(`/team/reviews/${res.data.nominateForPromotion.id}`);
  };

  if (people.length === 0) return <Empty>{t('nominate.nobody')}</Empty>;
  return (
    <div className="grid">
      <Card title={t('nominate.formTitle')}>
        <form onSubmit={submit} noValidate>
          <Field label={t('nominate.employee')} error={invalid.employee}>
            {(id) => (
              <select id={id} value={employeeId} onChange={(e) => choose(e.target.value)}>
                <option value="">{t('rate.choose')}</option>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {loc(p.name)} · {loc(p.position.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('nominate.position')} error={invalid.position} hint={person && moves.length === 0 ? t('nominate.noMoves') : undefined}>
            {(id) => (
              <select id={id} value={positionId} disabled={!person || moves.length === 0} onChange={(e) => setPositionId(e.target.value)}>
                <option value="">{t('rate.choose')}</option>
                {moves.map((m) => {
                  const busy = open.has(`${person!.id}:${m.to.id}`);
                  return (
                    <option key={m.to.id} value={m.to.id}>
                      {loc(m.to.name)} · {t(`moveKind.${m.kind}`)}
                      {busy ? ` · ${t('nominate.openExists')}` : ''}
                    </option>
                  );
                })}
              </select>
            )}
          </Field>
          {existing && (
            <div className="notice warn" role="status">
              {t('nominate.alreadyOpen')} <Link to={`/team/reviews/${existing}`}>{t('nominate.viewReview')}</Link>
            </div>
          )}
          <Field label={t('nominate.justification')} hint={t('nominate.justificationHint')} error={invalid.justification}>
            {(id) => <textarea id={id} rows={5} maxLength={4000} value={justification} onChange={(e) => setJustification(e.target.value)} />}
          </Field>
          <ErrorNotice error={error} />
          <Button type="submit" variant="primary" busy={fetching} disabled={!!existing}>
            {t('nominate.submit')}
          </Button>
        </form>
      </Card>
      <Card title={t('nominate.readiness')}>
        {!person || !positionId ? (
          <Empty>{t('nominate.readinessHint')}</Empty>
        ) : rf && !readiness ? (
          <Loading />
        ) : (
          readiness && (
            <div className="stack">
              <p className="muted">{t('nominate.snapshotNote')}</p>
              <div className="mgr-score">
                <strong className="mgr-score-num">{t('person.score100', { score: readiness.score })}</strong>
                <ReadinessBadge status={readiness.status} />
              </div>
              <Meter value={readiness.score} label={t('person.readinessMeter', { score: readiness.score })} />
              {readiness.topGaps.length > 0 && (
                <>
                  <h3>{t('person.topGaps')}</h3>
                  <ul className="mgr-gaps">
                    {readiness.topGaps.slice(0, 5).map((g, i) => (
                      <li key={i}>{loc(g)}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )
        )}
      </Card>
    </div>
  );
}
