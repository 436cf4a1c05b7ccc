// /trainer/courses/new and /trainer/courses/:id: a course in both
// languages, its modules (ordered), the competencies it develops, the
// courses to take first; publish and archive; and, once published, the
// assignment form.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { TrainerCourseEditorQuery } from '../../gql/graphql';
import { Button, Card, Dialog, Empty, ErrorNotice, Field, Loading, Page, Success } from '../../components/ui';
import { useFormat } from '../../lib/format';
import { useSession } from '../../auth/session';
import { CourseStatusBadge, courseFormats, useFieldErrors, type CourseFormat } from './shared';
import { AssignForm } from './AssignForm';

const EditorDoc = graphql(`
  query TrainerCourseEditor($id: ID!, $existing: Boolean!) {
    course(id: $id) @include(if: $existing) {
      id
      code
      title { en zh }
      summary { en zh }
      format
      estimatedHours
      certification
      validityMonths
      status
      publishedAt
      owner { id }
      ownerName { en zh }
      modules { id position title { en zh } summary { en zh } estimatedMinutes }
      competencies { competency { id } entryLevel targetLevel }
      prerequisites { course { id } enforced }
    }
    competencies { id code name { en zh } category { id name { en zh } } }
    competencyFramework { maxLevel levels { level name { en zh } } }
    courses(first: 100) { nodes { id code title { en zh } status } }
  }
`);

const CreateDoc = graphql(`
  mutation TrainerCreateCourse($input: CourseInput!) {
    createCourse(input: $input) { id status }
  }
`);

const UpdateDoc = graphql(`
  mutation TrainerUpdateCourse($id: ID!, $input: CoursePatch!) {
    updateCourse(id: $id, input: $input) { id status }
  }
`);

const PublishDoc = graphql(`
  mutation TrainerPublishCourse($id: ID!) {
    publishCourse(id: $id) { id status publishedAt }
  }
`);

const ArchiveDoc = graphql(`
  mutation TrainerArchiveCourse($id: ID!) {
    archiveCourse(id: $id) { id status }
  }
`);

type Data = TrainerCourseEditorQuery;
type Course = NonNullable<Data['course']>;

interface ModuleRow {
  key: string;
  id?: string;
  titleEn: string;
  titleZh: string;
  summaryEn: string;
  summaryZh: string;
  minutes: string;
}
interface CompRow {
  key: string;
  competencyId: string;
  entryLevel: string;
  targetLevel: string;
}
interface PrereqRow {
  key: string;
  courseId: string;
  enforced: boolean;
}
export interface CourseFormState {
  code: string;
  titleEn: string;
  titleZh: string;
  summaryEn: string;
  summaryZh: string;
  format: CourseFormat;
  hours: string;
  certification: boolean;
  validity: string;
  modules: ModuleRow[];
  competencies: CompRow[];
  prerequisites: PrereqRow[];
}

let seq = 0;
const newKey = () => `k${++seq}`;

function initial(c: Course | null | undefined): CourseFormState {
  if (!c)
    return {
      code: '',
      titleEn: '',
      titleZh: '',
      summaryEn: '',
      summaryZh: '',
      format: 'E_LEARNING',
      hours: '',
      certification: false,
      validity: '',
      modules: [],
      competencies: [],
      prerequisites: [],
    };
  return {
    code: c.code,
    titleEn: c.title.en,
    titleZh: c.title.zh,
    summaryEn: c.summary.en,
    summaryZh: c.summary.zh,
    format: c.format,
    hours: String(c.estimatedHours),
    certification: c.certification,
    validity: c.validityMonths == null ? '' : String(c.validityMonths),
    modules: [...c.modules]
      .sort((a, b) => a.position - b.position)
      .map((m) => ({ key: newKey(), id: m.id, titleEn: m.title.en, titleZh: m.title.zh, summaryEn: m.summary.en, summaryZh: m.summary.zh, minutes: String(m.estimatedMinutes) })),
    competencies: c.competencies.map((l) => ({ key: newKey(), competencyId: l.competency.id, entryLevel: String(l.entryLevel), targetLevel: String(l.targetLevel) })),
    prerequisites: c.prerequisites.map((p) => ({ key: newKey(), courseId: p.course.id, enforced: p.enforced })),
  };
}

const numOrZero = (s: string) => (s.trim() === '' ? 0 : Number(s));

