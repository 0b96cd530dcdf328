/**
 * Wires the contract to Electron IPC: one ipcMain.handle per request channel, each checking
 * the sender before core.handle validates the payload; events go to the app window only.
 */
// The schema-free name list (kept equal to the contract by typecheck and a test), so loading
// this module does not load the zod schemas: core validates payloads once it is loaded (B9).
import { requestChannelNameList as channelNames } from '../shared/contract/channel-names.js';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX } from '../shared/contract/partner-api.js';
import { fail, type Result } from '../shared/result.js';
import type { Core } from '../core/create-core.js';
import { isTrustedSender, type SenderLike } from './ipc-sender.js';

export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderLike, payload: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export function wireIpc(ipcMain: IpcMainLike, core: Pick<Core, 'handle' | 'services'>, trustedIds: ReadonlySet<number>): () => void {
  for (const name of channelNames) {
    ipcMain.handle(IPC_REQUEST_PREFIX + name, async (event, payload) => {
      if (!isTrustedSender(event, trustedIds)) {
        core.services.logger.warn('ipc: refused a request from an untrusted sender', { channel: name });
        return fail('FORBIDDEN_SENDER', 'This request did not come from the app window and was refused.');
      }
      return core.handle(name, payload);
    });
  }
  return () => {
    for (const name of channelNames) ipcMain.removeHandler(IPC_REQUEST_PREFIX + name);
  };
}

export function forwardEvents(core: Pick<Core, 'onRendererEvent'>, send: (channel: string, message: unknown) => void): () => void {
  // onRendererEvent masks every live secret of the core before the payload leaves main.
  return core.onRendererEvent((event, payload) => send(IPC_EVENT_CHANNEL, { event, payload }));
}
