import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../src/main/ipc-sender.js';

const trusted = new Set([7]);
const frame = (url: string, parent: unknown = null, destroyed = false) => ({ url, parent, isDestroyed: () => destroyed });

describe('IPC sender validation', () => {
  it('accepts the top frame of the app window on app://bundle', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://bundle/index.html') }, trusted)).toBe(true);
  });
  it('IPC-06: refuses iframes, about:blank and other origins', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://bundle/index.html', {}) }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('about:blank') }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('https://evil.example/') }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://bundle.evil/') }, trusted)).toBe(false);
  });
  it('IPC-07: refuses another window even on the app origin', () => {
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: frame('app://bundle/index.html') }, trusted)).toBe(false);
  });
  it('IPC-08: refuses a destroyed or missing frame without throwing', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: frame('app://bundle/index.html', null, true) }, trusted)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: null }, trusted)).toBe(false);
    expect(isTrustedSender({}, trusted)).toBe(false);
  });
});
