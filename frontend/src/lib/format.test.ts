import { expect, test } from 'vitest';
import { pick } from './format';
import { normalizeLanguage } from '../i18n';

test('bilingual values follow the language and fall back to the other side', () => {
  expect(pick({ en: 'Agent', zh: '客服专员' }, 'zh-CN')).toBe('客服专员');
  expect(pick({ en: 'Agent', zh: '客服专员' }, 'en')).toBe('Agent');
  expect(pick({ en: 'Agent', zh: '' }, 'zh-CN')).toBe('Agent');
  expect(pick(null, 'en')).toBe('');
});

test('browser languages map onto the two the product speaks', () => {
  expect(normalizeLanguage('zh')).toBe('zh-CN');
  expect(normalizeLanguage('zh-Hans-CN')).toBe('zh-CN');
  expect(normalizeLanguage('en-GB')).toBe('en');
  expect(normalizeLanguage('fr')).toBe('en');
  expect(normalizeLanguage(undefined)).toBe('en');
});
