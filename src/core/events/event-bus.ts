/**
 * Typed events from core to the renderer. Main forwards them with webContents.send; the test
 * host forwards them into the page. Payloads go through the same contract types as requests.
 */
import type { EventName, EventPayload } from '../../shared/contract/index.js';

export type EventListener = (event: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch {
          // A broken listener (e.g. a destroyed window) must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
