/**
 * The preload: exposes window.partner, built from the contract's channel names, and nothing
 * else. No ipcRenderer, no event objects: listeners receive only the payload (security E-20).
 * Sandboxed preloads must be CommonJS, so this is bundled by esbuild to dist/preload/index.cjs.
 * It imports only the schema-free partner-api.ts: the contract's zod schemas stay in main.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildPartnerApi, IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX, isPartnerEventName } from '../shared/contract/partner-api.js';
import type { EventName } from '../shared/contract/index.js';
import type { Result } from '../shared/result.js';

const api = buildPartnerApi({
  invoke: (channel, payload) => ipcRenderer.invoke(IPC_REQUEST_PREFIX + channel, payload) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const handler = (_event: unknown, message: { event: EventName; payload: unknown }) => {
      if (message && isPartnerEventName(message.event)) listener(message.event, message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('partner', api);
