import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, checkIssuer, classifyRedirectUri, matchesRedirectUri } from '../../../src/core/environments/url-policy.js';

describe('endpoint URL policy (B-14, B-15, S-8)', () => {
  it.each([
    ['https://auth.staging.pleo.io/oauth/token', true, true],
    ['http://127.0.0.1:8080/token', true, true],
    ['http://localhost:8080/token', true, true],
    ['http://[::1]:8080/token', true, true],
    ['http://127.0.0.1:8080/token', false, false],
    ['http://evil.example/token', true, false],
    ['http://127.0.0.1.evil.example/token', true, false],
    ['https://user:pw@auth.example/token', true, false],
    ['https://auth.example/token?x=1', true, false],
    ['https://auth.example/token#frag', true, false],
    ['ftp://auth.example/token', true, false],
    ['javascript:alert(1)', true, false],
    ['https://auth.example/ token', true, false],
    ['', true, false],
    [`https://auth.example/${'a'.repeat(3000)}`, true, false],
  ])('IPC-12 %s (loopback http allowed: %s) -> %s', (url, allowLoopbackHttp, ok) => {
    expect(checkEndpointUrl(url, { label: 'token endpoint', allowLoopbackHttp }).ok).toBe(ok);
  });

  it('IPC-12 an http endpoint off loopback is refused as INSECURE_URL', () => {
    const result = checkEndpointUrl('http://pleo.io.evil.example/token', { label: 'token endpoint', allowLoopbackHttp: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('INSECURE_URL');
  });

  it.each([
    ['https://auth.staging.pleo.io', true],
    ['pleo.production', true],
    ['http://127.0.0.1:4000', true],
    ['http://auth.example', false],
    ['', false],
    ['has space', false],
    ['ctl\u0007', false],
  ])('issuer %j -> %s', (issuer, ok) => {
    expect(checkIssuer(issuer).ok).toBe(ok);
  });
});

describe('redirect URI decides the callback path', () => {
  it.each([
    ['io.pleo.partnerdesktop:/oauth/callback', 'private-scheme'],
    ['http://127.0.0.1/oauth/callback', 'loopback'],
    ['http://127.0.0.1:53682/oauth/callback', 'loopback'],
    ['http://localhost:8080/cb', 'loopback'],
    ['http://[::1]/cb', 'loopback'],
    ['https://oauth.pstmn.io/v1/callback', 'paste-back'],
    ['https://partner.example/oauth/cb', 'paste-back'],
  ])('%s -> %s', (uri, mode) => {
    const result = classifyRedirectUri(uri);
    expect(result.ok && result.value.mode).toBe(mode);
  });

  it.each([
    ['io.pleo.partnerdesktop://oauth/callback', 'double slash'],
    ['pleo-partner:/oauth/callback', 'not reverse DNS (N-3)'],
    ['io.pleo_partner:/cb', 'underscore (N-3)'],
    ['javascript:/alert', 'reserved'],
    ['file:/etc/passwd', 'reserved'],
    ['http://evil.example/cb', 'http off loopback (B-15)'],
    ['https://partner.example/cb#x', 'fragment'],
    ['io.pleo.partnerdesktop:/cb?x=1', 'query'],
  ])('CB-23 N-3 refuses %s (%s)', (uri) => {
    expect(classifyRedirectUri(uri).ok).toBe(false);
  });

  it('private-use redirect scheme accepted but never registered (issue 9 defect 6): refused when saved, with paste-back offered', () => {
    const result = classifyRedirectUri('com.example.partnerapp:/cb');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain('io.pleo.partnerdesktop:/oauth/callback');
      expect(result.reason).toContain('paste the final address back');
    }
  });

  it('CB-23 scheme compared case-insensitively, path exactly', () => {
    const expected = 'io.pleo.partnerdesktop:/oauth/callback';
    expect(matchesRedirectUri(new URL('IO.PLEO.PARTNERDESKTOP:/oauth/callback?code=x'), expected)).toBe(true);
    expect(matchesRedirectUri(new URL('io.pleo.partnerdesktop://oauth/callback?code=x'), expected)).toBe(false);
    expect(matchesRedirectUri(new URL('io.pleo.partnerdesktop:/other?code=x'), expected)).toBe(false);
    expect(matchesRedirectUri(new URL('io.pleo.partnerdesktop:/oauth/callback/?code=x'), expected)).toBe(false);
    expect(matchesRedirectUri(new URL('io.pleo.partnerdesktop:/OAUTH/callback?code=x'), expected)).toBe(false);
    expect(matchesRedirectUri(new URL('io.pleo.partnerdeskto:/oauth/callback?code=x'), expected)).toBe(false);
    expect(matchesRedirectUri(new URL('https://oauth.pstmn.io/v1/callback?code=x'), 'https://oauth.pstmn.io/v1/callback')).toBe(true);
    expect(
      matchesRedirectUri(new URL('https://oauth.pstmn.io.evil.example/v1/callback?code=x'), 'https://oauth.pstmn.io/v1/callback'),
    ).toBe(false);
    expect(matchesRedirectUri(new URL('https://x@oauth.pstmn.io/v1/callback?code=x'), 'https://oauth.pstmn.io/v1/callback')).toBe(false);
  });
});
