// /admin/ladder: the career ladder editor. Tracks and positions, what each
// position requires of whoever moves into it, and the allowed moves between
// positions, drawn as a graph. One query loads the whole screen.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AdminLadderQuery, MoveKind, RequirementInput, RequirementKind } from '../../gql/graphql';
import { Badge, Button, Card, Dialog, Empty, ErrorNotice, Field, Loading, Page, Pager, Success, usePaged } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { BilingualFields, ConfirmDialog, codeOf, type Bilingual } from './shared';
import { MoveGraph } from './MoveGraph';

export const LadderDoc = graphql(`
  query AdminLadder {
    tracks(includeArchived: true) {
      id
      code
      name { en zh }
      description { en zh }
      archived
    }
    positions(includeArchived: true) {
      id
      code
      name { en zh }
      description { en zh }
      responsibilities { en zh }
      level
      archived
      track { id }
      requirements {
        id
        kind
        competency { id code name { en zh } }
        minLevel
        minMonths
        minRating
        course { id code title { en zh } }
        kpi { code name { en zh } unit direction }
        kpiThreshold
        kpiMonths
      }
      nextPositions {
        kind
        to { id }
      }
    }
    competencies {
      id
      code
      name { en zh }
    }
    courses(first: 100, filter: { statuses: [PUBLISHED, DRAFT] }) {
      nodes {
        id
        code
        title { en zh }
        certification
      }
    }
    kpiDefinitions {
      code
      name { en zh }
      unit
      direction
    }
    competencyFramework {
      version
      maxLevel
      levels {
        level
        name { en zh }
      }
    }
  }
`);

const CreateTrackDoc = graphql(`
  mutation AdminCreateTrack($input: TrackInput!) {
    createTrack(input: $input) { id }
  }
`);
const UpdateTrackDoc = graphql(`
  mutation AdminUpdateTrack($id: ID!, $input: TrackInput!) {
    updateTrack(id: $id, input: $input) { id }
  }
`);
const ArchiveTrackDoc = graphql(`
  mutation AdminArchiveTrack($id: ID!) {
    archiveTrack(id: $id) { id archived }
  }
`);
const CreatePositionDoc = graphql(`
  mutation AdminCreatePosition($input: PositionInput!) {
    createPosition(input: $input) { id }
  }
`);
const UpdatePositionDoc = graphql(`
  mutation AdminUpdatePosition($id: ID!, $input: PositionInput!) {
    updatePosition(id: $id, input: $input) { id }
  }
`);
const ArchivePositionDoc = graphql(`
  mutation AdminArchivePosition($id: ID!) {
    archivePosition(id: $id) { id archived }
  }
`);
const SetRequirementsDoc = graphql(`
  mutation AdminSetRequirements($positionId: ID!, $requirements: [RequirementInput!]!) {
    setPositionRequirements(positionId: $positionId, requirements: $requirements) {
      id
      requirements { id kind }
    }
  }
`);
const AddMoveDoc = graphql(`
  mutation AdminAddMove($from: ID!, $to: ID!, $kind: MoveKind!) {
    addPositionMove(fromPositionId: $from, toPositionId: $to, kind: $kind) { kind }
  }
`);
const RemoveMoveDoc = graphql(`
  mutation AdminRemoveMove($from: ID!, $to: ID!) {
    removePositionMove(fromPositionId: $from, toPositionId: $to)
  }
`);

type Data = AdminLadderQuery;
type Track = Data['tracks'][number];
type Position = Data['positions'][number];
type Requirement = Position['requirements'][number];

export const requirementKinds: RequirementKind[] = ['COMPETENCY', 'MONTHS_IN_POSITION', 'PERFORMANCE_RATING', 'COURSE', 'CERTIFICATION', 'KPI'];

/** What the server needs to keep a requirement as it is. */
export function toInput(r: Requirement): RequirementInput {
  switch (r.kind) {
    case 'COMPETENCY':
      return { kind: r.kind, competencyId: r.competency?.id, minLevel: r.minLevel };
    case 'MONTHS_IN_POSITION':
      return { kind: r.kind, minMonths: r.minMonths };
    case 'PERFORMANCE_RATING':
      return { kind: r.kind, minRating: r.minRating };
    case 'COURSE':
    case 'CERTIFICATION':
      return { kind: r.kind, courseId: r.course?.id };
    case 'KPI':
      return { kind: r.kind, kpiCode: r.kpi?.code, kpiThreshold: r.kpiThreshold, kpiMonths: r.kpiMonths };
  }
}

