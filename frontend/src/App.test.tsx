import { expect, test } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWith } from './test/render';
import { SignIn } from './App';
import { SessionContextForTest } from './auth/session';

test('the sign-in form is labelled and reports bad credentials in Chinese', async () => {
  const signIn = async () => {
    const { ApiError } = await import('./lib/errors');
    throw new ApiError([{ message: 'wrong e-mail address or password', extensions: { code: 'UNAUTHENTICATED', key: 'auth.invalid_credentials' } }]);
  };
  renderWith(
    <SessionContextForTest value={{ signIn, expired: false }}>
      <SignIn />
    </SessionContextForTest>,
    { lang: 'zh-CN' },
  );
  await userEvent.type(screen.getByLabelText('电子邮箱'), 'agent@rungs.demo');
  await userEvent.type(screen.getByLabelText('密码'), 'nope');
  await userEvent.click(screen.getByRole('button', { name: '登录' }));
  expect(await screen.findByRole('alert')).toHaveProperty('textContent', '邮箱或密码错误。');
});

test('an expired session says so', () => {
  renderWith(
    <SessionContextForTest value={{ expired: true }}>
      <SignIn />
    </SessionContextForTest>,
  );
  expect(screen.getByRole('alert').textContent).toBe('Your session has expired. Please sign in again.');
});
