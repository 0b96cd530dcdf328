import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import { SCOPE_DESCRIPTIONS, isKnownScope } from './scopes.js';

/**
 * The simulator's own login, consent and error pages.
 *
 * They load nothing from outside (the simulator must work offline, which is why oidc-provider's
 * devInteractions, with their Google Fonts import, are not used), carry a strict CSP, and are
 * built for an axe-core check: lang attribute, one h1, labelled inputs, landmarks, contrast.
 * Tests rely on the input names `login` and `password`, one submit button on the login page,
 * and the button texts "Allow" and "Deny" on the consent page.
 */

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1f; background: #f4f2ee; line-height: 1.5; }
  header, footer { padding: 0.75rem 1.5rem; }
  header { background: #1b1b1f; color: #ffffff; }
  header p { margin: 0; font-weight: 600; }
  .badge { display: inline-block; margin-left: 0.5rem; padding: 0 0.5rem; border-radius: 999px; background: #ffd84d; color: #1b1b1f; font-size: 0.8rem; }
  main { max-width: 34rem; margin: 2rem auto; padding: 2rem; background: #ffffff; border-radius: 12px; box-shadow: 0 1px 3px rgba(0,0,0,0.15); }
  h1 { font-size: 1.5rem; margin-top: 0; }
  h2 { font-size: 1.1rem; margin-top: 1.75rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { display: block; width: 100%; margin-top: 0.25rem; padding: 0.6rem; font-size: 1rem; border: 1px solid #5c5c66; border-radius: 6px; }
  input:focus, button:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  button { margin-top: 1.5rem; padding: 0.65rem 1.4rem; font-size: 1rem; border-radius: 6px; border: 2px solid #1b1b1f; background: #ffffff; color: #1b1b1f; cursor: pointer; }
  button.primary { background: #1b1b1f; color: #ffffff; }
  .actions { display: flex; gap: 1rem; }
  .actions form { margin: 0; }
  .alert { margin-top: 1rem; padding: 0.75rem; border-radius: 6px; background: #fde8e8; color: #7a1212; border: 1px solid #b42318; }
  table { width: 100%; border-collapse: collapse; margin-top: 0.5rem; font-size: 0.9rem; }
  caption { text-align: left; color: #3d3d45; margin-bottom: 0.25rem; }
  th, td { text-align: left; padding: 0.35rem 0.4rem; border-bottom: 1px solid #d6d3cc; vertical-align: top; }
  code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
  ul.scopes { padding-left: 1.2rem; }
  ul.scopes li { margin-bottom: 0.5rem; }
  .muted { color: #3d3d45; }
  footer { text-align: center; color: #3d3d45; font-size: 0.85rem; }
`;

interface Page {
  title: string;
  body: string;
  status?: number;
}

/** Writes a complete HTML page with security headers suitable for a sign-in page. */
export function sendPage(res: ServerResponse, page: Page): void {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Pleo staging simulator</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header><p>Pleo staging simulator <span class="badge">Simulator</span></p></header>
<main>
${page.body}
</main>
<footer><p>A local simulator of Pleo's staging environment. It is not Pleo and holds only dummy data.</p></footer>
</body>
</html>
`;
  res.writeHead(page.status ?? 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'`,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  });
  res.end(html);
}

export interface LoginPageInput {
  uid: string;
  clientName: string;
  users: ReadonlyArray<{ email: string; password: string; subjectLabel: string }>;
  error?: string;
  email?: string;
}

export function loginPage(input: LoginPageInput): Page {
  const errorId = 'login-error';
  const described = input.error ? ` aria-describedby="${errorId}" aria-invalid="true"` : '';
  const rows = input.users
    .map(
      (u) =>
        `<tr><td><code>${escapeHtml(u.email)}</code></td><td><code>${escapeHtml(u.password)}</code></td><td>${escapeHtml(u.subjectLabel)}</td></tr>`,
    )
    .join('\n');
  return {
    title: 'Sign in',
    status: input.error ? 401 : 200,
    body: `<h1>Sign in to Pleo</h1>
<p><strong>${escapeHtml(input.clientName)}</strong> wants to connect to your Pleo account. Sign in to continue.</p>
${input.error ? `<div class="alert" role="alert" id="${errorId}">${escapeHtml(input.error)}</div>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(input.uid)}/login">
<label for="login">Email</label>
<input id="login" name="login" type="email" autocomplete="username" required value="${escapeHtml(input.email ?? '')}"${described}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}>
<button type="submit" class="primary">Sign in</button>
</form>
<section aria-labelledby="test-users-heading">
<h2 id="test-users-heading">Staging test users</h2>
<p class="muted">This is a simulator, so its test accounts are listed here. They exist nowhere else.</p>
<table>
<caption>Email, password and what each user can access</caption>
<thead><tr><th scope="col">Email</th><th scope="col">Password</th><th scope="col">Access</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`,
  };
}

export interface ConsentPageInput {
  uid: string;
  clientName: string;
  userName: string;
  userEmail: string;
  subjectLabel: string;
  grantedScopes: string[];
  unavailableScopes: string[];
}

export function consentPage(input: ConsentPageInput): Page {
  const items = input.grantedScopes.map((scope) => {
    const text = isKnownScope(scope) ? SCOPE_DESCRIPTIONS[scope] : { title: scope, detail: '' };
    return `<li><strong>${escapeHtml(text.title)}</strong> <code>${escapeHtml(scope)}</code><br><span class="muted">${escapeHtml(text.detail)}</span></li>`;
  });
  const list = items.length > 0 ? `<ul class="scopes">\n${items.join('\n')}\n</ul>` : '<p>No access to data was requested.</p>';
  const unavailable =
    input.unavailableScopes.length > 0
      ? `<p class="muted">Also requested, but not registered for this app and therefore not granted: ${input.unavailableScopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ')}.</p>`
      : '';
  return {
    title: 'Allow access',
    body: `<h1>Allow ${escapeHtml(input.clientName)} to access ${escapeHtml(input.subjectLabel)}?</h1>
<p>Signed in as ${escapeHtml(input.userName)} (<code>${escapeHtml(input.userEmail)}</code>).</p>
<h2>${escapeHtml(input.clientName)} will be able to:</h2>
${list}
${unavailable}
<div class="actions">
<form method="post" action="/interaction/${encodeURIComponent(input.uid)}/confirm"><button type="submit" class="primary">Allow</button></form>
<form method="post" action="/interaction/${encodeURIComponent(input.uid)}/abort"><button type="submit">Deny</button></form>
</div>`,
  };
}

export function errorPage(input: { title: string; message: string; detail?: string; status: number }): Page {
  return {
    title: input.title,
    status: input.status,
    body: `<h1>${escapeHtml(input.title)}</h1>
<p>${escapeHtml(input.message)}</p>
${input.detail ? `<p class="muted"><code>${escapeHtml(input.detail)}</code></p>` : ''}
<p>Go back to the app and start signing in again.</p>`,
  };
}

/** HTML for oidc-provider's renderError hook (errors that cannot be redirected to the client). */
export function providerErrorHtml(out: { error?: string; error_description?: string }): { html: string; nonce: string } {
  const nonce = randomBytes(16).toString('base64');
  const title = 'Sign-in request rejected';
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Pleo staging simulator</title><style nonce="${nonce}">${STYLE}</style></head>
<body>
<header><p>Pleo staging simulator <span class="badge">Simulator</span></p></header>
<main>
<h1>${title}</h1>
<p>The authorization server could not process this request and cannot send you back to the app.</p>
<p class="muted"><code>${escapeHtml(out.error ?? 'error')}</code>${out.error_description ? `: ${escapeHtml(out.error_description)}` : ''}</p>
</main>
<footer><p>A local simulator of Pleo's staging environment. It is not Pleo and holds only dummy data.</p></footer>
</body>
</html>
`;
  return { html, nonce };
}
