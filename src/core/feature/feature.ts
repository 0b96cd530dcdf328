import type { PartialHandlerTable } from '../ipc/handler-types.js';

/** A feature contributes IPC handlers and cleans up after itself on quit. */
export interface Feature<Api = unknown> {
  api: Api;
  handlers: PartialHandlerTable;
  dispose(): Promise<void>;
}
