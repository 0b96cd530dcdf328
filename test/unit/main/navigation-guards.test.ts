import type { HandlerDetails } from 'electron';
import { describe, expect, it } from 'vitest';
import { installNavigationGuards, isAppUrl } from '../../../src/main/navigation-guards.js';
import { FakeWebContents } from './electron-double.js';

/** A window.open request as Electron describes it (HandlerDetails). */
const openRequest = (url: string): HandlerDetails => ({
  url,
  frameName: '',
  features: '',
  disposition: 'new-window',
  referrer: { url: 'app://bundle/index.html', policy: 'strict-origin-when-cross-origin' },
});

function guarded() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  installNavigationGuards(contents, (url) => opened.push(url));
  // Electron's shapes: will-frame-navigate passes only `details`; will-navigate and
  // will-redirect pass `details` followed by the deprecated positional url.
  const navigate = (event: string, url: string) => {
    let prevented = false;
    const details = { preventDefault: () => (prevented = true), url };
    if (event === 'will-frame-navigate') contents.emit(event, details);
    else contents.emit(event, details, url);
    return prevented;
  };
  return { contents, opened, navigate };
}

describe('navigation guards', () => {
  it('NAV-04: top-frame navigation away from app://bundle is prevented', () => {
    const { navigate } = guarded();
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://bundle.evil/index.html')).toBe(true);
    expect(navigate('will-navigate', 'app://bundle/index.html')).toBe(false);
  });

  it('NAV-05: subframe navigation and redirects away from the bundle are prevented', () => {
    const { navigate } = guarded();
    expect(navigate('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('reads the URL from the details object, not the deprecated positional argument', () => {
    const { contents } = guarded();
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true), url: 'https://evil.example/' }, 'app://bundle/index.html');
    expect(prevented).toBe(true);
    prevented = false;
    contents.emit('will-redirect', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('NAV-07: webviews are never attached', () => {
    const { navigate } = guarded();
    expect(navigate('will-attach-webview', 'https://evil.example/')).toBe(true);
  });

  it('NAV-01/NAV-03: window.open is denied and non-allowlisted URLs never reach the OS', () => {
    const { contents, opened } = guarded();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'smb://host/share',
      'ms-msdt:x',
      'io.pleo.partnerdesktop:/oauth/callback?code=x',
      'http://developers.pleo.io/',
    ]) {
      expect(contents.windowOpenHandler!(openRequest(url))).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([]);
  });

  it('NAV-02: an allowlisted Pleo https link is denied in-app and opened in the system browser', () => {
    const { contents, opened } = guarded();
    expect(contents.windowOpenHandler!(openRequest('https://developers.pleo.io/docs/'))).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://developers.pleo.io/docs/']);
  });

  it('compares origins with URL parsing, not prefixes', () => {
    expect(isAppUrl('app://bundle/x')).toBe(true);
    expect(isAppUrl('app://bundle@evil/x')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
