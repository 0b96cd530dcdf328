/**
 * Services that need the app's own paths or native modules: the settings file
 * (electron-store), the OS keychain (keytar), and the built-in simulator, started lazily on
 * 127.0.0.1 the first time the simulator environment needs it, and stopped on quit (with its
 * control interface in-process only: simulator-launcher.ts).
 */
import type { SeamApp } from './electron-seam.js';
import type { Logger } from '../core/logging/logger.js';
import type { KeyValueBackend, SimulatorLauncher } from '../core/ports.js';
import type { SecretStore } from '../core/secrets/secret-store.js';
import { createSimulatorLauncher } from './simulator-launcher.js';

export interface PlatformServices {
  settings: KeyValueBackend;
  secretStore: SecretStore;
  simulator: SimulatorLauncher;
  notices: Array<{ level: 'info' | 'warning' | 'error'; code?: string; message: string }>;
}

export async function createPlatformServices({
  app,
  logger,
  packaged,
}: {
  app: Pick<SeamApp, 'getPath'>;
  logger: Logger;
  packaged: boolean;
}): Promise<PlatformServices> {
  const notices: PlatformServices['notices'] = [];
  const { default: ElectronStore } = await import('electron-store');
  const { openSettings } = await import('../core/settings/open-settings.js');
  const opened = openSettings((options) => new ElectronStore(options) as unknown as KeyValueBackend, { cwd: app.getPath('userData') });
  if (opened.reset) {
    notices.push({
      level: 'warning',
      code: 'SETTINGS_RESET',
      message: `The settings file was damaged and has been reset. A copy of the damaged file was kept at ${opened.reset.backupPath}. Your keychain entries were not touched.`,
    });
    logger.warn('settings: reset after a damaged file', { reason: opened.reset.reason });
  }
  const { createKeytarSecretStore } = await import('../core/secrets/keytar-secret-store.js');
  const secretStore = createKeytarSecretStore({ packaged });

  const simulator = createSimulatorLauncher();
  return { settings: opened.backend, secretStore, simulator, notices };
}
