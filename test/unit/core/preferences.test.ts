import { describe, expect, it } from 'vitest';
import { createPreferences } from '../../../src/core/app/preferences.js';
import { memoryBackend } from '../explorer/fakes.js';

describe('stored UI preferences (zod, field by field)', () => {
  it('a bad stored field falls back to its default and keeps the other; junk gives the defaults', () => {
    const backend = memoryBackend();
    backend.set('ui', { theme: 'neon', presenterMode: true });
    expect(createPreferences(backend).get()).toEqual({ theme: 'system', presenterMode: true });
    backend.set('ui', 'dark');
    expect(createPreferences(backend).get()).toEqual({ theme: 'system', presenterMode: false });
    backend.set('ui', { theme: 'dark', presenterMode: 'yes' });
    expect(createPreferences(backend).get()).toEqual({ theme: 'dark', presenterMode: false });
  });

  it('update keeps what it is not given', () => {
    const prefs = createPreferences(memoryBackend());
    expect(prefs.update({ theme: 'light' })).toEqual({ theme: 'light', presenterMode: false });
    expect(prefs.update({ presenterMode: true })).toEqual({ theme: 'light', presenterMode: true });
  });
});
