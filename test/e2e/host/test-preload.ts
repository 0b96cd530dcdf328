/**
 * The browser test host's stand-in for src/preload: it builds window.partner from the same
 * contract with buildPartnerApi, over a Playwright binding instead of Electron IPC. Bundled
 * to an IIFE and injected with page.addInitScript before the renderer loads.
 */
import { buildPartnerApi } from '../../../src/shared/contract/partner-api.js';
import type { EventName } from '../../../src/shared/contract/index.js';
import type { Result } from '../../../src/shared/result.js';

type Listener = (event: EventName, payload: unknown) => void;
declare global {
  interface Window {
    __partnerInvoke(channel: string, payload: unknown): Promise<Result<unknown>>;
    __partnerEmit(event: EventName, payload: unknown): void;
  }
}

const listeners = new Set<Listener>();
Object.defineProperty(window, '__partnerEmit', {
  value: (event: EventName, payload: unknown) => {
    for (const l of listeners) l(event, payload);
  },
  configurable: false,
  writable: false,
});

const api = buildPartnerApi({
  invoke: (channel, payload) => window.__partnerInvoke(channel, payload),
  subscribe: (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});
Object.defineProperty(window, 'partner', { value: api, configurable: false, writable: false });
