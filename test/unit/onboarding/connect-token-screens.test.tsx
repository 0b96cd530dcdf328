// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ConnectScreen } from '../../../src/renderer/connect/ConnectScreen.js';
import { TokenScreen } from '../../../src/renderer/token/TokenScreen.js';
import type { AuthStatus } from '../../../src/shared/environments.js';
import { installFakePartner } from './fake-partner.js';
import { simulatorEnv } from './fakes.js';

afterEach(cleanup);

const list = (patch = {}) => ({ ok: true as const, value: { environments: [simulatorEnv(patch)], activeId: 'simulator' } });

describe('ConnectScreen', () => {
  it('sends the secret write-only, clears the field, runs the credential probe and explains a rejection', async () => {
    const fake = installFakePartner({
      'environments.list': () => list(),
      'credentials.setClientSecret': () => ({ ok: true, value: simulatorEnv({ hasClientSecret: true, clientSecretFingerprint: '…3f9a' }) }),
      'credentials.check': () => ({ ok: true, value: { outcome: 'rejected', checkedAt: 1, detail: 'invalid_client' } }),
    });
    render(<ConnectScreen navigate={() => undefined} />);
    const input = await screen.findByLabelText('Client Secret');
    expect(input.getAttribute('type')).toBe('password');
    fireEvent.change(input, { target: { value: 'wrong-secret' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('save-secret'));
    });
    expect((screen.getByTestId('client-secret') as HTMLInputElement).value).toBe('');
    expect(fake.calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['credentials.setClientSecret', 'credentials.check']));
    expect(screen.getByTestId('secret-state').textContent).toContain('…3f9a');
    expect(screen.getByTestId('error-CLIENT_SECRET_REJECTED').textContent).toMatch(/What to do/);
    expect(screen.getByTestId('affects-step').textContent).toContain('4. Client credentials stored');
  });

  it('client authentication (issue 9): a labelled choice with a one-sentence explanation, saved with the client details; fixed for Pleo Staging', async () => {
    const fake = installFakePartner({
      'environments.list': () =>
        list({
          clientAuth: 'client_secret_basic_unencoded',
          capabilities: {
            revocation: true,
            disconnectInstallation: true,
            issuerEditable: false,
            endpointsEditable: false,
            clientAuthEditable: true,
          },
        }),
      'environments.update': (payload: unknown) => ({ ok: true, value: simulatorEnv(payload as object) }),
    });
    render(<ConnectScreen navigate={() => undefined} />);
    const select = (await screen.findByLabelText('Client authentication')) as HTMLSelectElement;
    expect(select.value).toBe('client_secret_basic_unencoded');
    expect(document.getElementById(select.getAttribute('aria-describedby')!)?.textContent).toMatch(/letters, digits and - \. _ ~/);
    fireEvent.change(select, { target: { value: 'client_secret_basic' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('save-client'));
    });
    expect(fake.calls.find((c) => c.channel === 'environments.update')?.payload).toMatchObject({ clientAuth: 'client_secret_basic' });
    cleanup();
    const staging = simulatorEnv({
      id: 'pleo-staging',
      kind: 'pleo-staging',
      clientAuth: 'client_secret_basic_unencoded',
      capabilities: {
        revocation: false,
        disconnectInstallation: true,
        issuerEditable: true,
        endpointsEditable: false,
        clientAuthEditable: false,
      },
    });
    installFakePartner({
      'environments.list': () => ({ ok: true as const, value: { environments: [staging], activeId: 'pleo-staging' } }),
    });
    render(<ConnectScreen navigate={() => undefined} />);
    expect((await screen.findByTestId('client-auth-fixed')).textContent).toMatch(/as typed.*Pleo's own guides/);
    expect(screen.queryByLabelText('Client authentication')).toBeNull();
  });

  it('shows live sign-in progress with Cancel, the paste-back field for https redirects, and explains a denial', async () => {
    const env = { hasClientSecret: true, callbackMode: 'paste-back' as const, redirectUri: 'https://oauth.pstmn.io/v1/callback' };
    const fake = installFakePartner({
      'environments.list': () => list(env),
      'auth.signIn': () => ({
        ok: true,
        value: { flowId: 'f1', environmentId: 'simulator', phase: 'opening-browser', callbackMode: 'paste-back' },
      }),
    });
    render(<ConnectScreen navigate={() => undefined} />);
    const signIn = await screen.findByTestId('sign-in');
    await act(async () => {
      fireEvent.click(signIn);
    });
    act(() =>
      fake.emit('auth.flowProgress', {
        flowId: 'f1',
        environmentId: 'simulator',
        phase: 'waiting-for-callback',
        callbackMode: 'paste-back',
        awaitingPaste: true,
      }),
    );
    expect(screen.getByTestId('flow-progress').textContent).toContain('Waiting for you to sign in');
    expect(screen.getByTestId('cancel-sign-in')).toBeTruthy();
    const paste = screen.getByTestId('paste-url') as HTMLInputElement;
    fireEvent.change(paste, { target: { value: 'https://oauth.pstmn.io/v1/callback?code=abc&state=xyz' } });
    await act(async () => {
      fireEvent.submit(paste.form!);
    });
    expect(fake.calls.find((c) => c.channel === 'auth.pasteCallback')!.payload).toEqual({
      url: 'https://oauth.pstmn.io/v1/callback?code=abc&state=xyz',
    });
    act(() =>
      fake.emit('auth.flowProgress', {
        flowId: 'f1',
        environmentId: 'simulator',
        phase: 'failed',
        callbackMode: 'paste-back',
        error: { code: 'AUTH_DENIED', message: 'Access was denied.' },
      }),
    );
    expect(screen.getByTestId('error-AUTH_DENIED').textContent).toMatch(/What to do/);
    expect(screen.getByTestId('affects-step').textContent).toContain('5. Authorization completed');
  });
});

