/**
 * The one pending sign-in (style-anchors practice 8; CC-01): starting a new flow ends the old
 * one, a timeout ends it, cancel ends it, and a callback consumes it exactly once. `take` is
 * synchronous, so two deliveries of the same callback (CB-05: two second instances, or
 * loopback + scheme) cannot both get the flow: the second finds nothing.
 *
 * Ended flows are remembered briefly by a hash of their state, only to tell the user
 * "that sign-in already finished / expired" instead of a generic message (CB-04, CB-06).
 */
import { createHash } from 'node:crypto';
import type { CallbackMode } from '../../shared/environments.js';
import type { Clock } from '../ports.js';

export type FlowEndReason = 'consumed' | 'cancelled' | 'expired' | 'superseded' | 'aborted';

export interface PendingFlow {
  id: string;
  environmentId: string;
  clientId: string;
  mode: CallbackMode;
  state: string;
  codeVerifier: string;
  redirectUri: string;
  startedAt: number;
  expiresAt: number;
  /** Requests on the loopback port that were not this flow's callback (CB-26). */
  strayCallbacks: number;
  /** Releases what the flow holds (the loopback listener; after a callback it may finish its answer). */
  release?: (reason: FlowEndReason) => Promise<void>;
}

export interface FlowSlot<F extends PendingFlow = PendingFlow> {
  start(flow: F): void;
  current(): F | undefined;
  /** Atomically removes and returns the flow if it is still the pending one. */
  take(flowId: string): F | undefined;
  end(flowId: string, reason: Exclude<FlowEndReason, 'consumed'>): F | undefined;
  /** How a recent flow with this state ended, if it did. */
  endedWith(state: string): FlowEndReason | undefined;
  dispose(): void;
}

const REMEMBERED = 32;
const hashState = (state: string) => createHash('sha256').update(state, 'utf8').digest('base64url');

export function createFlowSlot<F extends PendingFlow = PendingFlow>(options: {
  clock: Clock;
  onEnd: (flow: F, reason: FlowEndReason) => void;
}): FlowSlot<F> {
  let pending: F | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ended = new Map<string, FlowEndReason>();

  const remember = (flow: F, reason: FlowEndReason) => {
    ended.set(hashState(flow.state), reason);
    while (ended.size > REMEMBERED) ended.delete(ended.keys().next().value as string);
  };

  const finish = (flow: F, reason: FlowEndReason) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
    remember(flow, reason);
    void flow.release?.(reason).catch(() => undefined);
    try {
      // onEnd still sees the verifier, so it can drop it from the redaction list.
      options.onEnd(flow, reason);
    } finally {
      // The verifier is only needed by the exchange, which holds its own reference.
      if (reason !== 'consumed') flow.codeVerifier = '';
    }
  };

  const expireIfDue = () => {
    if (pending && options.clock.now() >= pending.expiresAt) finish(pending, 'expired');
  };

  return {
    start(flow) {
      if (pending) finish(pending, 'superseded');
      pending = flow;
      const wait = Math.max(0, flow.expiresAt - options.clock.now());
      timer = setTimeout(
        () => {
          if (pending === flow) finish(flow, 'expired');
        },
        Math.min(wait, 2 ** 31 - 1),
      );
      timer.unref?.();
    },
    current() {
      expireIfDue();
      return pending;
    },
    take(flowId) {
      expireIfDue();
      const flow = pending;
      if (!flow || flow.id !== flowId) return undefined;
      finish(flow, 'consumed');
      return flow;
    },
    end(flowId, reason) {
      const flow = pending;
      if (!flow || flow.id !== flowId) return undefined;
      finish(flow, reason);
      return flow;
    },
    endedWith: (state) => ended.get(hashState(state)),
    dispose() {
      if (pending) finish(pending, 'cancelled');
    },
  };
}
