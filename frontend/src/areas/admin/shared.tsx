// Small pieces the admin screens share: a confirmation dialog, a pair of
// English/Chinese inputs, and the two-language text block.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog, ErrorNotice, Field } from '../../components/ui';

export interface Bilingual {
  en: string;
  zh: string;
}

/** Asks before something that cannot be undone from this screen. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirm,
  danger,
  busy,
  error,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  body: ReactNode;
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <div className="stack">
        <div>{body}</div>
        {children}
        <ErrorNotice error={error} />
        <div className="admin-buttons">
          <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={onConfirm}>
            {confirm}
          </Button>
          <Button onClick={onClose}>{t('cancel')}</Button>
        </div>
      </div>
    </Dialog>
  );
}

/** An English and a Chinese text input side by side (a textarea when `multiline`). */
export function BilingualFields({
  label,
  value,
  onChange,
  multiline,
  required,
  errors,
}: {
  label: string;
  value: Bilingual;
  onChange: (v: Bilingual) => void;
  multiline?: boolean;
  required?: boolean;
  errors?: { en?: string; zh?: string };
}) {
  const { t } = useTranslation('admin');
  const control = (side: 'en' | 'zh') => (id: string) =>
    multiline ? (
      <textarea id={id} lang={side === 'zh' ? 'zh-CN' : 'en'} value={value[side]} required={required} onChange={(e) => onChange({ ...value, [side]: e.target.value })} />
    ) : (
      <input id={id} lang={side === 'zh' ? 'zh-CN' : 'en'} value={value[side]} required={required} onChange={(e) => onChange({ ...value, [side]: e.target.value })} />
    );
  return (
    <div className="form-row">
      <Field label={t('lang.labelEn', { label })} error={errors?.en}>
        {control('en')}
      </Field>
      <Field label={t('lang.labelZh', { label })} error={errors?.zh}>
        {control('zh')}
      </Field>
    </div>
  );
}

/** Both sides of a bilingual value, each marked with its language. */
export function BothLanguages({ text }: { text: Bilingual | null | undefined }) {
  const { t } = useTranslation('admin');
  if (!text) return null;
  return (
    <dl className="admin-both">
      <dt>{t('lang.en')}</dt>
      <dd lang="en">{text.en || '—'}</dd>
      <dt>{t('lang.zh')}</dt>
      <dd lang="zh-CN">{text.zh || '—'}</dd>
    </dl>
  );
}

/** Open/close state for a dialog that edits one thing (or nothing). */
export function useEditing<T>() {
  const [item, setItem] = useState<T | null>(null);
  return { item, open: (v: T) => setItem(v), close: () => setItem(null), isOpen: item !== null };
}

/** Stable codes: capitals, digits and underscores. */
export function codeOf(s: string): string {
  return s.trim().toUpperCase().replace(/[\s-]+/g, '_');
}

export const accessRoles = ['EMPLOYEE', 'TRAINER', 'MANAGER', 'HR', 'ADMIN'] as const;