describe('TokenScreen', () => {
  const status: AuthStatus = {
    environmentId: 'simulator',
    signedIn: true,
    accessTokenExpiresAt: Date.now() + 125_000,
    hasRefreshToken: true,
    requestedScopes: ['users:read', 'export-items:read'],
    grantedScopes: ['users:read'],
    subject: 'urn:pleo:company:abc',
    accessTokenFingerprint: '…aa11',
    refreshTokenFingerprint: '…bb22',
    timeline: [
      { kind: 'issued', at: 1_750_000_000_000 },
      { kind: 'rotated', at: 1_750_000_100_000, detail: 'Old refresh token retired' },
    ],
    sessionOnly: false,
  };

  it('shows requested vs granted scopes in plain language, the countdown as text, and the timeline', async () => {
    installFakePartner({ 'environments.list': () => list(), 'auth.status': () => ({ ok: true, value: status }) });
    render(<TokenScreen navigate={() => undefined} />);
    const table = await screen.findByTestId('scope-table');
    const row = within(table).getByText('export-items:read').closest('tr')!;
    expect(row.textContent).toMatch(/Yes.*No/);
    expect(row.textContent).toContain('Read expenses that are ready to be exported');
    expect(screen.getByTestId('expiry-countdown').textContent).toMatch(/Access token expires in 2 min \d+ s/);
    expect(screen.getByTestId('token-timeline').textContent).toContain('Refresh token rotated');
  });

  it('signs out only after confirmation, with the optional installation disconnect', async () => {
    const fake = installFakePartner({
      'environments.list': () => list(),
      'auth.status': () => ({ ok: true, value: status }),
      'auth.signOut': () => ({ ok: true, value: { ...status, signedIn: false } }),
    });
    render(<TokenScreen navigate={() => undefined} />);
    fireEvent.click(await screen.findByTestId('sign-out'));
    expect(fake.calls.some((c) => c.channel === 'auth.signOut')).toBe(false);
    fireEvent.click(screen.getByTestId('disconnect-installation'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Sign out and disconnect' }));
    });
    expect(fake.calls.find((c) => c.channel === 'auth.signOut')!.payload).toEqual({
      environmentId: 'simulator',
      disconnectInstallation: true,
    });
    expect(screen.getByText('Signed out and the Pleo installation was disconnected.')).toBeTruthy();
  });
});
