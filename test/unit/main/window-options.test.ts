import { readFileSync } from 'node:fs';
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

  it('sets the window icon when given one, and the committed icon is a square PNG of at least 256 px', () => {
    expect(mainWindowOptions('/p.cjs', '/app/assets/icon.png').icon).toBe('/app/assets/icon.png');
    expect(mainWindowOptions('/p.cjs')).not.toHaveProperty('icon');
    const png = readFileSync('assets/icon.png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(256);
  });

  it('NAV-10 AUXCLICK (issue 11 point 6): middle-click is disabled in the window; NAV-06: a drop never navigates', () => {
    const prefs = mainWindowOptions('/p.cjs').webPreferences!;
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('NAV-12: DevTools are off unless the process runs in development mode', () => {
    const previous = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      expect(mainWindowOptions('/p.cjs').webPreferences!.devTools).toBe(false);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
