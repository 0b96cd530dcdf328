/**
 * createHandlers(services, features) builds the complete handler table. The Electron wiring
 * (ipcMain.handle) and the browser test host use this same table; only the transport differs.
 * A channel of the contract without a handler fails at start-up, not at first use.
 */
import type { CoreServices } from '../core-services.js';
import { createAppHandlers } from '../app/app-handlers.js';
import type { HandlerTable, PartialHandlerTable } from './handler-types.js';
import { channelNames } from '../../shared/contract/index.js';
import type { Feature } from '../feature/feature.js';

export function createHandlers(services: CoreServices, features: Array<Pick<Feature, 'handlers'>> = []): HandlerTable {
  const parts: PartialHandlerTable[] = [createAppHandlers(services), ...features.map((f) => f.handlers)];
  const table = Object.assign({}, ...parts) as HandlerTable;
  const missing = channelNames.filter((name) => typeof table[name] !== 'function');
  if (missing.length > 0) throw new Error(`No handler for channel(s): ${missing.join(', ')}`);
  return table;
}
