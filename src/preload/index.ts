/**
 * The preload: exposes window.partner, built from the shared contract, and nothing else.
 * No ipcRenderer, no event objects: listeners receive only the payload (security E-20).
 * Sandboxed preloads must be CommonJS, so this is bundled by esbuild to dist/preload/index.cjs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildPartnerApi, IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX, isEventName, type EventName } from '../shared/contract/index.js';
import type { Result } from '../shared/result.js';

const api = buildPartnerApi({
  invoke: (channel, payload) => ipcRenderer.invoke(IPC_REQUEST_PREFIX + channel, payload) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const handler = (_event: unknown, message: { event: EventName; payload: unknown }) => {
      if (message && isEventName(message.event)) listener(message.event, message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('partner', api);
