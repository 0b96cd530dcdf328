import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../src/main/window-options.js';

describe('main window options', () => {
  it('EL-01: isolated, sandboxed, no Node, web security on, no webview', () => {
    const prefs = mainWindowOptions('/app/dist/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});
