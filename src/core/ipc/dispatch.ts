/**
 * The one place a request from the renderer enters main: unknown channel -> refused,
 * payload -> validated against the contract schema, handler errors -> catalogued Result.
 * Nothing thrown here ever crosses the boundary, and no stack trace reaches the UI.
 */
import { isChannelName, requestChannels } from '../../shared/contract/index.js';
import { AppFailure, fail, type Result } from '../../shared/result.js';
import type { HandlerTable } from './handler-types.js';
import type { Logger } from '../logging/logger.js';

/** Payloads larger than this (serialised) are refused before parsing (IPC-04). */
export const MAX_PAYLOAD_CHARS = 2_000_000;

export async function dispatch(table: HandlerTable, channel: unknown, payload: unknown, logger?: Logger): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    logger?.warn('ipc: refused unknown channel', { channel: String(channel).slice(0, 80) });
    return fail('UNKNOWN_CHANNEL', 'The app asked for something it does not know how to do.');
  }
  if (tooLarge(payload)) {
    return fail('INVALID_PAYLOAD', 'The request was too large and was refused.');
  }
  const parsed = requestChannels[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` (${first.path.join('.')})` : '';
    logger?.warn('ipc: invalid payload', { channel, issue: first?.code });
    return fail('INVALID_PAYLOAD', `The request was not in the expected form${where}.`, {
      hint: first?.message?.slice(0, 200),
    });
  }
  try {
    const handler = table[channel] as (req: unknown) => unknown;
    const value = await handler(parsed.data);
    return isResult(value) ? value : { ok: true, value };
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: error.appError };
    logger?.error('ipc: handler failed', { channel, error: error instanceof Error ? error.name : typeof error });
    return fail('INTERNAL', 'Something went wrong inside the app. Nothing was lost; please try again.');
  }
}

function isResult(value: unknown): value is Result<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'ok' in value &&
    typeof (value as { ok: unknown }).ok === 'boolean' &&
    ((value as { ok: boolean }).ok ? 'value' in value : 'error' in value)
  );
}

function tooLarge(payload: unknown): boolean {
  try {
    // Depth-safe: JSON.stringify of a 10k-deep object throws RangeError, which we treat as too large.
    const text = JSON.stringify(payload);
    return text !== undefined && text.length > MAX_PAYLOAD_CHARS;
  } catch {
    return true;
  }
}
