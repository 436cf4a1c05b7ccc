// /admin/framework: the competency framework editor. Every edit goes to the
// one draft (the first edit after a publish copies the published version into
// a new draft); publishing puts the draft in force and retires the version it
// replaces. Competency ids stay the same across versions.
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { AdminFrameworkFieldsFragment, FrameworkStatus } from '../../gql/graphql';
import { Badge, Button, Card, Dialog, Empty, ErrorNotice, Field, Loading, Page, Pager, Success, usePaged } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { BilingualFields, BothLanguages, ConfirmDialog, codeOf, type Bilingual } from './shared';

graphql(`
  fragment AdminFrameworkFields on CompetencyFramework {
    version
    status
    maxLevel
    notes
    publishedAt
    levels {
      level
      name { en zh }
      description { en zh }
    }
    categories {
      id
      code
      name { en zh }
      competencies {
        id
        code
        name { en zh }
        description { en zh }
        indicators {
          level
          levelName { en zh }
          text { en zh }
          specific
        }
      }
    }
  }
`);

export const FrameworkDoc = graphql(`
  query AdminFramework {
    competencyFrameworks {
      version
      status
      publishedAt
      notes
    }
    published: competencyFramework {
      ...AdminFrameworkFields
    }
    draft: competencyFramework(draft: true) {
      ...AdminFrameworkFields
    }
  }
`);

const CreateCategoryDoc = graphql(`
  mutation AdminCreateCategory($input: CompetencyCategoryInput!) {
    createCompetencyCategory(input: $input) {
      id
      code
    }
  }
`);

const CreateCompetencyDoc = graphql(`
  mutation AdminCreateCompetency($input: CompetencyInput!) {
    createCompetency(input: $input) {
      id
      code
    }
  }
`);

const UpdateCompetencyDoc = graphql(`
  mutation AdminUpdateCompetency($id: ID!, $input: CompetencyInput!) {
    updateCompetency(id: $id, input: $input) {
      id
      code
      name { en zh }
    }
  }
`);

const ArchiveCompetencyDoc = graphql(`
  mutation AdminArchiveCompetency($id: ID!) {
    archiveCompetency(id: $id) {
      id
      archived
    }
  }
`);

const SetScaleDoc = graphql(`
  mutation AdminSetScale($levels: [ProficiencyLevelInput!]!) {
    setProficiencyScale(levels: $levels) {
      version
      maxLevel
    }
  }
`);

const SetIndicatorsDoc = graphql(`
  mutation AdminSetIndicators($id: ID!, $indicators: [CompetencyIndicatorInput!]!) {
    setCompetencyIndicators(id: $id, indicators: $indicators) {
      id
      indicators {
        level
        text { en zh }
        specific
      }
    }
  }
`);

const PublishDoc = graphql(`
  mutation AdminPublishFramework($notes: String) {
    publishCompetencyFramework(notes: $notes) {
      version
      status
      publishedAt
    }
  }
`);

type Framework = AdminFrameworkFieldsFragment;
type Category = Framework['categories'][number];
export type FrameworkCompetency = Category['competencies'][number] & { categoryCode: string; categoryName: Bilingual; place: number };

const statusTone: Record<FrameworkStatus, 'ok' | 'warn' | 'info'> = { PUBLISHED: 'ok', DRAFT: 'warn', RETIRED: 'info' };

export function FrameworkStatusBadge({ status }: { status: FrameworkStatus }) {
  const { t } = useTranslation('admin');
  return <Badge tone={statusTone[status]}>{t(`framework.status.${status}`)}</Badge>;
}

/** The competencies of a framework version, flattened, with their category and place in it. */
export function flatten(f: Framework | null | undefined): FrameworkCompetency[] {
  if (!f) return [];
  return f.categories.flatMap((k) => k.competencies.map((c, i) => ({ ...c, categoryCode: k.code, categoryName: k.name, place: i + 1 })));
}

