// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ChecklistScreen } from '../../../src/renderer/onboarding/ChecklistScreen.js';
import { PresenterContext } from '../../../src/renderer/app/presenter-context.js';
import { buildView } from '../../../src/core/onboarding/build-view.js';
import { emptyRecord } from '../../../src/core/onboarding/progress-store.js';
import type { ChecklistView } from '../../../src/shared/onboarding.js';
import { installFakePartner } from './fake-partner.js';
import { simulatorEnv } from './fakes.js';

afterEach(cleanup);

function view(patch: (v: ChecklistView) => void = () => undefined): ChecklistView {
  const rec = emptyRecord();
  rec.evidence.push({
    id: 'e1',
    stepId: 'authorized',
    at: 1_750_000_000_000,
    outcome: 'passed',
    how: 'automatic',
    checked: 'Sign-in',
    result: 'Signed in.',
    facts: { subject: 'urn:pleo:company:SUBJECT-1' },
  });
  const v = buildView({ env: simulatorEnv({ clientId: 'CLIENT-ID-XYZ' }), record: rec, flowPending: false, pdfAvailable: false });
  patch(v);
  return v;
}

describe('ChecklistScreen', () => {
  it('shows every step with its status as text and icon, the proof kind, and progress', async () => {
    installFakePartner({ 'onboarding.get': () => ({ ok: true, value: view() }) });
    render(<ChecklistScreen navigate={() => undefined} />);
    const steps = await screen.findAllByRole('article');
    expect(steps).toHaveLength(8);
    expect(screen.getByTestId('checklist-progress').textContent).toBe('1 of 7 steps proven');
    const authorized = screen.getByTestId('step-authorized');
    expect(within(authorized).getByText('Proven', { exact: false })).toBeTruthy();
    // Only the current step is open; a manual step says it is self-confirmed.
    expect(screen.getByTestId('step-access-requested').dataset.open).toBe('true');
    expect(screen.getByTestId('step-authorized').dataset.open).toBe('false');
    expect(within(screen.getByTestId('step-access-requested')).getByText('Self-confirmed')).toBeTruthy();
    expect(screen.getByTestId('step-export-next').querySelector('[data-status="coming-next"]')!.textContent).toContain('Coming next');
    expect(screen.getByText(/PDF export is only available in the desktop app/)).toBeTruthy();
  });

  it('masks the Client ID and subject in presenter mode', async () => {
    installFakePartner({ 'onboarding.get': () => ({ ok: true, value: view() }) });
    const { container } = render(
      <PresenterContext.Provider value={true}>
        <ChecklistScreen navigate={() => undefined} />
      </PresenterContext.Provider>,
    );
    await screen.findAllByRole('article');
    fireEvent.click(screen.getByTestId('toggle-authorized'));
    expect(container.textContent).not.toContain('CLIENT-ID-XYZ');
    expect(container.textContent).not.toContain('SUBJECT-1');
    expect(container.querySelectorAll('[data-sensitive="masked"]').length).toBeGreaterThanOrEqual(2);
  });

  it('runs a check and explains a failure with the step it affects', async () => {
    const fake = installFakePartner({
      'onboarding.get': () => ({ ok: true, value: view() }),
      'onboarding.runCheck': () => ({
        ok: true,
        value: { view: view(), passed: false, error: { code: 'SESSION_ENDED', message: 'Your session with Pleo has ended.' } },
      }),
    });
    render(<ChecklistScreen navigate={() => undefined} />);
    fireEvent.click(await screen.findByTestId('toggle-first-api-call'));
    const button = await screen.findByTestId('action-first-api-call-run-check');
    await act(async () => {
      fireEvent.click(button);
    });
    const alert = await screen.findByTestId('error-SESSION_ENDED');
    expect(alert.textContent).toMatch(/sign in again/i);
    expect(screen.getByTestId('affects-step').textContent).toContain('5. Authorization completed');
    expect(fake.calls.find((c) => c.channel === 'onboarding.runCheck')!.payload).toEqual({
      environmentId: 'simulator',
      stepId: 'first-api-call',
    });
  });

  it('records a manual confirmation with the name typed', async () => {
    const fake = installFakePartner({
      'onboarding.get': () => ({ ok: true, value: view() }),
      'onboarding.confirmManual': () => ({ ok: true, value: view() }),
    });
    render(<ChecklistScreen navigate={() => undefined} />);
    const card = await screen.findByTestId('step-client-registered');
    fireEvent.click(screen.getByTestId('toggle-client-registered'));
    fireEvent.change(within(card).getByLabelText('Confirmed by (your name)'), { target: { value: 'Alex' } });
    await act(async () => {
      fireEvent.click(within(card).getByRole('button', { name: 'Confirm: registration sent' }));
    });
    expect(fake.calls.find((c) => c.channel === 'onboarding.confirmManual')!.payload).toEqual({
      environmentId: 'simulator',
      stepId: 'client-registered',
      confirmedBy: 'Alex',
    });
  });

  it('updates live from onboarding.changed', async () => {
    const fake = installFakePartner({ 'onboarding.get': () => ({ ok: true, value: view() }) });
    render(<ChecklistScreen navigate={() => undefined} />);
    await screen.findAllByRole('article');
    act(() =>
      fake.emit(
        'onboarding.changed',
        view((v) => ((v.steps[6]!.status = 'done'), (v.done = 2))),
      ),
    );
    await waitFor(() => expect(screen.getByTestId('checklist-progress').textContent).toBe('2 of 7 steps proven'));
    expect(screen.getByTestId('step-first-api-call').dataset.status).toBe('done');
  });
});
