// Showing the server's bilingual values in the user's language.
import { useTranslation } from 'react-i18next';

export interface Localized {
  en: string;
  zh: string;
}

export function isZh(lang: string): boolean {
  return lang.toLowerCase().startsWith('zh');
}

/** The text in lang, falling back to the other language when one side is empty. */
export function pick(text: Localized | null | undefined, lang: string): string {
  if (!text) return '';
  return (isZh(lang) ? text.zh || text.en : text.en || text.zh) ?? '';
}

/** A date (YYYY-MM-DD, a local day) or timestamp as the screens show it in lang: 17 Nov 2026, 2026年11月17日. */
export function formatDate(d: string | null | undefined, lang: string): string {
  if (!d) return '—';
  const locale = isZh(lang) ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(d.length === 10 ? d + 'T00:00:00' : d));
}

/** Hook: loc(text) in the current language; date(d); num(n). */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const locale = isZh(lang) ? 'zh-CN' : 'en-GB';
  return {
    lang,
    loc: (t: Localized | null | undefined) => pick(t, lang),
    date: (d: string | null | undefined) => formatDate(d, lang),
    dateTime: (d: string | null | undefined) =>
      d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d)) : '—',
    num: (n: number | null | undefined, digits = 1) =>
      n == null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n),
    pct: (n: number | null | undefined) => (n == null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(n)),
  };
}

/** Today as YYYY-MM-DD in local time (for date inputs). */
export function today(offsetDays = 0): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
