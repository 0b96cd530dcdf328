/**
 * A scripted window.partner for jsdom component tests: every request channel resolves from a
 * handler table (default: ok with {}), and events can be pushed with emit().
 */
import type { PartnerApi } from '../../../src/shared/contract/index.js';
import { buildPartnerApi, type ChannelName, type EventName } from '../../../src/shared/contract/index.js';
import type { Result } from '../../../src/shared/result.js';

export type FakeHandlers = Partial<Record<ChannelName, (payload: never) => Result<unknown> | Promise<Result<unknown>>>>;

export function installFakePartner(handlers: FakeHandlers) {
  const calls: Array<{ channel: ChannelName; payload: unknown }> = [];
  const listeners = new Set<(e: EventName, p: unknown) => void>();
  const api: PartnerApi = buildPartnerApi({
    invoke: async (channel, payload) => {
      calls.push({ channel, payload });
      const h = handlers[channel] as ((p: unknown) => Result<unknown> | Promise<Result<unknown>>) | undefined;
      return h ? h(payload) : { ok: true, value: {} };
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  (window as unknown as { partner: PartnerApi }).partner = api;
  return { calls, emit: (e: EventName, p: unknown) => listeners.forEach((l) => l(e, p)) };
}