/** The form as the server's input: lists are sent whole (they replace). */
function toInput(f: CourseFormState) {
  return {
    titleEn: f.titleEn.trim(),
    titleZh: f.titleZh.trim(),
    summaryEn: f.summaryEn.trim(),
    summaryZh: f.summaryZh.trim(),
    format: f.format,
    estimatedHours: numOrZero(f.hours),
    certification: f.certification,
    validityMonths: f.validity.trim() === '' ? undefined : Number(f.validity),
    modules: f.modules.map((m) => ({
      id: m.id,
      titleEn: m.titleEn.trim(),
      titleZh: m.titleZh.trim(),
      summaryEn: m.summaryEn.trim(),
      summaryZh: m.summaryZh.trim(),
      estimatedMinutes: m.minutes.trim() === '' ? undefined : Number(m.minutes),
    })),
    competencies: f.competencies.map((c) => ({ competencyId: c.competencyId, entryLevel: Number(c.entryLevel), targetLevel: Number(c.targetLevel) })),
    prerequisites: f.prerequisites.map((p) => ({ courseId: p.courseId, enforced: p.enforced })),
  };
}

/** The route's element: a new course or another course starts from a fresh editor. */
export function CourseEditorPage() {
  const { id } = useParams();
  return <CourseEditor key={id ?? 'new'} />;
}

