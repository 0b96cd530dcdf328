/**
 * Links the UI may open in the system browser (security-test-plan IPC-10, NAV-02/03):
 * https only, and only Pleo's own hosts. Parsed with URL, never compared with startsWith.
 */
const ALLOWED_HOSTS = new Set(['developers.pleo.io', 'app.staging.pleo.io', 'app.pleo.io', 'www.pleo.io', 'pleo.io', 'help.pleo.io']);

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    ALLOWED_HOSTS.has(url.hostname) &&
    (url.port === '' || url.port === '443')
  );
}
