/**
 * The company's display name for "Signed in to Nordlys Regnskab ApS" (a URN means nothing to a
 * partner's stakeholders). Best effort: GET {apiBase}/v1/companies/{id} with the access token,
 * which needs companies:read; without it (or on any failure) the UI simply shows no name. The
 * token goes only to the environment's own API origin, redirects are never followed.
 */
import type { FetchFn } from '../net/network-port.js';

const COMPANY_URN = /^urn:pleo:company:([0-9a-f-]{36})$/i;

export async function lookupCompanyName(
  apiBase: string,
  subject: string,
  accessToken: string,
  fetchImpl: FetchFn = (input, init) => fetch(input, init),
): Promise<string | undefined> {
  const id = COMPANY_URN.exec(subject)?.[1];
  if (!id) return undefined;
  try {
    const url = new URL(`/v1/companies/${encodeURIComponent(id)}`, apiBase.endsWith('/') ? apiBase : `${apiBase}/`);
    if (url.origin !== new URL(apiBase).origin) return undefined;
    const res = await fetchImpl(url, {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const text = await res.text();
    if (text.length > 256 * 1024) return undefined;
    const name = (JSON.parse(text) as { data?: { name?: unknown } })?.data?.name;
    // Plain printable text only, short: it is shown in the header and the Token screen.
    return typeof name === 'string' && name.length <= 120 && !/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(name)
      ? name.trim()
      : undefined;
  } catch {
    return undefined;
  }
}
