/**
 * The single IPC contract: every request channel (renderer -> main) and every event
 * (main -> renderer). Each feature keeps its channels in its own file; this file merges them.
 * The preload and the browser test host both build window.partner from these tables, and
 * main validates every inbound payload with the schemas here.
 */
import type { ParsedRequestOf, PayloadOf, RequestOf, ResultOf } from './define.js';
import { appChannels, appEvents } from './app-channels.js';
import { authChannels, authEvents } from './auth-channels.js';
import { explorerChannels, explorerEvents } from './explorer-channels.js';
import { onboardingChannels, onboardingEvents } from './onboarding-channels.js';
import { diagnosticsChannels, diagnosticsEvents } from './diagnostics-channels.js';
import { exportChannels, exportEvents } from './export-channels.js';

export const requestChannels = {
  ...appChannels,
  ...authChannels,
  ...explorerChannels,
  ...onboardingChannels,
  ...diagnosticsChannels,
  ...exportChannels,
} as const;

export const eventChannels = {
  ...appEvents,
  ...authEvents,
  ...explorerEvents,
  ...onboardingEvents,
  ...diagnosticsEvents,
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

// window.partner and the wire names live in the schema-free partner-api.ts (what the preload
// bundles); re-exported here so main, tests and the renderer keep one import path.
export { IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX, buildPartnerApi, type PartnerApi, type PartnerTransport } from './partner-api.js';
