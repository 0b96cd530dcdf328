/**
 * The renderer's Content-Security-Policy (security-test-plan E-7, EL-02), sent as a response
 * header by the app:// protocol handler in Electron and by the browser test host, so tests run
 * the UI under exactly the production policy. The renderer never talks to the network
 * (connect-src 'none'): main makes every HTTP call. Workers come from the bundle ('self').
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  // The explorer's worker is a separate file in the bundle (Vite emits
  // assets/json-worker-*.js for `new Worker(new URL(...), { type: 'module' })`), so 'self'
  // is enough. blob: was never used and would let injected script start workers.
  "worker-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for a `<meta http-equiv>` in the built index.html (security issue 11 point 6),
 * a fallback should the page ever be loaded without the header. `frame-ancestors` is left out:
 * browsers ignore it in a meta element (the header still sends it).
 */
export const RENDERER_META_CSP = RENDERER_CSP.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/** The privileged scheme the packaged UI is served from (never file://, E-18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The private-use URI scheme registered for the OAuth callback (RFC 8252 §7.1). */
export const CALLBACK_SCHEME = 'io.pleo.partnerdesktop';
