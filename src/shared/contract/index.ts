/**
 * The single IPC contract: every request channel (renderer -> main) and every event
 * (main -> renderer). Each feature keeps its channels in its own file; this file merges them.
 * The preload and the browser test host both build window.partner from these tables, and
 * main validates every inbound payload with the schemas here.
 */
import type { ParsedRequestOf, PayloadOf, RequestOf, ResultOf } from './define.js';
import type { Result } from '../result.js';
import { appChannels, appEvents } from './app-channels.js';
import { authChannels, authEvents } from './auth-channels.js';
import { explorerChannels, explorerEvents } from './explorer-channels.js';
import { onboardingChannels, onboardingEvents } from './onboarding-channels.js';
import { exportChannels, exportEvents } from './export-channels.js';

export const requestChannels = {
  ...appChannels,
  ...authChannels,
  ...explorerChannels,
  ...onboardingChannels,
  ...exportChannels,
} as const;

export const eventChannels = {
  ...appEvents,
  ...authEvents,
  ...explorerEvents,
  ...onboardingEvents,
  ...exportEvents,
} as const;

export type RequestChannels = typeof requestChannels;
export type EventChannels = typeof eventChannels;
export type ChannelName = keyof RequestChannels;
export type EventName = keyof EventChannels;

export type ChannelRequest<K extends ChannelName> = RequestOf<RequestChannels[K]>;
export type ChannelParsedRequest<K extends ChannelName> = ParsedRequestOf<RequestChannels[K]>;
export type ChannelResult<K extends ChannelName> = ResultOf<RequestChannels[K]>;
export type EventPayload<E extends EventName> = PayloadOf<EventChannels[E]>;

export const channelNames = Object.keys(requestChannels) as ChannelName[];
export const eventNames = Object.keys(eventChannels) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestChannels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventChannels, name);
}

/** IPC channel string used on the wire for a request channel / for events. */
export const IPC_REQUEST_PREFIX = 'partner:';
export const IPC_EVENT_CHANNEL = 'partner:event';

// ---- window.partner: the renderer's API, derived from the contract ----

type Split<K extends string> = K extends `${infer A}.${infer B}` ? [A, B] : never;
type Areas = Split<ChannelName>[0];
type ActionsOf<A extends string> = {
  [K in ChannelName as Split<K>[0] extends A ? Split<K>[1] : never]: (
    request: ChannelRequest<K>,
  ) => Promise<Result<ChannelResult<K>>>;
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

/**
 * Builds window.partner from the contract over any transport. Shared by the preload and the
 * browser test host, so the renderer sees exactly the same object in both.
 */
export function buildPartnerApi(transport: PartnerTransport): PartnerApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of channelNames) {
    const [area, action] = name.split('.') as [string, string];
    api[area] ??= {};
    api[area][action] = (payload: unknown) => transport.invoke(name, payload ?? {});
  }
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let unsubscribeTransport: (() => void) | undefined;
  const on = (eventName: EventName, listener: (payload: unknown) => void) => {
    if (!isEventName(eventName)) throw new TypeError(`Unknown event: ${String(eventName)}`);
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
