import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from 'urql';
import { beforeAll, expect, test, vi } from 'vitest';
import { fakeClient, renderWith } from '../../test/render';
import { Ratings } from './Ratings';
import { ratings } from './fixtures';

import './testing';

// The open period is the current half-year, named after it.
const period = ratings().me.performanceRatings[0].period.name;

// The machine is shared: first renders (recharts, i18n) can be slow.
vi.setConfig({ testTimeout: 20_000 });

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal?: () => void; close?: () => void };
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

type Calls = { name: string; variables: Record<string, unknown> }[];

test('a new rating can be acknowledged', async () => {
  const calls: Calls = [];
  renderWith(<Ratings />, { lang: 'en', client: fakeClient({ EmployeeRatings: ratings(), EmployeeAcknowledgeRating: { acknowledgeRating: { id: '33', status: 'ACKNOWLEDGED' } } }, calls) });
  const card = await screen.findByRole('region', { name: period.en });
  expect(within(card).getByText('Waiting for you')).toBeTruthy();
  expect(card.textContent).toContain('Li Na');
  expect(card.textContent).toContain('Clear progress on complaints.');
  expect(card.textContent).toContain('4 / 5');
  await userEvent.click(within(card).getByRole('button', { name: 'Acknowledge' }));
  await screen.findByText(`You acknowledged the rating for ${period.en}.`);
  expect(calls.find((c) => c.name === 'EmployeeAcknowledgeRating')!.variables).toEqual({ id: '33' });
});

test('a dispute needs a reason and sends it', async () => {
  const calls: Calls = [];
  renderWith(<Ratings />, { lang: 'en', client: fakeClient({ EmployeeRatings: ratings(), EmployeeDisputeRating: { disputeRating: { id: '33', status: 'DISPUTED', employeeComment: 'x' } } }, calls) });
  await userEvent.click(await screen.findByRole('button', { name: 'Dispute…' }));
  await userEvent.click(screen.getByRole('button', { name: 'Send the dispute' }));
  expect(screen.getByText('Please say why you disagree.')).toBeTruthy();
  expect(calls.some((c) => c.name === 'EmployeeDisputeRating')).toBe(false);
  await userEvent.type(screen.getByLabelText('Why you disagree'), '  I covered the night shift.  ');
  await userEvent.click(screen.getByRole('button', { name: 'Send the dispute' }));
  await screen.findByText(`Your dispute of the rating for ${period.en} went to HR.`);
  expect(calls.find((c) => c.name === 'EmployeeDisputeRating')!.variables).toEqual({ id: '33', comment: 'I covered the night shift.' });
});

test('a refused acknowledgement shows the problem', async () => {
  const error = new CombinedError({ graphQLErrors: [{ message: 'x', extensions: { code: 'CONFLICT' } }] });
  renderWith(<Ratings />, { lang: 'en', client: fakeClient({ EmployeeRatings: ratings(), EmployeeAcknowledgeRating: error }) });
  await userEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('This cannot be done in the current state.'));
});

test('in Chinese; an acknowledged rating has no actions', async () => {
  renderWith(<Ratings />, { lang: 'zh-CN', client: fakeClient({ EmployeeRatings: ratings('ACKNOWLEDGED') }) });
  const card = await screen.findByRole('region', { name: period.zh });
  expect(within(card).getByText('已确认')).toBeTruthy();
  expect(within(card).getByText('评分人')).toBeTruthy();
  expect(within(card).queryByRole('button')).toBeNull();
});
