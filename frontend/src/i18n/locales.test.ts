// Both languages carry the same keys: a screen never falls back to the other
// language because one file forgot a text.
import { expect, test } from 'vitest';

const files = import.meta.glob('../locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Record<string, unknown>>;

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

test('en and zh-CN have the same keys in every namespace', () => {
  const byLang: Record<string, Record<string, string[]>> = {};
  for (const [path, data] of Object.entries(files)) {
    const [, lang, ns] = path.match(/locales\/([^/]+)\/([^/]+)\.json$/)!;
    (byLang[lang] ??= {})[ns] = keys(data).sort();
  }
  expect(Object.keys(byLang['zh-CN']).sort()).toEqual(Object.keys(byLang.en).sort());
  for (const ns of Object.keys(byLang.en)) expect({ ns, keys: byLang['zh-CN'][ns] }).toEqual({ ns, keys: byLang.en[ns] });
});

test('no text is left empty', () => {
  for (const [path, data] of Object.entries(files)) {
    const empty: string[] = [];
    const walk = (o: unknown, p: string) => {
      if (typeof o === 'string') {
        if (!o.trim()) empty.push(p);
      } else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, p ? `${p}.${k}` : k);
    };
    walk(data, '');
    expect({ path, empty }).toEqual({ path, empty: [] });
  }
});
