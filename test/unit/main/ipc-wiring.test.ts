import { describe, expect, it } from 'vitest';
import { channelNames, IPC_EVENT_CHANNEL, IPC_REQUEST_PREFIX } from '../../../src/shared/contract/index.js';
import { dispatch } from '../../../src/core/ipc/dispatch.js';
import { createEventBus } from '../../../src/core/events/event-bus.js';
import { silentLogger } from '../../../src/core/logging/logger.js';
import { forwardEvents, wireIpc } from '../../../src/main/ipc-wiring.js';
import type { HandlerTable } from '../../../src/core/ipc/handler-types.js';

function fakeCore() {
  const calls: unknown[] = [];
  const table = new Proxy({} as HandlerTable, {
    get: (_t, name) => async (req: unknown) => {
      calls.push({ name, req });
      return { echoed: name };
    },
  });
  const events = createEventBus();
  return {
    calls,
    core: {
      handle: (c: unknown, p: unknown) => dispatch(table, c, p),
      services: { logger: silentLogger } as never,
      events,
      onRendererEvent: events.subscribe,
    },
  };
}

const appFrame = { url: 'app://bundle/index.html', parent: null };

describe('IPC wiring (ipcMain double)', () => {
  it('registers exactly one handler per contract channel', () => {
    const handlers = new Map<string, unknown>();
    wireIpc({ handle: (c, fn) => handlers.set(c, fn), removeHandler: (c) => handlers.delete(c) }, fakeCore().core, new Set([1]));
    expect([...handlers.keys()].sort()).toEqual(channelNames.map((n) => IPC_REQUEST_PREFIX + n).sort());
  });

  it('IPC-06/07: refuses an untrusted sender before the payload is even parsed', async () => {
    const handlers = new Map<string, (e: unknown, p: unknown) => Promise<unknown>>();
    const { core, calls } = fakeCore();
    wireIpc({ handle: (c, fn) => handlers.set(c, fn as never), removeHandler: () => undefined }, core, new Set([1]));
    const result = await handlers.get(IPC_REQUEST_PREFIX + 'app.info')!({ sender: { id: 2 }, senderFrame: appFrame }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(calls).toEqual([]);
  });

  it('IPC-04: an invalid payload from the trusted window gets INVALID_PAYLOAD, not a throw', async () => {
    const handlers = new Map<string, (e: unknown, p: unknown) => Promise<unknown>>();
    const { core, calls } = fakeCore();
    wireIpc({ handle: (c, fn) => handlers.set(c, fn as never), removeHandler: () => undefined }, core, new Set([1]));
    const call = (channel: string, payload: unknown) =>
      handlers.get(IPC_REQUEST_PREFIX + channel)!({ sender: { id: 1 }, senderFrame: appFrame }, payload);
    expect(await call('app.openExternal', { url: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await call('app.openExternal', { url: 'https://developers.pleo.io', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
    expect(await call('app.setPreferences', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(calls).toEqual([]);
    expect(await call('app.info', {})).toEqual({ ok: true, value: { echoed: 'app.info' } });
  });

  it('forwards core events to the window on one event channel', () => {
    const { core } = fakeCore();
    const sent: unknown[] = [];
    forwardEvents(core, (channel, message) => sent.push({ channel, message }));
    core.events.emit('app.notice', { level: 'info', message: 'hello' });
    expect(sent).toEqual([{ channel: IPC_EVENT_CHANNEL, message: { event: 'app.notice', payload: { level: 'info', message: 'hello' } } }]);
  });
});
