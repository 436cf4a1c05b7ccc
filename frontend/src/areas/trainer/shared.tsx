// Small pieces the trainer screens share: status badges, field-level server
// errors, level labels and a debounced value for search boxes.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui';
import { problems, problemText } from '../../lib/errors';

export type CourseStatus = 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
export type CourseFormat = 'E_LEARNING' | 'CLASSROOM' | 'COACHING' | 'ON_THE_JOB';
export type EnrollmentStatus = 'ASSIGNED' | 'IN_PROGRESS' | 'COMPLETED' | 'WITHDRAWN';

export const courseStatuses: CourseStatus[] = ['DRAFT', 'PUBLISHED', 'ARCHIVED'];
export const courseFormats: CourseFormat[] = ['E_LEARNING', 'CLASSROOM', 'COACHING', 'ON_THE_JOB'];

const courseTone: Record<CourseStatus, 'ok' | 'warn' | 'info'> = { DRAFT: 'warn', PUBLISHED: 'ok', ARCHIVED: 'info' };

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  const { t } = useTranslation('trainer');
  return <Badge tone={courseTone[status]}>{t(`courseStatus.${status}`)}</Badge>;
}

const enrollmentTone: Record<EnrollmentStatus, 'ok' | 'warn' | 'info' | 'bad'> = {
  ASSIGNED: 'info',
  IN_PROGRESS: 'warn',
  COMPLETED: 'ok',
  WITHDRAWN: 'info',
};

export function EnrollmentBadge({ status, overdue }: { status: EnrollmentStatus; overdue?: boolean }) {
  const { t } = useTranslation('trainer');
  return (
    <>
      <Badge tone={enrollmentTone[status]}>{t(`enrollmentStatus.${status}`)}</Badge>
      {overdue && (
        <>
          {' '}
          <Badge tone="bad">{t('progress.overdue')}</Badge>
        </>
      )}
    </>
  );
}

/**
 * The server's validation problems by input field ("titleEn",
 * "modules[0].titleZh"), each in the user's language, so a form can show
 * them next to the control they concern.
 */
export function useFieldErrors(error: unknown): Record<string, string> {
  const { t } = useTranslation();
  if (!error) return {};
  const out: Record<string, string> = {};
  for (const p of problems(error)) {
    if (!p.field) continue;
    const text = problemText(t, { ...p, field: undefined });
    out[p.field] = out[p.field] ? `${out[p.field]} ${text}` : text;
  }
  return out;
}

/** Joins sentences the way the language does: Chinese runs them on without spaces. */
export function sentences(lang: string, parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(lang.toLowerCase().startsWith('zh') ? '' : ' ');
}

/** Waits until the value has stayed the same for a moment (search boxes). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}