/** One requirement in words, in the viewer's language. */
export function useDescribeRequirement(levels: { level: number; name: Bilingual }[]) {
  const { t } = useTranslation('admin');
  const { loc, num } = useFormat();
  return (r: Requirement): string => {
    switch (r.kind) {
      case 'COMPETENCY': {
        const l = levels.find((x) => x.level === r.minLevel);
        return t('ladder.req.text.COMPETENCY', { name: r.competency ? loc(r.competency.name) : '?', level: r.minLevel, levelName: l ? loc(l.name) : '' });
      }
      case 'MONTHS_IN_POSITION':
        return t('ladder.req.text.MONTHS_IN_POSITION', { count: r.minMonths ?? 0 });
      case 'PERFORMANCE_RATING':
        return t('ladder.req.text.PERFORMANCE_RATING', { rating: num(r.minRating, 1) });
      case 'COURSE':
      case 'CERTIFICATION':
        return t(`ladder.req.text.${r.kind}`, { code: r.course?.code ?? '?', title: r.course ? loc(r.course.title) : '' });
      case 'KPI':
        return t('ladder.req.text.KPI', {
          name: r.kpi ? loc(r.kpi.name) : '?',
          op: r.kpi?.direction === 'LOWER_IS_BETTER' ? '≤' : '≥',
          value: num(r.kpiThreshold, 2),
          unit: r.kpi ? t(`ladder.unit.${r.kpi.unit}`, { defaultValue: r.kpi.unit }) : '',
          count: r.kpiMonths ?? 0,
        });
    }
  };
}

