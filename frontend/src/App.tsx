// The shell: sign-in, the menu of the areas the viewer may use, the language
// switch, and the routes. Each area lives in src/areas/<area>/.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { BrowserRouter, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from './gql';
import { useSession } from './auth/session';
import { Button, ErrorNotice, Field, Loading } from './components/ui';
import { useFormat } from './lib/format';
import { normalizeLanguage } from './i18n';
import type { Area } from './areas/types';
import { area as employee } from './areas/employee';
import { area as trainer } from './areas/trainer';
import { area as manager } from './areas/manager';
import { area as hr } from './areas/hr';
import { area as admin } from './areas/admin';

export const areas: Area[] = [employee, manager, trainer, hr, admin];

const SetLocale = graphql(`
  mutation SetLocale($locale: Locale!) {
    setLocale(locale: $locale)
  }
`);

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  // Signed in, the shell's useLocaleSync tells the server too.
  const change = (lng: string) => i18n.changeLanguage(lng);
  return (
    <div className="lang">
      <label htmlFor="lang-select" className="sr-only">
        {t('language')}
      </label>
      <select id="lang-select" value={normalizeLanguage(i18n.language)} onChange={(e) => change(e.target.value)}>
        <option value="en" lang="en">
          English
        </option>
        <option value="zh-CN" lang="zh-CN">
          简体中文
        </option>
      </select>
    </div>
  );
}

export function SignIn() {
  const { t } = useTranslation();
  const { signIn, expired } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    document.title = `${t('signIn.title')} · Rungs`;
  }, [t]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <main className="signin" id="main">
      <div className="signin-box">
        <p className="brand">
          Rungs <span lang="zh-CN">晋升阶梯</span>
        </p>
        <h1>{t('signIn.title')}</h1>
        {expired && !error && (
          <div className="notice warn" role="alert">
            {t('signIn.expired')}
          </div>
        )}
        <ErrorNotice error={error} />
        <form onSubmit={submit} noValidate>
          <Field label={t('signIn.email')}>
            {(id) => <input id={id} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field label={t('signIn.password')}>
            {(id) => <input id={id} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          <button type="submit" className="btn primary" disabled={busy} aria-busy={busy || undefined}>
            {t('signIn.submit')}
          </button>
        </form>
        <LanguageSwitch />
      </div>
    </main>
  );
}

function visible(a: Area, has: (...r: Area['roles']) => boolean, isLineManager: boolean) {
  return has(...a.roles) || (!!a.lineManagers && isLineManager);
}

/**
 * Notifications and e-mail are written in the language stored on the server
 * for each user; keep it the language the user reads the app in.
 */
function useLocaleSync() {
  const { i18n } = useTranslation();
  const { viewer } = useSession();
  const [, setLocale] = useMutation(SetLocale);
  const want = normalizeLanguage(i18n.language) === 'zh-CN' ? 'ZH_CN' : 'EN';
  const stored = viewer?.locale;
  useEffect(() => {
    if (stored && stored !== want) setLocale({ locale: want });
  }, [stored, want, setLocale]);
}

function Shell() {
  const { t } = useTranslation();
  useLocaleSync();
  const { viewer, has, isLineManager, signOut } = useSession();
  const { loc } = useFormat();
  const mine = areas.filter((a) => visible(a, has, isLineManager));
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  useEffect(() => {
    setMenuOpen(false);
    // Move focus to the new screen's heading so keyboard and screen-reader users follow the navigation.
    const h = mainRef.current?.querySelector('h1');
    if (h instanceof HTMLElement && document.activeElement?.tagName !== 'INPUT') h.focus({ preventScroll: true });
  }, [location.pathname]);
  useEffect(() => {
    // A table that scrolls sideways on a phone must be reachable by keyboard:
    // every .table-wrap becomes a focusable, named region.
    const main = mainRef.current;
    if (!main) return;
    const mark = () =>
      main.querySelectorAll<HTMLElement>('.table-wrap:not([tabindex])').forEach((el) => {
        el.tabIndex = 0;
        if (!el.getAttribute('role')) el.setAttribute('role', 'region');
        if (!el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) {
          el.setAttribute('aria-label', el.querySelector('caption')?.textContent?.trim() || t('table'));
        }
      });
    mark();
    const mo = new MutationObserver(mark);
    mo.observe(main, { childList: true, subtree: true });
    return () => mo.disconnect();
  }, [t, viewer]);
  if (!viewer) return <Loading />;
  const home = mine[0]?.nav[0]?.to ?? '/me';
  return (
    <div className="shell">
      <a href="#main" className="skip">
        {t('skip')}
      </a>
      <header className="topbar">
        <span className="brand">Rungs</span>
        <button type="button" className="btn secondary menu-toggle" aria-expanded={menuOpen} aria-controls="site-nav" onClick={() => setMenuOpen((o) => !o)}>
          {t('menu')}
        </button>
        <div className="who">
          <span className="who-name">{loc(viewer.name)}</span>
          <LanguageSwitch />
          <Button onClick={() => signOut()}>{t('signOut')}</Button>
        </div>
      </header>
      <nav id="site-nav" className={`sidenav${menuOpen ? ' open' : ''}`} aria-label={t('nav.label')}>
        {mine.map((a) => (
          <div key={a.id} className="nav-group">
            <h2>{t(`areas.${a.id}`)}</h2>
            <ul>
              {a.nav.map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to} end>
                    {t(`${a.id}:${n.label}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" ref={mainRef}>
        <Routes>
          <Route path="/" element={<Navigate to={home} replace />} />
          {mine.flatMap((a) => a.routes.map((r) => <Route key={r.path} path={r.path} element={r.element} />))}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </div>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <NavLink to="/">{t('notFound.home')}</NavLink>
    </section>
  );
}

export function App() {
  const { status } = useSession();
  return (
    <BrowserRouter>
      {status === 'loading' ? <Loading /> : status === 'signedOut' ? <SignIn /> : <Shell />}
    </BrowserRouter>
  );
}
