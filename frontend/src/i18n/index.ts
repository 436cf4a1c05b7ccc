// i18next with the product's two languages. The choice is remembered in
// localStorage ("rungs.lang"); the first visit follows the browser. Every
// area keeps its own namespace file under src/locales/<lang>/<area>.json.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

const files = import.meta.glob('../locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];
export const namespaces = ['common', 'errors', 'employee', 'trainer', 'manager', 'hr', 'admin'] as const;

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, data] of Object.entries(files)) {
  const m = path.match(/locales\/([^/]+)\/([^/]+)\.json$/);
  if (!m) continue;
  (resources[m[1]] ??= {})[m[2]] = data;
}

/** Maps whatever the browser says (zh, zh-Hans-CN, en-GB…) onto a supported language. */
export function normalizeLanguage(lng: string | undefined): Language {
  return lng && lng.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function initI18n(lng?: string) {
  const inst = i18n.createInstance();
  inst
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      lng,
      ns: [...namespaces],
      defaultNS: 'common',
      fallbackLng: 'en',
      supportedLngs: [...languages],
      nonExplicitSupportedLngs: false,
      load: 'currentOnly',
      returnNull: false,
      showSupportNotice: false,
      interpolation: { escapeValue: false },
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: 'rungs.lang',
        caches: ['localStorage'],
        convertDetectedLanguage: (l: string) => normalizeLanguage(l),
      },
    });
  inst.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  document.documentElement.lang = inst.language;
  return inst;
}
