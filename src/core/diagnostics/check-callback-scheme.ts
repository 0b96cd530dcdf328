/**
 * Check: the OS sends the app's private-use callback scheme (io.pleo.partnerdesktop:) to this
 * app. Only matters when the environment's redirect URI uses that scheme.
 */
import { redirectThrough, type CheckResult, type DoctorRun } from './doctor-context.js';

export async function checkCallbackScheme(run: DoctorRun): Promise<CheckResult> {
  const id = 'callback-scheme';
  const title = 'Link scheme for the sign-in callback';
  const way = redirectThrough(run, 'private-scheme', { id, title, otherwise: 'through a link scheme' });
  if ('skipped' in way) return way.skipped;
  const scheme = way.redirect.scheme!;
  let registered: boolean | undefined;
  try {
    registered = await run.ctx.schemeRegistered(scheme);
  } catch {
    registered = undefined;
  }
  const facts = [{ label: 'Scheme', value: `${scheme}:` }];
  if (registered === true) return { id, title, status: 'pass', summary: `Your computer opens ${scheme}: links with this app.`, facts };
  if (registered === false) {
    return {
      id,
      title,
      status: 'fail',
      summary: `Your computer does not open ${scheme}: links with this app, so the browser cannot hand the sign-in back.`,
      action:
        'Reinstall the app (the installer registers the link), or use a redirect URI on 127.0.0.1 if Pleo registered one for your client. You can also finish sign-in by pasting the address the browser lands on.',
      facts,
    };
  }
  return {
    id,
    title,
    status: 'warn',
    summary: `The app could not tell whether ${scheme}: links open this app.`,
    action: 'If the browser does not come back after you allow access, paste the address it landed on.',
    facts,
  };
}
