import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createDeepLinkIntake, findDeepLinkInArgv, MAX_DEEP_LINK_LENGTH } from '../../../src/main/deep-links.js';

const CB = 'io.pleo.partnerdesktop:/oauth/callback?code=c&state=s';

describe('deep-link intake (logic only: the OS hand-off itself needs Electron and is unverified here)', () => {
  it('finds the callback in a second-instance or cold-start argv, case-insensitively on the scheme', () => {
    expect(findDeepLinkInArgv(['/opt/app/pleo', '--', CB])).toBe(CB);
    expect(findDeepLinkInArgv(['/opt/app/pleo', 'IO.PLEO.PARTNERDESKTOP:/oauth/callback?x=1'])).toBe(
      'IO.PLEO.PARTNERDESKTOP:/oauth/callback?x=1',
    );
    expect(findDeepLinkInArgv(['/opt/app/pleo', '--inspect', 'https://evil.example'])).toBeUndefined();
  });

  it('CB-20: drops an oversized argument before parsing', () => {
    expect(findDeepLinkInArgv([CB + 'x'.repeat(MAX_DEEP_LINK_LENGTH)])).toBeUndefined();
  });

  it('CC-02 (logic): a second instance carrying switches and two URLs delivers nothing', () => {
    expect(findDeepLinkInArgv(['/opt/app/pleo', '--', CB, CB + 'x'])).toBeUndefined();
    expect(findDeepLinkInArgv(['/opt/app/pleo', '--gpu-launcher=' + CB])).toBeUndefined();
  });

  it('registers open-url in will-finish-launching and queues links until the engine is ready', () => {
    const app = new EventEmitter();
    let focused = 0;
    const intake = createDeepLinkIntake(app, () => focused++);
    expect(app.listenerCount('open-url')).toBe(0);
    app.emit('will-finish-launching');
    expect(app.listenerCount('open-url')).toBe(1);
    let prevented = false;
    app.emit('open-url', { preventDefault: () => (prevented = true) }, CB);
    app.emit('second-instance', {}, ['/opt/app/pleo', '--', CB + '2']);
    expect(prevented).toBe(true);
    expect(focused).toBe(1);
    const delivered: string[] = [];
    intake.setDeliver((u) => delivered.push(u));
    expect(delivered).toEqual([CB, CB + '2']);
    intake.acceptArgv(['x', CB + '3']);
    expect(delivered).toEqual([CB, CB + '2', CB + '3']);
  });
});
