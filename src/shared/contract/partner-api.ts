/**
 * window.partner, built from the contract's channel names over any transport (Electron IPC in
 * the preload, a Playwright binding in the browser test host, a fake in component tests).
 *
 * Schema-free on purpose: this module and channel-names.ts are all the preload bundles. Types
 * come from the contract (index.ts) through type-only imports, which esbuild erases, so zod
 * never reaches the preload (test/unit/core/channel-names.test.ts checks the bundle's inputs).
 */
import type { ChannelName, ChannelRequest, ChannelResult, EventName, EventPayload } from './index.js';
import type { Result } from '../result.js';
import { isListedEventName, requestChannelNameList } from './channel-names.js';

/** IPC channel string used on the wire for a request channel / for events. */
export const IPC_REQUEST_PREFIX = 'partner:';
export const IPC_EVENT_CHANNEL = 'partner:event';

type Split<K extends string> = K extends `${infer A}.${infer B}` ? [A, B] : never;
type Areas = Split<ChannelName>[0];
type ActionsOf<A extends string> = {
  [K in ChannelName as Split<K>[0] extends A ? Split<K>[1] : never]: (request: ChannelRequest<K>) => Promise<Result<ChannelResult<K>>>;
};

export type PartnerApi = { [A in Areas]: ActionsOf<A> } & {
  /** Subscribe to an event from main; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Transport the API is built on: Electron IPC in the preload, a Playwright binding in tests. */
export interface PartnerTransport {
  invoke(channel: ChannelName, payload: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

/** True for the name of an event main may send (schema-free check for the preload). */
export function isPartnerEventName(name: unknown): name is EventName {
  return isListedEventName(name);
}

/**
 * Builds window.partner from the contract over any transport. Shared by the preload and the
 * browser test host, so the renderer sees exactly the same object in both.
 */
export function buildPartnerApi(transport: PartnerTransport): PartnerApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of requestChannelNameList) {
    const [area, action] = name.split('.') as [string, string];
    api[area] ??= {};
    api[area][action] = (payload: unknown) => transport.invoke(name as ChannelName, payload ?? {});
  }
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let unsubscribeTransport: (() => void) | undefined;
  const on = (eventName: EventName, listener: (payload: unknown) => void) => {
    if (!isPartnerEventName(eventName)) throw new TypeError(`Unknown event: ${String(eventName)}`);
    if (!unsubscribeTransport) {
      unsubscribeTransport = transport.subscribe((e, payload) => {
        for (const l of listeners.get(e) ?? []) l(payload);
      });
    }
    let set = listeners.get(eventName);
    if (!set) listeners.set(eventName, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  return Object.freeze({ ...api, on }) as unknown as PartnerApi;
}
