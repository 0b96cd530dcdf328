/**
 * Building blocks of the IPC contract. A request channel pairs a runtime schema for what the
 * renderer sends (validated in main, never trusted) with the TypeScript type of what main
 * answers. An event carries a payload from main to the renderer. Channel keys are
 * "area.action"; the preload turns them into window.partner.area.action(...).
 */
import type { z } from 'zod';

export interface RequestChannel<Req extends z.ZodType, Res> {
  readonly kind: 'request';
  readonly request: Req;
  readonly description: string;
  /** Phantom field: carries the result type only at compile time. */
  readonly __result?: Res;
}

export interface EventChannel<Payload> {
  readonly kind: 'event';
  readonly description: string;
  readonly __payload?: Payload;
}

export function request<Res>() {
  return <Req extends z.ZodType>(schema: Req, description: string): RequestChannel<Req, Res> => ({
    kind: 'request',
    request: schema,
    description,
  });
}

export function event<Payload>(description: string): EventChannel<Payload> {
  return { kind: 'event', description };
}

export type AnyRequestChannel = RequestChannel<z.ZodType, unknown>;
export type RequestOf<C> = C extends RequestChannel<infer Req, unknown> ? z.input<Req> : never;
export type ParsedRequestOf<C> = C extends RequestChannel<infer Req, unknown> ? z.output<Req> : never;
export type ResultOf<C> = C extends RequestChannel<z.ZodType, infer Res> ? Res : never;
export type PayloadOf<C> = C extends EventChannel<infer P> ? P : never;
