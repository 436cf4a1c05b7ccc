// The small set of building blocks every screen uses, so that labels, focus,
// errors and busy states look and behave the same everywhere.
import { useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problems, problemText } from '../lib/errors';

/** A screen: one h1, and the document title follows it. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Rungs`;
  }, [title]);
  useEffect(() => {
    // A screen that arrives after navigation (or after its code loaded) takes
    // the focus from the menu link, so keyboard and screen-reader users
    // start reading it; a user typing somewhere keeps their place.
    const a = document.activeElement;
    if (!a || a === document.body || a.closest('nav')) h1.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section className="page">
      <header className="page-head">
        <h1 tabIndex={-1} ref={h1}>{title}</h1>
        {actions && <div className="actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Card({ title, children, actions, id }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; id?: string }) {
  const hid = useId();
  return (
    <section className="card" aria-labelledby={title ? hid : undefined} id={id}>
      {(title || actions) && (
        <header className="card-head">
          {title && <h2 id={hid}>{title}</h2>}
          {actions && <div className="actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

/** Shows what went wrong in the user's language; every server problem, not only the first. */
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const list = problems(error);
  return (
    <div className="notice error" role="alert">
      {list.length === 1 ? (
        problemText(t, list[0])
      ) : (
        <ul>
          {list.map((p, i) => (
            <li key={i}>{problemText(t, p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Success({ children }: { children: ReactNode }) {
  return (
    <div className="notice ok" role="status">
      {children}
    </div>
  );
}

/** Long work shows progress: an indeterminate bar with a spoken label. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <progress aria-label={label ?? t('loading')} />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function Button({ busy, children, variant, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; variant?: 'primary' | 'secondary' | 'danger' }) {
  return (
    <button type="button" className={`btn ${variant ?? 'secondary'}`} aria-busy={busy || undefined} disabled={busy || rest.disabled} {...rest}>
      {children}
    </button>
  );
}

/** A labelled form control; the label is always there for screen readers. */
export function Field({ label, hint, children, error }: { label: string; hint?: string; error?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <small>{hint}</small>}
      {error && (
        <small className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function Badge({ tone, children }: { tone?: 'ok' | 'warn' | 'bad' | 'info'; children: ReactNode }) {
  return <span className={`badge ${tone ?? 'info'}`}>{children}</span>;
}

/** A bar with its value, for progress and scores (0–100). */
export function Meter({ value, label }: { value: number; label: string }) {
  const v = Math.max(0, Math.min(100, value));
  return (
    <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(v)} aria-label={label}>
      <span style={{ width: `${v}%` }} />
    </div>
  );
}

/** Client-side pages over a list the server returns whole. */
export function usePaged<T>(items: readonly T[] | null | undefined, size = 10) {
  const [page, setPage] = useState(0);
  const list = items ?? [];
  const pages = Math.max(1, Math.ceil(list.length / size));
  const p = Math.min(page, pages - 1);
  return { rows: list.slice(p * size, p * size + size), page: p, pages, setPage, total: list.length };
}

export function Pager({ page, pages, setPage, total }: { page: number; pages: number; setPage: (p: number) => void; total?: number }) {
  const { t } = useTranslation();
  if (pages <= 1) return total != null && total > 0 ? <p className="pager-count">{t('pager.total', { count: total })}</p> : null;
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="btn secondary" onClick={() => setPage(page - 1)} disabled={page === 0}>
        {t('pager.prev')}
      </button>
      <span>{t('pager.page', { page: page + 1, pages })}</span>
      <button type="button" className="btn secondary" onClick={() => setPage(page + 1)} disabled={page >= pages - 1}>
        {t('pager.next')}
      </button>
      {total != null && <span className="pager-count">{t('pager.total', { count: total })}</span>}
    </nav>
  );
}

/**
 * Server-side pages over a connection (first/after): keeps the cursors of
 * the pages seen so that "previous" works too.
 */
export function useCursor() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const after = stack[stack.length - 1];
  return {
    after,
    page: stack.length - 1,
    next: (cursor: string | null | undefined) => cursor && setStack((s) => [...s, cursor]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}

export function CursorPager({ cursor, pageInfo, total }: { cursor: ReturnType<typeof useCursor>; pageInfo?: { hasNextPage: boolean; endCursor?: string | null }; total?: number }) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      <button type="button" className="btn secondary" onClick={cursor.prev} disabled={cursor.page === 0}>
        {t('pager.prev')}
      </button>
      <span>{t('pager.pageOnly', { page: cursor.page + 1 })}</span>
      <button type="button" className="btn secondary" onClick={() => cursor.next(pageInfo?.endCursor)} disabled={!pageInfo?.hasNextPage}>
        {t('pager.next')}
      </button>
      {total != null && <span className="pager-count">{t('pager.total', { count: total })}</span>}
    </nav>
  );
}

/** A modal dialog on the platform's <dialog>: focus is trapped and Escape closes it. */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const hid = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal?.();
    if (!open && d.open) d.close?.();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={hid} onClose={onClose} onCancel={onClose} className="dialog">
      {open && (
        <>
          <h2 id={hid}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}