export function CourseEditor() {
  const { id } = useParams();
  const existing = !!id;
  const { t } = useTranslation('trainer');
  const { loc } = useFormat();
  const { viewer, has } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: EditorDoc, variables: { id: id ?? '0', existing } });
  const [mutError, setMutError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>((location.state as { created?: boolean } | null)?.created ? t('editor.created') : null);
  useEffect(() => {
    // Said once: a reload of the page does not announce it again.
    if ((location.state as { created?: boolean } | null)?.created) navigate(location.pathname, { replace: true, state: null });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const [, create] = useMutation(CreateDoc);
  const [, update] = useMutation(UpdateDoc);
  const [, publish] = useMutation(PublishDoc);
  const [, archive] = useMutation(ArchiveDoc);

  const course = data?.course;
  const title = existing ? (course ? loc(course.title) || course.code : t('editor.title')) : t('editor.newTitle');

  if (!data) {
    return (
      <Page title={title}>
        <ErrorNotice error={error} />
        {fetching && <Loading />}
      </Page>
    );
  }
  if (existing && !course) {
    return (
      <Page title={title}>
        <ErrorNotice error={error} />
        <Empty>{t('editor.notFound')}</Empty>
      </Page>
    );
  }

  const owns = !course || course.owner?.id === viewer?.id || has('ADMIN');
  const editable = owns && course?.status !== 'ARCHIVED';
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  const save = async (form: CourseFormState, andPublish: boolean) => {
    setMutError(null);
    setNotice(null);
    if (!course) {
      const r = await create({ input: { code: form.code.trim(), ...toInput(form) } });
      if (r.error) return setMutError(r.error);
      // The new course opens in its own editor, where it can be published.
      navigate(`/trainer/courses/${r.data!.createCourse.id}`, { state: { created: true } });
      return;
    }
    const r = await update({ id: course.id, input: toInput(form) });
    if (r.error) return setMutError(r.error);
    if (andPublish) {
      const p = await publish({ id: course.id });
      refresh();
      if (p.error) return setMutError(p.error);
      setNotice(t('editor.published'));
      return;
    }
    refresh();
    setNotice(t('editor.saved'));
  };

  const doArchive = async () => {
    if (!course) return;
    setMutError(null);
    setNotice(null);
    const r = await archive({ id: course.id });
    refresh();
    if (r.error) return setMutError(r.error);
    setNotice(t('editor.archived'));
  };

  return (
    <Page
      title={title}
      actions={
        <>
          {course && <CourseStatusBadge status={course.status} />}
          <Link to="/trainer">{t('editor.back')}</Link>
        </>
      }
    >
      {notice && <Success>{notice}</Success>}
      {course && !owns && <p className="notice warn">{t('editor.notOwner', { owner: loc(course.ownerName) })}</p>}
      {course?.status === 'ARCHIVED' && <p className="notice warn">{t('editor.archivedNote')}</p>}
      <CourseForm
        key={course ? JSON.stringify(course) : 'new'}
        data={data}
        course={course ?? null}
        editable={editable}
        error={mutError}
        onSave={save}
        onArchive={doArchive}
      />
      {course?.status === 'PUBLISHED' && owns && (
        <Card title={t('assign.title')} id="assign">
          <AssignForm courseId={course.id} />
        </Card>
      )}
    </Page>
  );
}

interface FormProps {
  data: Data;
  course: Course | null;
  editable: boolean;
  error: unknown;
  onSave: (f: CourseFormState, andPublish: boolean) => Promise<unknown>;
  onArchive: () => Promise<unknown>;
}

export function CourseForm({ data, course, editable, error, onSave, onArchive }: FormProps) {
  const { t } = useTranslation('trainer');
  const { loc } = useFormat();
  const [f, setF] = useState<CourseFormState>(() => initial(course));
  const [busy, setBusy] = useState<'save' | 'publish' | 'archive' | null>(null);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const errs = useFieldErrors(error);
  const set = <K extends keyof CourseFormState>(k: K, v: CourseFormState[K]) => setF((s) => ({ ...s, [k]: v }));

  const maxLevel = data.competencyFramework?.maxLevel ?? 5;
  const levelName = (n: number) => {
    const l = data.competencyFramework?.levels.find((x) => x.level === n);
    return l ? `${n} · ${loc(l.name)}` : String(n);
  };
  const levels = Array.from({ length: maxLevel }, (_, i) => i + 1);
  const categories = new Map<string, { name: string; items: Data['competencies'] }>();
  for (const c of data.competencies) {
    const g = categories.get(c.category.id) ?? { name: loc(c.category.name), items: [] };
    g.items.push(c);
    categories.set(c.category.id, g);
  }
  const otherCourses = data.courses.nodes.filter((c) => c.id !== course?.id);

  const run = async (kind: 'save' | 'publish') => {
    setBusy(kind);
    try {
      await onSave(f, kind === 'publish');
    } finally {
      setBusy(null);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (editable) void run('save');
  };

  // Modules
  const setModule = (i: number, patch: Partial<ModuleRow>) => set('modules', f.modules.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const moveModule = (i: number, d: -1 | 1) => {
    const list = [...f.modules];
    const [m] = list.splice(i, 1);
    list.splice(i + d, 0, m);
    set('modules', list);
  };
  const addModule = () => set('modules', [...f.modules, { key: newKey(), titleEn: '', titleZh: '', summaryEn: '', summaryZh: '', minutes: '30' }]);
  // Competencies
  const setComp = (i: number, patch: Partial<CompRow>) => set('competencies', f.competencies.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const unused = data.competencies.find((c) => !f.competencies.some((x) => x.competencyId === c.id));
  const addComp = () =>
    set('competencies', [...f.competencies, { key: newKey(), competencyId: unused?.id ?? data.competencies[0]?.id ?? '', entryLevel: '0', targetLevel: '2' }]);
  // Prerequisites
  const setPre = (i: number, patch: Partial<PrereqRow>) => set('prerequisites', f.prerequisites.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const freeCourse = otherCourses.find((c) => !f.prerequisites.some((p) => p.courseId === c.id));
  const addPre = () => freeCourse && set('prerequisites', [...f.prerequisites, { key: newKey(), courseId: freeCourse.id, enforced: true }]);

  return (
    <form onSubmit={submit} noValidate aria-label={t('editor.formLabel')}>
      <fieldset className="trainer-fieldset" disabled={!editable}>
        <Card title={t('editor.basics')}>
          <ErrorNotice error={error} />
          <div className="form-row trainer-form">
            <Field label={t('course.code')} hint={course ? undefined : t('editor.codeHint')} error={errs.code}>
              {(id) => (
                <input id={id} value={f.code} readOnly={!!course} onChange={(e) => set('code', e.target.value.toUpperCase())} autoComplete="off" />
              )}
            </Field>
            <Field label={t('course.format')} error={errs.format}>
              {(id) => (
                <select id={id} value={f.format} onChange={(e) => set('format', e.target.value as CourseFormat)}>
                  {courseFormats.map((x) => (
                    <option key={x} value={x}>
                      {t(`format.${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('course.hours')} error={errs.estimatedHours}>
              {(id) => <input id={id} type="number" min="0.5" step="0.5" inputMode="decimal" value={f.hours} onChange={(e) => set('hours', e.target.value)} />}
            </Field>
          </div>
          <div className="form-row trainer-form">
            <Field label={t('editor.titleEn')} error={errs.titleEn}>
              {(id) => <input id={id} lang="en" value={f.titleEn} onChange={(e) => set('titleEn', e.target.value)} />}
            </Field>
            <Field label={t('editor.titleZh')} error={errs.titleZh}>
              {(id) => <input id={id} lang="zh-CN" value={f.titleZh} onChange={(e) => set('titleZh', e.target.value)} />}
            </Field>
          </div>
          <div className="form-row trainer-form">
            <Field label={t('editor.summaryEn')} error={errs.summaryEn}>
              {(id) => <textarea id={id} lang="en" value={f.summaryEn} onChange={(e) => set('summaryEn', e.target.value)} />}
            </Field>
            <Field label={t('editor.summaryZh')} error={errs.summaryZh}>
              {(id) => <textarea id={id} lang="zh-CN" value={f.summaryZh} onChange={(e) => set('summaryZh', e.target.value)} />}
            </Field>
          </div>
          <div className="form-row trainer-form">
            <div className="field trainer-check">
              <label>
                <input type="checkbox" checked={f.certification} onChange={(e) => set('certification', e.target.checked)} /> {t('editor.certification')}
              </label>
            </div>
            <Field label={t('editor.validity')} hint={t('editor.validityHint')} error={errs.validityMonths}>
              {(id) => <input id={id} type="number" min="1" max="120" value={f.validity} onChange={(e) => set('validity', e.target.value)} />}
            </Field>
          </div>
        </Card>

        <Card title={t('editor.modules')} actions={editable ? <Button onClick={addModule}>{t('editor.addModule')}</Button> : undefined}>
          {errs.modules && (
            <p className="notice error" role="alert">
              {errs.modules}
            </p>
          )}
          {f.modules.length === 0 && <Empty>{t('editor.noModules')}</Empty>}
          <ol className="trainer-modules">
            {f.modules.map((m, i) => {
              const n = i + 1;
              const e = (k: string) => errs[`modules[${i}].${k}`];
              return (
                <li key={m.key}>
                  <fieldset className="trainer-fieldset">
                    <legend>{t('editor.moduleN', { n })}</legend>
                    <div className="form-row trainer-form">
                      <Field label={t('editor.moduleTitleEn')} error={e('titleEn')}>
                        {(id) => <input id={id} lang="en" value={m.titleEn} onChange={(ev) => setModule(i, { titleEn: ev.target.value })} />}
                      </Field>
                      <Field label={t('editor.moduleTitleZh')} error={e('titleZh')}>
                        {(id) => <input id={id} lang="zh-CN" value={m.titleZh} onChange={(ev) => setModule(i, { titleZh: ev.target.value })} />}
                      </Field>
                      <Field label={t('editor.minutes')} error={e('estimatedMinutes')}>
                        {(id) => <input id={id} type="number" min="1" value={m.minutes} onChange={(ev) => setModule(i, { minutes: ev.target.value })} />}
                      </Field>
                    </div>
                    <div className="form-row trainer-form">
                      <Field label={t('editor.moduleSummaryEn')} error={e('summaryEn')}>
                        {(id) => <textarea id={id} lang="en" value={m.summaryEn} onChange={(ev) => setModule(i, { summaryEn: ev.target.value })} />}
                      </Field>
                      <Field label={t('editor.moduleSummaryZh')} error={e('summaryZh')}>
                        {(id) => <textarea id={id} lang="zh-CN" value={m.summaryZh} onChange={(ev) => setModule(i, { summaryZh: ev.target.value })} />}
                      </Field>
                    </div>
                    {e('id') && <p className="field-error trainer-error">{e('id')}</p>}
                    {editable && (
                      <div className="actions">
                        <Button onClick={() => moveModule(i, -1)} disabled={i === 0} aria-label={t('editor.moveUp', { n })}>
                          {t('editor.up')}
                        </Button>
                        <Button onClick={() => moveModule(i, 1)} disabled={i === f.modules.length - 1} aria-label={t('editor.moveDown', { n })}>
                          {t('editor.down')}
                        </Button>
                        <Button onClick={() => set('modules', f.modules.filter((_, j) => j !== i))} aria-label={t('editor.removeModule', { n })}>
                          {t('editor.remove')}
                        </Button>
                      </div>
                    )}
                  </fieldset>
                </li>
              );
            })}
          </ol>
        </Card>

        <Card
          title={t('editor.competencies')}
          actions={editable && data.competencies.length > 0 ? <Button onClick={addComp}>{t('editor.addCompetency')}</Button> : undefined}
        >
          {errs.competencies && (
            <p className="notice error" role="alert">
              {errs.competencies}
            </p>
          )}
          {f.competencies.length === 0 && <Empty>{t('editor.noCompetencies')}</Empty>}
          {f.competencies.map((c, i) => {
            const n = i + 1;
            const e = (k: string) => errs[`competencies[${i}].${k}`];
            return (
              <fieldset key={c.key} className="trainer-fieldset trainer-row">
                <legend className="sr-only">{t('editor.competencyN', { n })}</legend>
                <div className="form-row trainer-form">
                  <Field label={t('editor.competency')} error={e('competencyId')}>
                    {(id) => (
                      <select id={id} value={c.competencyId} onChange={(ev) => setComp(i, { competencyId: ev.target.value })}>
                        {[...categories.entries()].map(([cid, g]) => (
                          <optgroup key={cid} label={g.name}>
                            {g.items.map((x) => (
                              <option key={x.id} value={x.id}>
                                {loc(x.name)}
                              </option>
                            ))}
                          </optgroup>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label={t('editor.entryLevel')} error={e('entryLevel')}>
                    {(id) => (
                      <select id={id} value={c.entryLevel} onChange={(ev) => setComp(i, { entryLevel: ev.target.value })}>
                        <option value="0">{t('editor.levelNone')}</option>
                        {levels.map((l) => (
                          <option key={l} value={String(l)}>
                            {levelName(l)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label={t('editor.targetLevel')} error={e('targetLevel')}>
                    {(id) => (
                      <select id={id} value={c.targetLevel} onChange={(ev) => setComp(i, { targetLevel: ev.target.value })}>
                        {levels.map((l) => (
                          <option key={l} value={String(l)}>
                            {levelName(l)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {editable && (
                    <div className="trainer-row-action">
                      <Button onClick={() => set('competencies', f.competencies.filter((_, j) => j !== i))} aria-label={t('editor.removeCompetency', { n })}>
                        {t('editor.remove')}
                      </Button>
                    </div>
                  )}
                </div>
              </fieldset>
            );
          })}
        </Card>

        <Card title={t('editor.prerequisites')} actions={editable && freeCourse ? <Button onClick={addPre}>{t('editor.addPrerequisite')}</Button> : undefined}>
          {errs.prerequisites && (
            <p className="notice error" role="alert">
              {errs.prerequisites}
            </p>
          )}
          {f.prerequisites.length === 0 && <Empty>{t('editor.noPrerequisites')}</Empty>}
          {f.prerequisites.map((p, i) => {
            const n = i + 1;
            return (
              <fieldset key={p.key} className="trainer-fieldset trainer-row">
                <legend className="sr-only">{t('editor.prerequisiteN', { n })}</legend>
                <div className="form-row trainer-form">
                  <Field label={t('editor.prerequisite')} error={errs[`prerequisites[${i}]`] ?? errs[`prerequisites[${i}].courseId`]}>
                    {(id) => (
                      <select id={id} value={p.courseId} onChange={(ev) => setPre(i, { courseId: ev.target.value })}>
                        {otherCourses.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.code} · {loc(c.title)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <div className="field trainer-check">
                    <label>
                      <input type="checkbox" checked={p.enforced} onChange={(ev) => setPre(i, { enforced: ev.target.checked })} /> {t('editor.enforced')}
                    </label>
                  </div>
                  {editable && (
                    <div className="trainer-row-action">
                      <Button onClick={() => set('prerequisites', f.prerequisites.filter((_, j) => j !== i))} aria-label={t('editor.removePrerequisite', { n })}>
                        {t('editor.remove')}
                      </Button>
                    </div>
                  )}
                </div>
              </fieldset>
            );
          })}
        </Card>
      </fieldset>

      {editable && (
        <div className="actions trainer-bar">
          <button type="submit" className="btn primary" disabled={!!busy} aria-busy={busy === 'save' || undefined}>
            {course ? t('editor.save') : t('editor.create')}
          </button>
          {course?.status === 'DRAFT' && (
            <Button variant="secondary" busy={busy === 'publish'} disabled={!!busy} onClick={() => void run('publish')}>
              {t('editor.publish')}
            </Button>
          )}
          {course?.status === 'PUBLISHED' && (
            <Button variant="danger" busy={busy === 'archive'} disabled={!!busy} onClick={() => setConfirmArchive(true)}>
              {t('editor.archive')}
            </Button>
          )}
        </div>
      )}
      <Dialog open={confirmArchive} title={t('editor.archiveTitle')} onClose={() => setConfirmArchive(false)}>
        <p>{t('editor.archiveBody')}</p>
        <div className="actions">
          <Button
            variant="danger"
            busy={busy === 'archive'}
            onClick={async () => {
              setBusy('archive');
              try {
                await onArchive();
              } finally {
                setBusy(null);
                setConfirmArchive(false);
              }
            }}
          >
            {t('editor.archiveConfirm')}
          </Button>
          <Button onClick={() => setConfirmArchive(false)}>{t('common:cancel')}</Button>
        </div>
      </Dialog>
    </form>
  );
}
