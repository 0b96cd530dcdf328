import { describe, expect, it } from 'vitest';
import { createFlowSlot, type FlowEndReason, type PendingFlow } from '../../../src/core/oauth/pending-flow.js';

const flow = (id: string): PendingFlow => ({
  id,
  environmentId: 'simulator',
  clientId: 'client',
  mode: 'private-scheme',
  state: `state-${id}`,
  codeVerifier: `verifier-${id}`,
  redirectUri: 'io.pleo.partnerdesktop:/oauth/callback',
  startedAt: 0,
  expiresAt: 60_000,
  strayCallbacks: 0,
});

describe('pending flow slot', () => {
  it('onEnd still sees the verifier (to forget it for redaction); it is blanked afterwards', () => {
    const seen: Array<[FlowEndReason, string]> = [];
    const slot = createFlowSlot({ clock: { now: () => 0 }, onEnd: (f, reason) => seen.push([reason, f.codeVerifier]) });
    const a = flow('a');
    const b = flow('b');
    slot.start(a);
    slot.start(b);
    expect(slot.end('b', 'cancelled')).toBe(b);
    expect(seen).toEqual([
      ['superseded', 'verifier-a'],
      ['cancelled', 'verifier-b'],
    ]);
    expect(a.codeVerifier).toBe('');
    expect(b.codeVerifier).toBe('');
    expect(slot.endedWith('state-a')).toBe('superseded');
    slot.dispose();
  });
});
