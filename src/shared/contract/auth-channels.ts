/**
 * Sign-in channels (issue 4). The renderer can choose an environment, store credentials
 * (write-only), start/cancel a sign-in, paste back a callback address, refresh, sign out.
 * It never receives a secret, a token, the verifier, state or a code.
 */
import { z } from 'zod';
import { event, request } from './define.js';
import { environmentId as id, environmentRequest, withEnvironment } from './environment-id.js';
import { scopeListSchema } from '../catalog/scopes.js';
import type { AuthStatus, CredentialCheck, EnvironmentSummary, FlowProgress } from '../environments.js';

const httpUrl = z.string().min(1).max(2048);

export const customEnvironmentInput = z.strictObject({
  name: z.string().min(1).max(80),
  authorizationEndpoint: httpUrl,
  tokenEndpoint: httpUrl,
  introspectionEndpoint: httpUrl.optional(),
  revocationEndpoint: httpUrl.optional(),
  issuer: httpUrl,
  apiBase: httpUrl,
  clientAuth: z.enum(['client_secret_basic', 'client_secret_basic_unencoded', 'client_secret_post']).optional(),
});

export const authChannels = {
  'environments.list': request<{ environments: EnvironmentSummary[]; activeId: string }>()(
    z.strictObject({}),
    'All environments and the active one.',
  ),
  'environments.select': request<EnvironmentSummary>()(
    z.strictObject({ environmentId: id }),
    'Make an environment active (cancels any pending sign-in of another environment).',
  ),
  'environments.update': request<EnvironmentSummary>()(
    z.strictObject({
      environmentId: id,
      clientId: z.string().max(200).optional(),
      redirectUri: z.string().max(2048).optional(),
      scopes: scopeListSchema.optional(),
      issuer: httpUrl.optional(),
      clientAuth: z.enum(['client_secret_basic', 'client_secret_basic_unencoded', 'client_secret_post']).optional(),
    }),
    'Edit Client ID, registered redirect URI, scopes or issuer of an environment (validated in main).',
  ),
  'environments.restoreDefaults': request<EnvironmentSummary>()(
    z.strictObject({ environmentId: id }),
    'Forget the edits of a built-in environment: the simulator gets its own client back.',
  ),
  'environments.addCustom': request<EnvironmentSummary>()(
    customEnvironmentInput,
    'Add a custom environment (https required except loopback).',
  ),
  'environments.remove': request<{ removed: true }>()(
    z.strictObject({ environmentId: id }),
    'Remove a custom environment and its secrets.',
  ),
  'credentials.setClientSecret': request<EnvironmentSummary>()(
    z.strictObject({ environmentId: id, clientSecret: z.string().min(1).max(1000) }),
    'Store the Client Secret in the keychain. Write-only: it is never read back to the renderer.',
  ),
  'credentials.clear': request<EnvironmentSummary>()(z.strictObject({ environmentId: id }), 'Forget the Client Secret and tokens.'),
  'credentials.check': request<CredentialCheck>()(
    z.strictObject({ environmentId: id }),
    'Probe the token endpoint with a dummy code: invalid_client vs invalid_grant.',
  ),
  'auth.signIn': request<FlowProgress>()(
    z.strictObject({ environmentId: id, forceLogin: z.boolean().optional() }),
    'Start the authorization code + PKCE flow in the system browser. A new flow cancels the old one.',
  ),
  'auth.cancel': request<{ cancelled: boolean }>()(z.strictObject({}), 'Cancel the pending sign-in.'),
  'auth.progress': request<{ progress?: FlowProgress }>()(
    z.strictObject({}),
    'Latest progress of the pending (or last) sign-in, for a screen that opens mid-flow.',
  ),
  'auth.reopen': request<{ reopened: boolean }>()(
    z.strictObject({}),
    'Open the pending sign-in page in the browser again (the tab was closed).',
  ),
  'auth.pasteCallback': request<FlowProgress>()(
    z.strictObject({ url: z.string().min(1).max(8192) }),
    'Paste-back: the address the browser landed on (for https redirect URIs).',
  ),
  'auth.status': environmentRequest<AuthStatus>('Token status of an environment (no tokens).'),
  'auth.refresh': environmentRequest<AuthStatus>('Refresh the access token now.'),
  'auth.signOut': request<AuthStatus>()(
    withEnvironment({ disconnectInstallation: z.boolean().optional() }),
    'Revoke (where possible), optionally disconnect the Pleo installation, and wipe stored tokens.',
  ),
} as const;

export const authEvents = {
  'auth.flowProgress': event<FlowProgress>('Live progress of the pending sign-in.'),
  'auth.statusChanged': event<AuthStatus>('Token status changed (signed in, refreshed, signed out, ...).'),
  'environments.changed': event<{ environments: EnvironmentSummary[]; activeId: string }>('Environments or the active one changed.'),
} as const;