export function LadderPage() {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: LadderDoc });
  const [done, setDone] = useState<string | null>(null);
  const [trackFilter, setTrackFilter] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [trackDialog, setTrackDialog] = useState<Track | 'new' | null>(null);
  const [positionDialog, setPositionDialog] = useState<Position | 'new' | null>(null);
  const [archiveTrack, setArchiveTrack] = useState<Track | null>(null);
  const [archivePosition, setArchivePosition] = useState<Position | null>(null);

  const tracks = useMemo(() => data?.tracks ?? [], [data]);
  const positions = useMemo(() => data?.positions ?? [], [data]);
  const open = positions.filter((p) => !p.archived);
  const moves = useMemo(
    () => positions.filter((p) => !p.archived).flatMap((p) => p.nextPositions.map((m) => ({ kind: m.kind, fromId: p.id, toId: m.to.id }))),
    [positions],
  );
  const shownPositions = positions.filter((p) => (showArchived || !p.archived) && (!trackFilter || p.track.id === trackFilter));
  const trackPage = usePaged(tracks, 8);
  const positionPage = usePaged(shownPositions, 10);
  const selected = positions.find((p) => p.id === selectedId) ?? null;
  const trackName = (id: string) => {
    const tr = tracks.find((x) => x.id === id);
    return tr ? loc(tr.name) : '';
  };

  const refresh = (message: string) => {
    setDone(message);
    reexecute({ requestPolicy: 'network-only' });
  };

  if (!data && fetching) return <Page title={t('ladder.title')}><Loading /></Page>;

  return (
    <Page title={t('ladder.title')}>
      <ErrorNotice error={error} />
      {done && <Success>{done}</Success>}
      {data && (
        <>
          <Card title={t('ladder.graph.heading')}>
            <MoveGraph
              tracks={tracks.filter((x) => !x.archived).map((x) => ({ id: x.id, name: x.name }))}
              positions={open.map((p) => ({ id: p.id, code: p.code, name: p.name, level: p.level, trackId: p.track.id }))}
              moves={moves}
            />
          </Card>

          <Card title={t('ladder.tracks.title')} actions={<Button onClick={() => setTrackDialog('new')}>{t('ladder.tracks.add')}</Button>}>
            <div className="table-wrap">
              <table>
                <caption className="sr-only">{t('ladder.tracks.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('form.name')}</th>
                    <th scope="col">{t('form.code')}</th>
                    <th scope="col" className="num">
                      {t('ladder.tracks.positions')}
                    </th>
                    <th scope="col">{t('form.status')}</th>
                    <th scope="col">{t('common:actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {trackPage.rows.map((tr) => (
                    <tr key={tr.id}>
                      <th scope="row">{loc(tr.name)}</th>
                      <td className="admin-code">{tr.code}</td>
                      <td className="num">{positions.filter((p) => p.track.id === tr.id && !p.archived).length}</td>
                      <td>{tr.archived ? <Badge tone="warn">{t('form.archived')}</Badge> : <Badge tone="ok">{t('form.active')}</Badge>}</td>
                      <td className="admin-buttons">
                        <Button onClick={() => setTrackDialog(tr)} aria-label={t('ladder.tracks.editNamed', { name: loc(tr.name) })}>
                          {t('form.edit')}
                        </Button>
                        {!tr.archived && (
                          <Button onClick={() => setArchiveTrack(tr)} aria-label={t('ladder.tracks.archiveNamed', { name: loc(tr.name) })}>
                            {t('form.archive')}
                          </Button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager {...trackPage} />
          </Card>

          <Card title={t('ladder.positions.title')} actions={<Button onClick={() => setPositionDialog('new')}>{t('ladder.positions.add')}</Button>}>
            <div className="form-row">
              <Field label={t('ladder.positions.track')}>
                {(id) => (
                  <select id={id} value={trackFilter} onChange={(e) => setTrackFilter(e.target.value)}>
                    <option value="">{t('ladder.positions.allTracks')}</option>
                    {tracks.map((tr) => (
                      <option key={tr.id} value={tr.id}>
                        {loc(tr.name)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <label className="admin-check">
                <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> {t('ladder.positions.showArchived')}
              </label>
            </div>
            {positionPage.total === 0 ? (
              <Empty>{t('ladder.positions.none')}</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">{t('ladder.positions.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('form.name')}</th>
                      <th scope="col">{t('ladder.positions.track')}</th>
                      <th scope="col" className="num">
                        {t('ladder.positions.level')}
                      </th>
                      <th scope="col" className="num">
                        {t('ladder.positions.requirements')}
                      </th>
                      <th scope="col" className="num">
                        {t('ladder.positions.moves')}
                      </th>
                      <th scope="col">{t('common:actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {positionPage.rows.map((p) => (
                      <tr key={p.id} className={selected?.id === p.id ? 'admin-current' : undefined} aria-current={selected?.id === p.id ? 'true' : undefined}>
                        <th scope="row">
                          {loc(p.name)} {p.archived && <Badge tone="warn">{t('form.archived')}</Badge>}
                          <div className="muted admin-code">{p.code}</div>
                        </th>
                        <td>{trackName(p.track.id)}</td>
                        <td className="num">{p.level}</td>
                        <td className="num">{p.requirements.length}</td>
                        <td className="num">{p.nextPositions.length}</td>
                        <td className="admin-buttons">
                          <Button variant="primary" onClick={() => setSelectedId(p.id)} aria-label={t('ladder.positions.openNamed', { name: loc(p.name) })}>
                            {t('ladder.positions.open')}
                          </Button>
                          <Button onClick={() => setPositionDialog(p)} aria-label={t('ladder.positions.editNamed', { name: loc(p.name) })}>
                            {t('form.edit')}
                          </Button>
                          {!p.archived && (
                            <Button onClick={() => setArchivePosition(p)} aria-label={t('ladder.positions.archiveNamed', { name: loc(p.name) })}>
                              {t('form.archive')}
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager {...positionPage} />
          </Card>

          {selected && <PositionEditor key={selected.id} position={selected} data={data} onDone={refresh} />}

          <TrackDialog
            track={trackDialog}
            order={trackDialog === 'new' ? tracks.length + 1 : tracks.findIndex((x) => x === trackDialog) + 1}
            onClose={() => setTrackDialog(null)}
            onDone={(m) => {
              setTrackDialog(null);
              refresh(m);
            }}
          />
          <PositionDialog
            position={positionDialog}
            tracks={tracks.filter((x) => !x.archived)}
            defaultTrack={trackFilter}
            onClose={() => setPositionDialog(null)}
            onDone={(m, id) => {
              setPositionDialog(null);
              setSelectedId(id);
              refresh(m);
            }}
          />
          {archiveTrack && (
            <ArchiveTrack
              track={archiveTrack}
              onClose={() => setArchiveTrack(null)}
              onDone={(m) => {
                setArchiveTrack(null);
                refresh(m);
              }}
            />
          )}
          {archivePosition && (
            <ArchivePosition
              position={archivePosition}
              onClose={() => setArchivePosition(null)}
              onDone={(m) => {
                setArchivePosition(null);
                refresh(m);
              }}
            />
          )}
        </>
      )}
    </Page>
  );
}

interface ReqDraft {
  kind: RequirementKind;
  competencyId: string;
  minLevel: string;
  minMonths: string;
  minRating: string;
  courseId: string;
  kpiCode: string;
  kpiThreshold: string;
  kpiMonths: string;
}

const emptyDraft: ReqDraft = { kind: 'COMPETENCY', competencyId: '', minLevel: '', minMonths: '', minRating: '', courseId: '', kpiCode: '', kpiThreshold: '', kpiMonths: '6' };

function draftOf(r: Requirement): ReqDraft {
  return {
    kind: r.kind,
    competencyId: r.competency?.id ?? '',
    minLevel: r.minLevel != null ? String(r.minLevel) : '',
    minMonths: r.minMonths != null ? String(r.minMonths) : '',
    minRating: r.minRating != null ? String(r.minRating) : '',
    courseId: r.course?.id ?? '',
    kpiCode: r.kpi?.code ?? '',
    kpiThreshold: r.kpiThreshold != null ? String(r.kpiThreshold) : '',
    kpiMonths: r.kpiMonths != null ? String(r.kpiMonths) : '6',
  };
}

/** The form's requirement as the server wants it, or the names of the missing fields. */
export function inputOf(d: ReqDraft): { input?: RequirementInput; missing: string[] } {
  const need = (v: string) => v.trim() !== '' && !Number.isNaN(Number(v));
  const missing: string[] = [];
  let input: RequirementInput;
  switch (d.kind) {
    case 'COMPETENCY':
      if (!d.competencyId) missing.push('competencyId');
      if (!need(d.minLevel)) missing.push('minLevel');
      input = { kind: d.kind, competencyId: d.competencyId, minLevel: Number(d.minLevel) };
      break;
    case 'MONTHS_IN_POSITION':
      if (!need(d.minMonths)) missing.push('minMonths');
      input = { kind: d.kind, minMonths: Number(d.minMonths) };
      break;
    case 'PERFORMANCE_RATING':
      if (!need(d.minRating)) missing.push('minRating');
      input = { kind: d.kind, minRating: Number(d.minRating) };
      break;
    case 'COURSE':
    case 'CERTIFICATION':
      if (!d.courseId) missing.push('courseId');
      input = { kind: d.kind, courseId: d.courseId };
      break;
    case 'KPI':
      if (!d.kpiCode) missing.push('kpiCode');
      if (!need(d.kpiThreshold)) missing.push('kpiThreshold');
      if (!need(d.kpiMonths)) missing.push('kpiMonths');
      input = { kind: d.kind, kpiCode: d.kpiCode, kpiThreshold: Number(d.kpiThreshold), kpiMonths: Number(d.kpiMonths) };
      break;
  }
  return missing.length ? { missing } : { input, missing };
}

function PositionEditor({ position, data, onDone }: { position: Position; data: Data; onDone: (message: string) => void }) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const levels = data.competencyFramework?.levels ?? [];
  const describe = useDescribeRequirement(levels);
  const reqs = usePaged(position.requirements, 8);
  const [editing, setEditing] = useState<number | null>(null); // index being changed; null: adding
  const [form, setForm] = useState<ReqDraft>(emptyDraft);
  const [missing, setMissing] = useState<string[]>([]);
  const [{ fetching: saving, error: saveError }, setRequirements] = useMutation(SetRequirementsDoc);
  const [{ fetching: adding, error: addError }, addMove] = useMutation(AddMoveDoc);
  const [{ fetching: removing, error: removeError }, removeMove] = useMutation(RemoveMoveDoc);
  const [moveKind, setMoveKind] = useState<MoveKind>('PROMOTION');
  const [moveTo, setMoveTo] = useState('');
  const [moveChecked, setMoveChecked] = useState(false);
  const byId = new Map(data.positions.map((p) => [p.id, p]));
  const name = (id: string) => {
    const p = byId.get(id);
    return p ? loc(p.name) : '?';
  };
  const incoming = data.positions.filter((p) => !p.archived).flatMap((p) => p.nextPositions.filter((m) => m.to.id === position.id).map((m) => ({ kind: m.kind, from: p.id })));
  const targets = data.positions.filter(
    (p) =>
      !p.archived &&
      p.id !== position.id &&
      (moveKind === 'PROMOTION' ? p.level > position.level : p.level === position.level && p.track.id !== position.track.id),
  );

  const save = async (list: RequirementInput[], message: string) => {
    const res = await setRequirements({ positionId: position.id, requirements: list });
    if (!res.error) {
      setEditing(null);
      setForm(emptyDraft);
      setMissing([]);
      onDone(message);
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { input, missing: m } = inputOf(form);
    setMissing(m);
    if (!input) return;
    const current = position.requirements.map(toInput);
    const list = editing == null ? [...current, input] : current.map((r, i) => (i === editing ? input : r));
    await save(list, t(editing == null ? 'ladder.req.added' : 'ladder.req.changed', { name: loc(position.name) }));
  };
  const remove = (index: number) =>
    save(
      position.requirements.filter((_, i) => i !== index).map(toInput),
      t('ladder.req.removed', { name: loc(position.name) }),
    );
  const set = (patch: Partial<ReqDraft>) => setForm({ ...form, ...patch });
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Opening a position brings its editor into view.
    const h = top.current?.closest('section')?.querySelector('h2');
    if (h) {
      h.setAttribute('tabindex', '-1');
      h.focus();
      h.scrollIntoView?.({ block: 'start' });
    }
  }, []);
  const err = (f: string) => (missing.includes(f) ? t('form.required') : undefined);

  return (
    <Card title={t('ladder.editor.title', { name: loc(position.name) })} id="admin-position">
      <div ref={top} />
      <p className="muted">
        {position.code} · {t('ladder.editor.levelOf', { level: position.level })} · {loc(data.tracks.find((x) => x.id === position.track.id)?.name)}
      </p>
      <h3>{t('ladder.req.title')}</h3>
      {position.requirements.length === 0 ? (
        <Empty>{t('ladder.req.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('ladder.req.caption', { name: loc(position.name) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ladder.req.kind')}</th>
                <th scope="col">{t('ladder.req.what')}</th>
                <th scope="col">{t('common:actions')}</th>
              </tr>
            </thead>
            <tbody>
              {reqs.rows.map((r) => {
                const index = position.requirements.indexOf(r);
                const text = describe(r);
                return (
                  <tr key={r.id} className={editing === index ? 'admin-current' : undefined}>
                    <th scope="row">{t(`ladder.req.kinds.${r.kind}`)}</th>
                    <td>{text}</td>
                    <td className="admin-buttons">
                      <Button
                        aria-label={t('ladder.req.changeNamed', { what: text })}
                        onClick={() => {
                          setEditing(index);
                          setForm(draftOf(r));
                          setMissing([]);
                        }}
                      >
                        {t('ladder.req.change')}
                      </Button>
                      <Button aria-label={t('ladder.req.removeNamed', { what: text })} busy={saving} onClick={() => remove(index)}>
                        {t('ladder.req.remove')}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager {...reqs} />

      <form onSubmit={submit} noValidate className="admin-subform" aria-label={editing == null ? t('ladder.req.addTitle') : t('ladder.req.changeTitle')}>
        <h3>{editing == null ? t('ladder.req.addTitle') : t('ladder.req.changeTitle')}</h3>
        <div className="form-row">
          <Field label={t('ladder.req.kind')}>
            {(id) => (
              <select id={id} value={form.kind} disabled={editing != null} onChange={(e) => setForm({ ...emptyDraft, kind: e.target.value as RequirementKind })}>
                {requirementKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`ladder.req.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {form.kind === 'COMPETENCY' && (
            <>
              <Field label={t('ladder.req.competency')} error={err('competencyId')}>
                {(id) => (
                  <select id={id} value={form.competencyId} onChange={(e) => set({ competencyId: e.target.value })}>
                    <option value="">{t('form.choose')}</option>
                    {data.competencies.map((c) => (
                      <option key={c.id} value={c.id}>
                        {loc(c.name)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('ladder.req.minLevel')} error={err('minLevel')}>
                {(id) => (
                  <select id={id} value={form.minLevel} onChange={(e) => set({ minLevel: e.target.value })}>
                    <option value="">{t('form.choose')}</option>
                    {levels.map((l) => (
                      <option key={l.level} value={l.level}>
                        {l.level} · {loc(l.name)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </>
          )}
          {form.kind === 'MONTHS_IN_POSITION' && (
            <Field label={t('ladder.req.minMonths')} error={err('minMonths')}>
              {(id) => <input id={id} type="number" min={0} max={600} value={form.minMonths} onChange={(e) => set({ minMonths: e.target.value })} />}
            </Field>
          )}
          {form.kind === 'PERFORMANCE_RATING' && (
            <Field label={t('ladder.req.minRating')} hint={t('ladder.req.minRatingHint')} error={err('minRating')}>
              {(id) => <input id={id} type="number" min={0.1} max={5} step={0.1} value={form.minRating} onChange={(e) => set({ minRating: e.target.value })} />}
            </Field>
          )}
          {(form.kind === 'COURSE' || form.kind === 'CERTIFICATION') && (
            <Field label={form.kind === 'COURSE' ? t('ladder.req.course') : t('ladder.req.certification')} error={err('courseId')}>
              {(id) => (
                <select id={id} value={form.courseId} onChange={(e) => set({ courseId: e.target.value })}>
                  <option value="">{t('form.choose')}</option>
                  {data.courses.nodes
                    .filter((c) => form.kind === 'COURSE' || c.certification)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.code} · {loc(c.title)}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          )}
          {form.kind === 'KPI' && (
            <>
              <Field label={t('ladder.req.kpi')} error={err('kpiCode')}>
                {(id) => (
                  <select id={id} value={form.kpiCode} onChange={(e) => set({ kpiCode: e.target.value })}>
                    <option value="">{t('form.choose')}</option>
                    {data.kpiDefinitions.map((k) => (
                      <option key={k.code} value={k.code}>
                        {loc(k.name)} ({t(`ladder.unit.${k.unit}`, { defaultValue: k.unit })}, {t(`ladder.direction.${k.direction}`)})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('ladder.req.kpiThreshold')} error={err('kpiThreshold')}>
                {(id) => <input id={id} type="number" min={0} step="any" value={form.kpiThreshold} onChange={(e) => set({ kpiThreshold: e.target.value })} />}
              </Field>
              <Field label={t('ladder.req.kpiMonths')} error={err('kpiMonths')}>
                {(id) => <input id={id} type="number" min={1} max={24} value={form.kpiMonths} onChange={(e) => set({ kpiMonths: e.target.value })} />}
              </Field>
            </>
          )}
        </div>
        <ErrorNotice error={saveError} />
        <div className="admin-buttons">
          <button type="submit" className="btn primary" disabled={saving} aria-busy={saving || undefined}>
            {editing == null ? t('ladder.req.add') : t('ladder.req.saveChange')}
          </button>
          {editing != null && (
            <Button
              onClick={() => {
                setEditing(null);
                setForm(emptyDraft);
                setMissing([]);
              }}
            >
              {t('common:cancel')}
            </Button>
          )}
        </div>
      </form>

      <h3>{t('ladder.moves.title')}</h3>
      <div className="grid">
        <div>
          <h4>{t('ladder.moves.outgoing')}</h4>
          {position.nextPositions.length === 0 ? (
            <Empty>{t('ladder.moves.noneOut')}</Empty>
          ) : (
            <ul className="admin-movelist">
              {position.nextPositions.map((m) => (
                <li key={m.to.id}>
                  <span>
                    {t('ladder.graph.move', { from: loc(position.name), to: name(m.to.id), kind: t(`ladder.moveKind.${m.kind}`) })}
                  </span>
                  <Button
                    busy={removing}
                    aria-label={t('ladder.moves.removeNamed', { to: name(m.to.id) })}
                    onClick={async () => {
                      const res = await removeMove({ from: position.id, to: m.to.id });
                      if (!res.error) onDone(t('ladder.moves.removed'));
                    }}
                  >
                    {t('ladder.moves.remove')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4>{t('ladder.moves.incoming')}</h4>
          {incoming.length === 0 ? (
            <Empty>{t('ladder.moves.noneIn')}</Empty>
          ) : (
            <ul className="admin-movelist">
              {incoming.map((m) => (
                <li key={m.from}>
                  {t('ladder.graph.move', { from: name(m.from), to: loc(position.name), kind: t(`ladder.moveKind.${m.kind}`) })}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <ErrorNotice error={removeError} />
      <form
        className="admin-subform"
        noValidate
        aria-label={t('ladder.moves.addTitle')}
        onSubmit={async (e) => {
          e.preventDefault();
          setMoveChecked(true);
          if (!moveTo) return;
          const res = await addMove({ from: position.id, to: moveTo, kind: moveKind });
          if (!res.error) {
            setMoveTo('');
            setMoveChecked(false);
            onDone(t('ladder.moves.added'));
          }
        }}
      >
        <h4>{t('ladder.moves.addTitle')}</h4>
        <div className="form-row">
          <Field label={t('ladder.moves.kind')}>
            {(id) => (
              <select
                id={id}
                value={moveKind}
                onChange={(e) => {
                  setMoveKind(e.target.value as MoveKind);
                  setMoveTo('');
                }}
              >
                <option value="PROMOTION">{t('ladder.moves.kindOption.PROMOTION')}</option>
                <option value="LATERAL">{t('ladder.moves.kindOption.LATERAL')}</option>
              </select>
            )}
          </Field>
          <Field label={t('ladder.moves.to')} hint={t(`ladder.moves.hint.${moveKind}`)} error={moveChecked && !moveTo ? t('form.required') : undefined}>
            {(id) => (
              <select id={id} value={moveTo} onChange={(e) => setMoveTo(e.target.value)}>
                <option value="">{t('form.choose')}</option>
                {targets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {loc(p.name)} ({t('ladder.editor.levelOf', { level: p.level })})
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <ErrorNotice error={addError} />
        <button type="submit" className="btn primary" disabled={adding} aria-busy={adding || undefined}>
          {t('ladder.moves.add')}
        </button>
      </form>
    </Card>
  );
}

function TrackDialog({ track, order, onClose, onDone }: { track: Track | 'new' | null; order: number; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [code, setCode] = useState('');
  const [name, setName] = useState<Bilingual>({ en: '', zh: '' });
  const [description, setDescription] = useState<Bilingual>({ en: '', zh: '' });
  const [checked, setChecked] = useState(false);
  const [prev, setPrev] = useState<typeof track>(null);
  const [{ fetching: creating, error: createError }, create] = useMutation(CreateTrackDoc);
  const [{ fetching: updating, error: updateError }, update] = useMutation(UpdateTrackDoc);
  if (track !== prev) {
    setPrev(track);
    const x = track && track !== 'new' ? track : null;
    setCode(x?.code ?? '');
    setName({ en: x?.name.en ?? '', zh: x?.name.zh ?? '' });
    setDescription({ en: x?.description.en ?? '', zh: x?.description.zh ?? '' });
    setChecked(false);
  }
  const editing = track && track !== 'new' ? track : null;
  const need = t('form.required');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!code.trim() || !name.en.trim() || !name.zh.trim()) return;
    const input = { code: codeOf(code), nameEn: name.en.trim(), nameZh: name.zh.trim(), descriptionEn: description.en.trim(), descriptionZh: description.zh.trim(), sortOrder: order };
    const res = editing ? await update({ id: editing.id, input }) : await create({ input });
    if (!res.error) onDone(t('ladder.tracks.saved', { name: loc(name) }));
  };
  return (
    <Dialog open={track !== null} title={editing ? t('ladder.tracks.editTitle') : t('ladder.tracks.add')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label={t('form.code')} hint={t('form.codeHint')} error={checked && !code.trim() ? need : undefined}>
          {(id) => <input id={id} value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <BilingualFields label={t('form.name')} value={name} required onChange={setName} errors={checked ? { en: name.en.trim() ? undefined : need, zh: name.zh.trim() ? undefined : need } : undefined} />
        <BilingualFields label={t('form.description')} value={description} multiline onChange={setDescription} />
        <ErrorNotice error={editing ? updateError : createError} />
        <div className="admin-buttons">
          <button type="submit" className="btn primary" disabled={creating || updating} aria-busy={creating || updating || undefined}>
            {t('common:save')}
          </button>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}

function PositionDialog({
  position,
  tracks,
  defaultTrack,
  onClose,
  onDone,
}: {
  position: Position | 'new' | null;
  tracks: Track[];
  defaultTrack: string;
  onClose: () => void;
  onDone: (m: string, id: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [code, setCode] = useState('');
  const [trackId, setTrackId] = useState('');
  const [level, setLevel] = useState('1');
  const [name, setName] = useState<Bilingual>({ en: '', zh: '' });
  const [description, setDescription] = useState<Bilingual>({ en: '', zh: '' });
  const [resp, setResp] = useState<Bilingual>({ en: '', zh: '' });
  const [checked, setChecked] = useState(false);
  const [prev, setPrev] = useState<typeof position>(null);
  const [{ fetching: creating, error: createError }, create] = useMutation(CreatePositionDoc);
  const [{ fetching: updating, error: updateError }, update] = useMutation(UpdatePositionDoc);
  if (position !== prev) {
    setPrev(position);
    const x = position && position !== 'new' ? position : null;
    setCode(x?.code ?? '');
    setTrackId(x?.track.id ?? (defaultTrack || tracks[0]?.id || ''));
    setLevel(String(x?.level ?? 1));
    setName({ en: x?.name.en ?? '', zh: x?.name.zh ?? '' });
    setDescription({ en: x?.description.en ?? '', zh: x?.description.zh ?? '' });
    setResp({ en: x?.responsibilities.en ?? '', zh: x?.responsibilities.zh ?? '' });
    setChecked(false);
  }
  const editing = position && position !== 'new' ? position : null;
  const need = t('form.required');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!code.trim() || !trackId || !name.en.trim() || !name.zh.trim()) return;
    const input = {
      code: codeOf(code),
      trackId,
      level: Number(level),
      nameEn: name.en.trim(),
      nameZh: name.zh.trim(),
      descriptionEn: description.en.trim(),
      descriptionZh: description.zh.trim(),
      responsibilitiesEn: resp.en.trim(),
      responsibilitiesZh: resp.zh.trim(),
    };
    if (editing) {
      const res = await update({ id: editing.id, input });
      if (!res.error && res.data) onDone(t('ladder.positions.saved', { name: loc(name) }), res.data.updatePosition.id);
    } else {
      const res = await create({ input });
      if (!res.error && res.data) onDone(t('ladder.positions.saved', { name: loc(name) }), res.data.createPosition.id);
    }
  };
  return (
    <Dialog open={position !== null} title={editing ? t('ladder.positions.editTitle', { name: loc(editing.name) }) : t('ladder.positions.add')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="form-row">
          <Field label={t('form.code')} hint={t('form.codeHint')} error={checked && !code.trim() ? need : undefined}>
            {(id) => <input id={id} value={code} onChange={(e) => setCode(e.target.value)} />}
          </Field>
          <Field label={t('ladder.positions.track')}>
            {(id) => (
              <select id={id} value={trackId} onChange={(e) => setTrackId(e.target.value)}>
                {tracks.map((x) => (
                  <option key={x.id} value={x.id}>
                    {loc(x.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('ladder.positions.level')} hint={t('ladder.positions.levelHint')}>
            {(id) => (
              <select id={id} value={level} onChange={(e) => setLevel(e.target.value)}>
                {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <BilingualFields label={t('form.name')} value={name} required onChange={setName} errors={checked ? { en: name.en.trim() ? undefined : need, zh: name.zh.trim() ? undefined : need } : undefined} />
        <BilingualFields label={t('form.description')} value={description} multiline onChange={setDescription} />
        <BilingualFields label={t('ladder.positions.responsibilities')} value={resp} multiline onChange={setResp} />
        <ErrorNotice error={editing ? updateError : createError} />
        <div className="admin-buttons">
          <button type="submit" className="btn primary" disabled={creating || updating} aria-busy={creating || updating || undefined}>
            {t('common:save')}
          </button>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}

function ArchiveTrack({ track, onClose, onDone }: { track: Track; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [{ fetching, error }, archive] = useMutation(ArchiveTrackDoc);
  return (
    <ConfirmDialog
      open
      title={t('ladder.tracks.archiveTitle', { name: loc(track.name) })}
      body={t('ladder.tracks.archiveBody')}
      confirm={t('form.archive')}
      danger
      busy={fetching}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        const res = await archive({ id: track.id });
        if (!res.error) onDone(t('ladder.tracks.archived', { name: loc(track.name) }));
      }}
    />
  );
}

function ArchivePosition({ position, onClose, onDone }: { position: Position; onClose: () => void; onDone: (m: string) => void }) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [{ fetching, error }, archive] = useMutation(ArchivePositionDoc);
  return (
    <ConfirmDialog
      open
      title={t('ladder.positions.archiveTitle', { name: loc(position.name) })}
      body={t('ladder.positions.archiveBody')}
      confirm={t('form.archive')}
      danger
      busy={fetching}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        const res = await archive({ id: position.id });
        if (!res.error) onDone(t('ladder.positions.archived', { name: loc(position.name) }));
      }}
    />
  );
}
