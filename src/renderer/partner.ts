/**
 * The renderer's only way to reach main: window.partner, built by the preload (Electron) or
 * the browser test host from the shared contract. Nothing else from Node or Electron exists
 * here.
 */
import type { PartnerApi } from '../shared/contract/index.js';

declare global {
  interface Window {
    partner: PartnerApi;
  }
}

export function partner(): PartnerApi {
  if (!window.partner) throw new Error('window.partner is missing: the preload did not run.');
  return window.partner;
}
