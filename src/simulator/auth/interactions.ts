import type { IncomingMessage, ServerResponse } from 'node:http';

import type Provider from 'oidc-provider';

import type { StagingUser } from '../data/model.js';
import { readBody } from '../http/body.js';
import type { SimulatorClient } from './clients.js';
import { consentPage, errorPage, loginPage, sendPage } from './pages.js';

/**
 * The login and consent steps of the authorization flow (`/interaction/{uid}`).
 *
 * oidc-provider redirects the browser here whenever it needs the user; these handlers render
 * the pages, check the seeded credentials, record consent as a grant, and hand control back
 * with `interactionFinished`, which answers 303 to `/oauth/authorize/{uid}`.
 */

export interface InteractionDeps {
  provider: Provider;
  clients: readonly SimulatorClient[];
  users: readonly StagingUser[];
  /** Called when the user allows access; Pleo creates an installation at this point. */
  onConsent: (clientId: string, user: StagingUser) => void;
}

const PATH = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|confirm|abort))?$/;

export async function handleInteraction(req: IncomingMessage, res: ServerResponse, pathname: string, deps: InteractionDeps): Promise<void> {
  const match = PATH.exec(pathname);
  if (!match) {
    sendPage(res, errorPage({ title: 'Page not found', message: 'There is no sign-in page at this address.', status: 404 }));
    return;
  }
  const action = match[2];
  const method = req.method ?? 'GET';
  if ((action === undefined && method !== 'GET') || (action !== undefined && method !== 'POST')) {
    res.setHeader('Allow', action === undefined ? 'GET' : 'POST');
    sendPage(res, errorPage({ title: 'Method not allowed', message: 'This page does not accept that kind of request.', status: 405 }));
    return;
  }

  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await deps.provider.interactionDetails(req, res);
  } catch {
    // Missing or expired interaction cookie: the browser was not the one that started the flow,
    // or the flow is older than the interaction lifetime.
    sendPage(
      res,
      errorPage({
        title: 'Sign-in link expired',
        message: 'This sign-in session has expired or was started in another browser.',
        status: 400,
      }),
    );
    return;
  }
  if (details.uid !== match[1]) {
    sendPage(res, errorPage({ title: 'Sign-in link expired', message: 'This sign-in session does not match your browser.', status: 400 }));
    return;
  }

  const clientId = String(details.params.client_id ?? '');
  const client = deps.clients.find((c) => c.clientId === clientId);
  const clientName = client?.name ?? clientId;
  const prompt = details.prompt.name;

  if (action === undefined) {
    if (prompt === 'login') {
      sendPage(res, loginPage({ uid: details.uid, clientName, users: deps.users }));
    } else if (prompt === 'consent') {
      sendPage(res, consentPage(consentInput(details, client, clientName, deps.users)));
    } else {
      sendPage(res, errorPage({ title: 'Unsupported step', message: `The sign-in step "${prompt}" is not supported.`, status: 501 }));
    }
    return;
  }

  if (action === 'abort') {
    await deps.provider.interactionFinished(
      req,
      res,
      {
        error: 'access_denied',
        error_description: 'The user denied the authorization request.',
      },
      { mergeWithLastSubmission: false },
    );
    return;
  }

  if (action === 'login') {
    if (prompt !== 'login') {
      sendPage(res, errorPage({ title: 'Already signed in', message: 'This step has already been completed.', status: 400 }));
      return;
    }
    const form = new URLSearchParams((await readBody(req, 16 * 1024)).toString('utf8'));
    const email = (form.get('login') ?? '').trim();
    const password = form.get('password') ?? '';
    const user = deps.users.find((u) => u.email.toLowerCase() === email.toLowerCase() && u.password === password);
    if (!user) {
      sendPage(
        res,
        loginPage({
          uid: details.uid,
          clientName,
          users: deps.users,
          email,
          error: 'The email or password is wrong. Use one of the test users listed below.',
        }),
      );
      return;
    }
    await deps.provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    return;
  }

  // action === 'confirm'
  if (prompt !== 'consent' || !details.session) {
    sendPage(res, errorPage({ title: 'Nothing to confirm', message: 'There is no pending consent for this sign-in.', status: 400 }));
    return;
  }
  const { Grant } = deps.provider;
  const grant =
    (details.grantId ? await Grant.find(details.grantId) : undefined) ?? new Grant({ accountId: details.session.accountId, clientId });
  const promptDetails = details.prompt.details;
  const missingOIDCScope = promptDetails.missingOIDCScope as string[] | undefined;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
  const missingResourceScopes = promptDetails.missingResourceScopes as Record<string, string[]> | undefined;
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  const user = deps.users.find((u) => u.id === details.session?.accountId);
  if (user) deps.onConsent(clientId, user);
  await deps.provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

function consentInput(
  details: Awaited<ReturnType<Provider['interactionDetails']>>,
  client: SimulatorClient | undefined,
  clientName: string,
  users: readonly StagingUser[],
): Parameters<typeof consentPage>[0] {
  const user = users.find((u) => u.id === details.session?.accountId);
  const requested = String(details.params.scope ?? '')
    .split(' ')
    .filter((s) => s.length > 0 && s !== 'openid');
  const allowed = new Set<string>(client?.scopes ?? []);
  return {
    uid: details.uid,
    clientName,
    userName: user?.name ?? 'Unknown user',
    userEmail: user?.email ?? '',
    subjectLabel: user?.subjectLabel ?? 'your company',
    grantedScopes: requested.filter((s) => allowed.has(s)),
    unavailableScopes: requested.filter((s) => !allowed.has(s)),
  };
}