export function FrameworkPage() {
  const { t } = useTranslation('admin');
  const { loc, date } = useFormat();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: FrameworkDoc });
  const [choice, setChoice] = useState<'draft' | 'published' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [categoryFilter, setCategoryFilter] = useState('');
  const [text, setText] = useState('');
  const [dialog, setDialog] = useState<null | 'scale' | 'category' | 'newCompetency' | 'editCompetency' | 'indicators' | 'archive' | 'publish'>(null);

  const draft = data?.draft ?? null;
  const published = data?.published ?? null;
  const view = choice === 'published' || !draft ? 'published' : 'draft';
  const shown = view === 'draft' ? draft : published;
  // Edits always go to the draft: while one exists, edit it, not the version in force.
  const editable = view === 'draft' || !draft;
  const all = useMemo(() => flatten(shown), [shown]);
  const filtered = all.filter(
    (c) =>
      (!categoryFilter || c.categoryCode === categoryFilter) &&
      (!text.trim() || `${c.code} ${c.name.en} ${c.name.zh}`.toLowerCase().includes(text.trim().toLowerCase())),
  );
  const paged = usePaged(filtered, 8);
  const history = usePaged(data?.competencyFrameworks, 5);
  const selected = all.find((c) => c.id === selectedId) ?? all[0] ?? null;

  const refresh = (message: string) => {
    setDialog(null);
    setDone(message);
    setChoice(null); // an edit always lands in the draft: show it
    reexecute({ requestPolicy: 'network-only' });
  };

  if (!data && fetching) return <Page title={t('framework.title')}><Loading /></Page>;

  return (
    <Page
      title={t('framework.title')}
      actions={
        draft && (
          <Button variant="primary" onClick={() => setDialog('publish')}>
            {t('framework.publish.open', { version: draft.version })}
          </Button>
        )
      }
    >
      <ErrorNotice error={error} />
      {done && <Success>{done}</Success>}

      <Card title={t('framework.versions.title')}>
        <p>
          {published
            ? t('framework.versions.inForce', { version: published.version, date: date(published.publishedAt) })
            : t('framework.versions.noneInForce')}
        </p>
        <p>{draft ? t('framework.versions.draft', { version: draft.version }) : t('framework.versions.noDraft')}</p>
        {draft && published && (
          <fieldset className="admin-switch">
            <legend>{t('framework.view.legend')}</legend>
            <label>
              <input type="radio" name="framework-view" checked={view === 'draft'} onChange={() => setChoice('draft')} />{' '}
              {t('framework.view.draft', { version: draft.version })}
            </label>
            <label>
              <input type="radio" name="framework-view" checked={view === 'published'} onChange={() => setChoice('published')} />{' '}
              {t('framework.view.published', { version: published.version })}
            </label>
          </fieldset>
        )}
        <div className={`notice ${view === 'draft' ? 'warn' : 'ok'}`}>
          {view === 'draft'
            ? t('framework.view.draftNote', { version: draft?.version })
            : draft
              ? t('framework.view.publishedWithDraft', { version: draft.version })
              : t('framework.view.publishedNote')}
        </div>
        <div className="table-wrap" tabIndex={0} role="group" aria-label={t('framework.versions.caption')}>
          <table>
            <caption className="sr-only">{t('framework.versions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('framework.versions.version')}</th>
                <th scope="col">{t('framework.versions.status')}</th>
                <th scope="col">{t('framework.versions.publishedAt')}</th>
                <th scope="col">{t('framework.versions.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {history.rows.map((f) => (
                <tr key={f.version}>
                  <th scope="row">{t('framework.versions.v', { version: f.version })}</th>
                  <td>
                    <FrameworkStatusBadge status={f.status} />
                  </td>
                  <td>{date(f.publishedAt)}</td>
                  <td>{f.notes || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager {...history} />
      </Card>

      {shown && (
        <>
          <Card
            title={t('framework.scale.title')}
            actions={editable && <Button onClick={() => setDialog('scale')}>{t('framework.scale.edit')}</Button>}
          >
            <div className="table-wrap" tabIndex={0} role="group" aria-label={t('framework.scale.caption', { version: shown.version })}>
              <table>
                <caption className="sr-only">{t('framework.scale.caption', { version: shown.version })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('framework.scale.level')}</th>
                    <th scope="col">{t('framework.scale.name')}</th>
                    <th scope="col">{t('framework.scale.description')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.levels.map((l) => (
                    <tr key={l.level}>
                      <th scope="row" className="num">
                        {l.level}
                      </th>
                      <td>
                        <BothLanguages text={l.name} />
                      </td>
                      <td>
                        <BothLanguages text={l.description} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>

          <div className="admin-split">
            <Card
              title={t('framework.competencies.title')}
              actions={
                editable && (
                  <>
                    <Button onClick={() => setDialog('category')}>{t('framework.category.add')}</Button>
                    <Button onClick={() => setDialog('newCompetency')}>{t('framework.competency.add')}</Button>
                  </>
                )
              }
            >
              <div className="form-row">
                <Field label={t('framework.competencies.category')}>
                  {(id) => (
                    <select id={id} value={categoryFilter} onChange={(e) => setCategoryFilter(e.target.value)}>
                      <option value="">{t('framework.competencies.allCategories')}</option>
                      {shown.categories.map((k) => (
                        <option key={k.code} value={k.code}>
                          {loc(k.name)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label={t('framework.competencies.search')}>
                  {(id) => <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
                </Field>
              </div>
              {paged.total === 0 ? (
                <Empty>{t('framework.competencies.none')}</Empty>
              ) : (
                <div className="table-wrap">
                  <table>
                    <caption className="sr-only">{t('framework.competencies.caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('framework.competencies.name')}</th>
                        <th scope="col">{t('framework.competencies.indicators')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {paged.rows.map((c) => {
                        const own = c.indicators.filter((i) => i.specific).length;
                        return (
                          <tr key={c.id} aria-current={selected?.id === c.id ? 'true' : undefined} className={selected?.id === c.id ? 'admin-current' : undefined}>
                            <th scope="row">
                              <button type="button" className="admin-link" onClick={() => setSelectedId(c.id)}>
                                {loc(c.name)}
                              </button>
                              <div className="muted">
                                <span className="admin-code">{c.code}</span> · {loc(c.categoryName)}
                              </div>
                            </th>
                            <td>{t('framework.competencies.ownCount', { own, total: c.indicators.length })}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              <Pager {...paged} />
            </Card>

            {selected && (
              <Card
                title={loc(selected.name)}
                actions={
                  editable && (
                    <>
                      <Button onClick={() => setDialog('editCompetency')}>{t('framework.competency.edit')}</Button>
                      <Button onClick={() => setDialog('indicators')}>{t('framework.indicators.edit')}</Button>
                      <Button variant="danger" onClick={() => setDialog('archive')}>
                        {t('framework.competency.archive')}
                      </Button>
                    </>
                  )
                }
              >
                <p className="muted">
                  {selected.code} · {loc(selected.categoryName)}
                </p>
                <h3>{t('framework.competency.description')}</h3>
                <BothLanguages text={selected.description} />
                <h3>{t('framework.indicators.title')}</h3>
                <div className="table-wrap" tabIndex={0} role="group" aria-label={t('framework.indicators.caption', { name: loc(selected.name) })}>
                  <table>
                    <caption className="sr-only">{t('framework.indicators.caption', { name: loc(selected.name) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('framework.scale.level')}</th>
                        <th scope="col">{t('lang.en')}</th>
                        <th scope="col">{t('lang.zh')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {selected.indicators.map((i) => (
                        <tr key={i.level}>
                          <th scope="row">
                            {i.level} · {loc(i.levelName)}
                            <div>
                              {i.specific ? <Badge tone="ok">{t('framework.indicators.own')}</Badge> : <Badge tone="info">{t('framework.indicators.general')}</Badge>}
                            </div>
                          </th>
                          <td lang="en">{i.text.en}</td>
                          <td lang="zh-CN">{i.text.zh}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Card>
            )}
          </div>

          <ScaleDialog open={dialog === 'scale'} framework={shown} onClose={() => setDialog(null)} onDone={() => refresh(t('framework.scale.saved'))} />
          <CategoryDialog open={dialog === 'category'} count={shown.categories.length} onClose={() => setDialog(null)} onDone={() => refresh(t('framework.category.saved'))} />
          <CompetencyDialog
            open={dialog === 'newCompetency' || dialog === 'editCompetency'}
            competency={dialog === 'editCompetency' ? selected : null}
            framework={shown}
            onClose={() => setDialog(null)}
            onDone={(id) => {
              setSelectedId(id);
              refresh(t('framework.competency.saved'));
            }}
          />
          {selected && (
            <IndicatorsDialog
              open={dialog === 'indicators'}
              competency={selected}
              framework={shown}
              onClose={() => setDialog(null)}
              onDone={() => refresh(t('framework.indicators.saved', { name: loc(selected.name) }))}
            />
          )}
          {selected && (
            <ArchiveDialog
              open={dialog === 'archive'}
              competency={selected}
              onClose={() => setDialog(null)}
              onDone={() => {
                setSelectedId(null);
                refresh(t('framework.competency.archived', { name: loc(selected.name) }));
              }}
            />
          )}
        </>
      )}
      {draft && (
        <PublishDialog
          open={dialog === 'publish'}
          version={draft.version}
          onClose={() => setDialog(null)}
          onDone={(v) => refresh(t('framework.publish.done', { version: v }))}
        />
      )}
    </Page>
  );
}

function DialogButtons({ busy, label, onClose }: { busy?: boolean; label?: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="admin-buttons">
      <button type="submit" className="btn primary" disabled={busy} aria-busy={busy || undefined}>
        {label ?? t('save')}
      </button>
      <Button onClick={onClose}>{t('cancel')}</Button>
    </div>
  );
}

interface LevelRow {
  name: Bilingual;
  description: Bilingual;
}

function ScaleDialog({ open, framework, onClose, onDone }: { open: boolean; framework: Framework; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const [rows, setRows] = useState<LevelRow[]>([]);
  const [checked, setChecked] = useState(false);
  const [{ fetching, error }, save] = useMutation(SetScaleDoc);
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setRows(framework.levels.map((l) => ({ name: { ...l.name }, description: { ...l.description } })));
      setChecked(false);
    }
  }
  const set = (i: number, r: LevelRow) => setRows(rows.map((x, j) => (j === i ? r : x)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (rows.some((r) => !r.name.en.trim() || !r.name.zh.trim())) return;
    const res = await save({
      levels: rows.map((r) => ({ nameEn: r.name.en.trim(), nameZh: r.name.zh.trim(), descriptionEn: r.description.en.trim(), descriptionZh: r.description.zh.trim() })),
    });
    if (!res.error) onDone();
  };
  const need = t('form.required');
  return (
    <Dialog open={open} title={t('framework.scale.edit')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <p className="muted">{t('framework.scale.hint')}</p>
        {rows.map((r, i) => (
          <fieldset key={i} className="admin-fieldset">
            <legend>{t('framework.scale.levelN', { level: i + 1 })}</legend>
            <BilingualFields
              label={t('framework.scale.name')}
              value={r.name}
              required
              onChange={(name) => set(i, { ...r, name })}
              errors={checked ? { en: r.name.en.trim() ? undefined : need, zh: r.name.zh.trim() ? undefined : need } : undefined}
            />
            <BilingualFields label={t('framework.scale.description')} value={r.description} multiline onChange={(description) => set(i, { ...r, description })} />
          </fieldset>
        ))}
        <div className="admin-buttons">
          <Button disabled={rows.length >= 9} onClick={() => setRows([...rows, { name: { en: '', zh: '' }, description: { en: '', zh: '' } }])}>
            {t('framework.scale.addLevel')}
          </Button>
          <Button disabled={rows.length <= 2} onClick={() => setRows(rows.slice(0, -1))}>
            {t('framework.scale.removeLevel')}
          </Button>
        </div>
        {rows.length < framework.levels.length && <div className="notice warn">{t('framework.scale.shrinkWarning')}</div>}
        <ErrorNotice error={error} />
        <DialogButtons busy={fetching} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function CategoryDialog({ open, count, onClose, onDone }: { open: boolean; count: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const [code, setCode] = useState('');
  const [name, setName] = useState<Bilingual>({ en: '', zh: '' });
  const [checked, setChecked] = useState(false);
  const [{ fetching, error }, save] = useMutation(CreateCategoryDoc);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!code.trim() || !name.en.trim() || !name.zh.trim()) return;
    const res = await save({ input: { code: codeOf(code), nameEn: name.en.trim(), nameZh: name.zh.trim(), sortOrder: count + 1 } });
    if (!res.error) {
      setCode('');
      setName({ en: '', zh: '' });
      setChecked(false);
      onDone();
    }
  };
  const need = t('form.required');
  return (
    <Dialog open={open} title={t('framework.category.add')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Field label={t('form.code')} hint={t('form.codeHint')} error={checked && !code.trim() ? need : undefined}>
          {(id) => <input id={id} value={code} required onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <BilingualFields
          label={t('form.name')}
          value={name}
          required
          onChange={setName}
          errors={checked ? { en: name.en.trim() ? undefined : need, zh: name.zh.trim() ? undefined : need } : undefined}
        />
        <ErrorNotice error={error} />
        <DialogButtons busy={fetching} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function CompetencyDialog({
  open,
  competency,
  framework,
  onClose,
  onDone,
}: {
  open: boolean;
  competency: FrameworkCompetency | null;
  framework: Framework;
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [code, setCode] = useState('');
  const [category, setCategory] = useState('');
  const [name, setName] = useState<Bilingual>({ en: '', zh: '' });
  const [description, setDescription] = useState<Bilingual>({ en: '', zh: '' });
  const [place, setPlace] = useState('1');
  const [checked, setChecked] = useState(false);
  const [{ fetching: creating, error: createError }, create] = useMutation(CreateCompetencyDoc);
  const [{ fetching: updating, error: updateError }, update] = useMutation(UpdateCompetencyDoc);
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      const first = framework.categories[0];
      setCode(competency?.code ?? '');
      setCategory(competency?.categoryCode ?? first?.code ?? '');
      setName(competency ? { en: competency.name.en, zh: competency.name.zh } : { en: '', zh: '' });
      setDescription(competency ? { en: competency.description.en, zh: competency.description.zh } : { en: '', zh: '' });
      setPlace(String(competency?.place ?? (first ? first.competencies.length + 1 : 1)));
      setChecked(false);
    }
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if ((!competency && !code.trim()) || !category || !name.en.trim() || !name.zh.trim()) return;
    const input = {
      categoryCode: category,
      nameEn: name.en.trim(),
      nameZh: name.zh.trim(),
      descriptionEn: description.en.trim(),
      descriptionZh: description.zh.trim(),
      sortOrder: Number(place) || undefined,
    };
    if (competency) {
      const res = await update({ id: competency.id, input });
      if (!res.error && res.data) onDone(res.data.updateCompetency.id);
    } else {
      const res = await create({ input: { ...input, code: codeOf(code) } });
      if (!res.error && res.data) onDone(res.data.createCompetency.id);
    }
  };
  const need = t('form.required');
  return (
    <Dialog open={open} title={competency ? t('framework.competency.editTitle', { name: loc(competency.name) }) : t('framework.competency.add')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {!competency && (
          <Field label={t('form.code')} hint={t('form.codeHint')} error={checked && !code.trim() ? need : undefined}>
            {(id) => <input id={id} value={code} required onChange={(e) => setCode(e.target.value)} />}
          </Field>
        )}
        <div className="form-row">
          <Field label={t('framework.competencies.categoryCol')}>
            {(id) => (
              <select id={id} value={category} onChange={(e) => setCategory(e.target.value)}>
                {framework.categories.map((k) => (
                  <option key={k.code} value={k.code}>
                    {loc(k.name)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('framework.competency.place')} hint={t('framework.competency.placeHint')}>
            {(id) => <input id={id} type="number" min={1} value={place} onChange={(e) => setPlace(e.target.value)} />}
          </Field>
        </div>
        <BilingualFields
          label={t('form.name')}
          value={name}
          required
          onChange={setName}
          errors={checked ? { en: name.en.trim() ? undefined : need, zh: name.zh.trim() ? undefined : need } : undefined}
        />
        <BilingualFields label={t('framework.competency.description')} value={description} multiline onChange={setDescription} />
        <ErrorNotice error={competency ? updateError : createError} />
        <DialogButtons busy={creating || updating} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function IndicatorsDialog({
  open,
  competency,
  framework,
  onClose,
  onDone,
}: {
  open: boolean;
  competency: FrameworkCompetency;
  framework: Framework;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [rows, setRows] = useState<Bilingual[]>([]);
  const [checked, setChecked] = useState(false);
  const [{ fetching, error }, save] = useMutation(SetIndicatorsDoc);
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setRows(
        framework.levels.map((l) => {
          const i = competency.indicators.find((x) => x.level === l.level);
          return i?.specific ? { en: i.text.en, zh: i.text.zh } : { en: '', zh: '' };
        }),
      );
      setChecked(false);
    }
  }
  const half = (r: Bilingual) => !!r.en.trim() !== !!r.zh.trim();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (rows.some(half)) return;
    const indicators = rows
      .map((r, i) => ({ level: framework.levels[i].level, en: r.en.trim(), zh: r.zh.trim() }))
      .filter((r) => r.en && r.zh);
    const res = await save({ id: competency.id, indicators });
    if (!res.error) onDone();
  };
  return (
    <Dialog open={open} title={t('framework.indicators.editTitle', { name: loc(competency.name) })} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <p className="muted">{t('framework.indicators.hint')}</p>
        {rows.map((r, i) => {
          const l = framework.levels[i];
          if (!l) return null;
          const missing = t('framework.indicators.bothNeeded');
          return (
            <fieldset key={l.level} className="admin-fieldset">
              <legend>{t('framework.indicators.levelLegend', { level: l.level, name: loc(l.name) })}</legend>
              <p className="muted admin-general">{t('framework.indicators.generalText', { text: loc(l.description) })}</p>
              <BilingualFields
                label={t('framework.indicators.behaviour', { level: l.level })}
                value={r}
                multiline
                onChange={(v) => setRows(rows.map((x, j) => (j === i ? v : x)))}
                errors={checked && half(r) ? { en: r.en.trim() ? undefined : missing, zh: r.zh.trim() ? undefined : missing } : undefined}
              />
            </fieldset>
          );
        })}
        <ErrorNotice error={error} />
        <DialogButtons busy={fetching} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function ArchiveDialog({ open, competency, onClose, onDone }: { open: boolean; competency: FrameworkCompetency; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('admin');
  const { loc } = useFormat();
  const [{ fetching, error }, archive] = useMutation(ArchiveCompetencyDoc);
  return (
    <ConfirmDialog
      open={open}
      title={t('framework.competency.archiveTitle', { name: loc(competency.name) })}
      body={t('framework.competency.archiveBody')}
      confirm={t('framework.competency.archive')}
      danger
      busy={fetching}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        const res = await archive({ id: competency.id });
        if (!res.error) onDone();
      }}
    />
  );
}

function PublishDialog({ open, version, onClose, onDone }: { open: boolean; version: number; onClose: () => void; onDone: (v: number) => void }) {
  const { t } = useTranslation('admin');
  const [notes, setNotes] = useState('');
  const [{ fetching, error }, publish] = useMutation(PublishDoc);
  return (
    <ConfirmDialog
      open={open}
      title={t('framework.publish.title', { version })}
      body={t('framework.publish.body')}
      confirm={t('framework.publish.confirm')}
      busy={fetching}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        const res = await publish({ notes: notes.trim() || null });
        if (!res.error && res.data) {
          setNotes('');
          onDone(res.data.publishCompetencyFramework.version);
        }
      }}
    >
      <Field label={t('framework.publish.notes')} hint={t('framework.publish.notesHint')}>
        {(id) => <textarea id={id} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
    </ConfirmDialog>
  );
}
