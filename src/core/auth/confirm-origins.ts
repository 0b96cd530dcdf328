/**
 * New or changed places an environment sends the user's credentials, code or token to take
 * effect only after the user confirms them in a dialog shown by main (security issue 11,
 * point 2). The renderer can ask for a change, but a compromised renderer cannot answer the
 * question: it is asked through the ConfirmPort (Electron's native dialog in the app).
 *
 * What needs confirming:
 * - a custom environment (its authorization, token, introspection, revocation and API origins);
 * - a changed issuer or registered redirect URI of Pleo Staging or a custom environment, unless
 *   it goes back to the built-in default.
 * The simulator's redirect URI needs none: main started that server itself, and it redirects
 * only to the URIs it registered.
 */
import { failure } from '../../shared/result.js';
import { PLEO_STAGING, SIMULATOR_ID, STAGING_ID } from '../environments/builtin-environments.js';
import type { CustomEnvironmentInput, EnvironmentConfig, EnvironmentPatch } from '../environments/environment-registry.js';
import type { ConfirmPort, ConfirmRequest } from '../ports.js';

const notConfirmed = () =>
  failure('NOT_CONFIRMED', 'Nothing was changed: the new addresses were not confirmed.', {
    hint: 'Try again and choose the confirm button in the dialog if you entered them yourself.',
  });

async function ask(confirm: ConfirmPort | undefined, request: ConfirmRequest): Promise<void> {
  // No port: refuse rather than allow unasked (fail closed).
  const yes = confirm ? await confirm.confirm(request).catch(() => false) : false;
  if (yes !== true) throw notConfirmed();
}

const originOf = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

export async function confirmNewEnvironment(confirm: ConfirmPort | undefined, input: CustomEnvironmentInput): Promise<void> {
  const lines = [
    `Your Client ID and Client Secret go to: ${originOf(input.tokenEndpoint)}`,
    `You sign in at: ${originOf(input.authorizationEndpoint)}`,
    `Your access token goes with API calls to: ${originOf(input.apiBase)}`,
  ];
  for (const [label, url] of [
    ['Introspection', input.introspectionEndpoint],
    ['Revocation', input.revocationEndpoint],
  ] as const) {
    const origin = originOf(url);
    if (origin && origin !== originOf(input.tokenEndpoint)) lines.push(`${label} requests go to: ${origin}`);
  }
  await ask(confirm, {
    kind: 'new-environment',
    title: 'Add a custom environment?',
    message: `Add "${input.name.slice(0, 80)}"? Only continue if you typed these addresses yourself: the app will send your credentials and tokens there.`,
    detail: lines.join('\n'),
    confirmLabel: 'Add environment',
  });
}

/** Asks only when the patch changes the issuer or redirect URI to a value that needs it. */
export async function confirmEnvironmentChange(
  confirm: ConfirmPort | undefined,
  env: EnvironmentConfig,
  patch: EnvironmentPatch,
): Promise<void> {
  if (env.id === SIMULATOR_ID) return;
  const lines: string[] = [];
  const isDefault = (field: 'issuer' | 'redirectUri', value: string) => env.id === STAGING_ID && value === PLEO_STAGING[field];
  if (patch.redirectUri !== undefined && patch.redirectUri !== env.redirectUri && !isDefault('redirectUri', patch.redirectUri)) {
    lines.push(`Registered redirect URI (where the sign-in code is sent): ${patch.redirectUri}`);
  }
  if (patch.issuer !== undefined && patch.issuer !== env.issuer && !isDefault('issuer', patch.issuer)) {
    lines.push(`Expected issuer (whose sign-in answers are accepted): ${patch.issuer}`);
  }
  if (lines.length === 0) return;
  await ask(confirm, {
    kind: 'environment-change',
    title: `Change ${env.name}?`,
    message: `Change where ${env.name} signs you in? Only continue if you made this change yourself.`,
    detail: lines.join('\n'),
    confirmLabel: 'Change',
  });
}
