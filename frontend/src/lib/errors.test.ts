import { describe, expect, test } from 'vitest';
import { ApiError, problems, problemText } from './errors';
import { initI18n } from '../i18n';

describe('server errors in the user language', () => {
  test('a known key is shown in Chinese', () => {
    const i18n = initI18n('zh-CN');
    const err = new ApiError([{ message: 'wrong e-mail address or password', extensions: { code: 'UNAUTHENTICATED', key: 'auth.invalid_credentials' } }]);
    expect(problems(err).map((p) => problemText(i18n.t, p))).toEqual(['邮箱或密码错误。']);
  });

  test('an unknown key falls back to the text of its code, never to the English message', () => {
    const i18n = initI18n('zh-CN');
    const err = new ApiError([{ message: 'some english detail', extensions: { code: 'CONFLICT', key: 'nothing.like.this' } }]);
    expect(problemText(i18n.t, problems(err)[0])).toBe('当前状态下无法执行此操作。');
  });

  test('every detail of a validation error is listed', () => {
    const err = new ApiError([
      {
        message: 'invalid input',
        extensions: { code: 'BAD_USER_INPUT', details: [{ field: 'email', key: 'a.b', message: 'x' }, { field: 'name', key: 'c.d', message: 'y' }] },
      },
    ]);
    expect(problems(err).map((p) => p.field)).toEqual(['email', 'name']);
  });

  test('a network failure has its own code', () => {
    const i18n = initI18n('en');
    const p = problems({ graphQLErrors: [], networkError: new Error('Failed to fetch') });
    expect(problemText(i18n.t, p[0])).toBe('The server cannot be reached. Check your connection.');
  });
});

test('a field inside a list is named by its label and row', () => {
  const i18n = initI18n('en');
  const p = problems(new ApiError([{ message: 'x', extensions: { code: 'BAD_USER_INPUT', key: 'nothing.like.this', field: 'modules[2].titleEn' } }]))[0];
  const text = problemText(i18n.t, p);
  expect(text).toMatch(/\(#3\): Some of what you entered is not valid\.$/);
  expect(text).not.toContain('modules[2]');
});
