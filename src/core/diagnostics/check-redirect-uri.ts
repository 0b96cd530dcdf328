/**
 * Check: the registered redirect URI fits a callback path this app can receive: its own link
 * scheme, a loopback address with a path, or an https address for paste-back.
 */
import { classifyRedirectUri } from '../environments/url-policy.js';
import type { CheckResult, DoctorRun } from './doctor-context.js';

export async function checkRedirectUri(run: DoctorRun): Promise<CheckResult> {
  const id = 'redirect-uri';
  const title = 'Redirect URI';
  const { redirectUri } = run.ctx.env;
  const facts = [{ label: 'Redirect URI', value: redirectUri }];
  const classified = classifyRedirectUri(redirectUri);
  if (!classified.ok) {
    return {
      id,
      title,
      status: 'fail',
      summary: `The redirect URI cannot be used: ${classified.reason}`,
      action: 'Enter the redirect URI exactly as registered with Pleo on the Connect screen.',
      facts,
    };
  }
  const { mode, url, scheme } = classified.value;
  if (mode === 'private-scheme') {
    if (scheme !== run.ctx.appScheme) {
      return {
        id,
        title,
        status: 'fail',
        summary: `The redirect URI uses the link scheme ${scheme}:, but this app receives only ${run.ctx.appScheme}: links.`,
        action: `Ask Pleo to register ${run.ctx.appScheme}:/oauth/callback for your client, or use a loopback redirect URI.`,
        facts,
      };
    }
    return { id, title, status: 'pass', summary: 'The browser will hand the sign-in back to this app through its link scheme.', facts };
  }
  if (mode === 'loopback') {
    if (url.pathname === '/' || url.pathname === '') {
      return {
        id,
        title,
        status: 'warn',
        summary: 'The loopback redirect URI has no path, so any request to that port would look like a callback.',
        action: 'Prefer a redirect URI with a path, e.g. http://127.0.0.1/oauth/callback.',
        facts,
      };
    }
    return {
      id,
      title,
      status: 'pass',
      summary: `During sign-in the app listens on ${url.hostname}${url.port ? `:${url.port}` : ' (any free port)'} for ${url.pathname}, only for that sign-in.`,
      facts,
    };
  }
  return {
    id,
    title,
    status: 'pass',
    summary: `After you allow access, the browser lands on ${url.host}; you then paste that address into the app.`,
    facts,
  };
}
