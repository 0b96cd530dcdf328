/**
 * Deep-link helpers. CB-24 proper (the Windows registry command line and a real ShellExecute)
 * needs an installed Electron build on Windows; here the two facts it rests on are tested:
 * the registration always puts `--` before "%1", and a crafted URL that arrives as one
 * argument is parsed as one URL and rejected by the CB-23 rules.
 */
import { describe, expect, it } from 'vitest';
import {
  findCallbackUrlInArgv,
  MAX_DEEP_LINK_LENGTH,
  protocolRegistration,
  windowsOpenCommand,
} from '../../../src/core/oauth/deep-link.js';
import { startHarness } from '../../fixtures/auth/harness.js';

const SCHEMES = ['io.pleo.partnerdesktop'];

describe('deep-link helpers', () => {
  it('finds the callback URL in second-instance / cold-start argv', () => {
    const url = 'io.pleo.partnerdesktop:/oauth/callback?code=a&state=b';
    expect(findCallbackUrlInArgv(['/opt/app/pleo', '--', url], SCHEMES)).toBe(url);
    expect(findCallbackUrlInArgv(['C:\\app\\pleo.exe', '--allow-file-access', '--', url], SCHEMES)).toBe(url);
    expect(findCallbackUrlInArgv(['/usr/bin/electron', '/app/main.js', url], SCHEMES)).toBe(url);
    expect(findCallbackUrlInArgv(['/opt/app/pleo', 'IO.PLEO.PARTNERDESKTOP:/oauth/callback?x'], SCHEMES)).toBe(
      'IO.PLEO.PARTNERDESKTOP:/oauth/callback?x',
    );
    expect(findCallbackUrlInArgv(['/opt/app/pleo'], SCHEMES)).toBeUndefined();
    expect(findCallbackUrlInArgv(['/opt/app/pleo', 'https://evil.example/?io.pleo.partnerdesktop:/x'], SCHEMES)).toBeUndefined();
    expect(findCallbackUrlInArgv(['/opt/app/pleo', '--', url, url], SCHEMES)).toBeUndefined();
    expect(findCallbackUrlInArgv(['/opt/app/pleo', '--', `${url}${'x'.repeat(MAX_DEEP_LINK_LENGTH)}`], SCHEMES)).toBeUndefined();
    expect(findCallbackUrlInArgv(['/opt/app/pleo', 42, null, url], SCHEMES)).toBe(url);
  });

  it('CB-24 (logic; the registry check needs Windows + Electron) the registration ends with "--" before "%1"', () => {
    const packaged = protocolRegistration({
      scheme: 'io.pleo.partnerdesktop',
      execPath: 'C:\\Program Files\\Pleo Partner Desktop\\Pleo Partner Desktop.exe',
      defaultApp: false,
    });
    expect(packaged.args).toEqual(['--']);
    expect(windowsOpenCommand(packaged)).toBe('"C:\\Program Files\\Pleo Partner Desktop\\Pleo Partner Desktop.exe" -- "%1"');
    const dev = protocolRegistration({
      scheme: 'io.pleo.partnerdesktop',
      execPath: '/usr/bin/electron',
      defaultApp: true,
      appEntry: 'dist/main/index.mjs',
    });
    expect(dev.args.at(-1)).toBe('--');
    expect(dev.args[0]).toMatch(/^\/.*dist\/main\/index\.mjs$/);
  });

  it('CB-24 an injected URL with switches arrives as one argument after "--" and is refused by the CB-23 rules', async () => {
    const injected = 'io.pleo.partnerdesktop:/cb" --gpu-launcher="cmd /c echo pwned" --x="';
    for (const variant of [
      injected,
      injected.replace('--gpu-launcher', '--GPU-LAUNCHER'),
      'io.pleo.partnerdesktop:/cb" --host-rules="MAP * evil.example" --x="',
      'io.pleo.partnerdesktop:/cb" --remote-debugging-port=9222 --x="',
    ]) {
      const argv = ['C:\\app\\pleo.exe', '--', variant];
      expect(findCallbackUrlInArgv(argv, SCHEMES)).toBe(variant);
    }
    const h = await startHarness();
    try {
      const { authorizeUrl } = await h.startSignIn();
      void authorizeUrl;
      const outcome = await h.api.handleArgv(['C:\\app\\pleo.exe', '--', injected]);
      expect(outcome?.status).toBe('ignored');
      expect(h.fake.stats.tokenRequests).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('private-use redirect scheme accepted but never registered (issue 9 defect 6): another scheme is refused on save; only the registered one is routed', async () => {
    const h = await startHarness();
    try {
      expect(h.api.callbackSchemes()).toEqual(['io.pleo.partnerdesktop']);
      const saved = await h.handle('environments.update', {
        environmentId: 'pleo-staging',
        redirectUri: 'com.example.partnerapp:/oauth/cb',
      });
      expect(saved.ok).toBe(false);
      if (!saved.ok) expect(saved.error.message).toMatch(/only receive sign-in responses on its own scheme.*paste the final address back/);
      expect(h.api.callbackSchemes()).toEqual(['io.pleo.partnerdesktop']);
    } finally {
      await h.close();
    }
  });
});
