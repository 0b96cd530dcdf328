/**
 * Request history per environment, in the non-secret settings store. Entries are capped in
 * number and size, large response bodies are never stored, and every stored string passes
 * through the core's redactor first (patterns plus every live secret: a token read back from the
 * keychain after a restart included), so no token can end up on disk (issue 11 point 3).
 */
import { z } from 'zod';
import { explorerRequestSchema, type HistoryEntry } from '../../shared/contract/explorer-channels.js';
import type { KeyValueBackend } from '../ports.js';
import { redactText as patternsOnly } from '../logging/redact.js';

/** Masks secrets in one stored string; the core's redactor.text in the app. */
export type RedactFn = (text: string) => string;

const KEY = 'explorerHistory';

export interface HistoryLimits {
  historyEntries: number;
  historyBodyChars: number;
}

export function createHistoryStore(settings: KeyValueBackend, limits: HistoryLimits, redactText: RedactFn = patternsOnly) {
  // Read and validated once, then kept in memory: this store is the only writer of KEY, and the
  // settings backend reads the whole file on every get (history is listed after every call).
  let cache: Record<string, HistoryEntry[]> | undefined;
  const readAll = (): Record<string, HistoryEntry[]> => {
    if (cache) return cache;
    const raw = settings.get(KEY);
    // No prototype: an environment id such as "__proto__" is just a key.
    const out: Record<string, HistoryEntry[]> = Object.create(null) as Record<string, HistoryEntry[]>;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [env, list] of Object.entries(raw as Record<string, unknown>)) {
        // An entry that does not have the stored shape (an older or edited file) is skipped.
        if (Array.isArray(list)) out[env] = list.flatMap(readEntry).slice(0, limits.historyEntries);
      }
    }
    return (cache = out);
  };
  const write = (next: Record<string, HistoryEntry[]>): void => {
    settings.set(KEY, next);
    cache = next;
  };
  return {
    list(environmentId: string): HistoryEntry[] {
      return readAll()[environmentId] ?? [];
    },
    add(entry: HistoryEntry): HistoryEntry {
      const clean = sanitize(entry, limits.historyBodyChars, redactText);
      const all = readAll();
      const list = [clean, ...(all[entry.environmentId] ?? [])].slice(0, limits.historyEntries);
      // A fresh object without a prototype chain to walk: environment ids are plain strings.
      const next: Record<string, HistoryEntry[]> = {};
      for (const [k, v] of Object.entries(all))
        if (k !== entry.environmentId) Object.defineProperty(next, k, { value: v, enumerable: true, writable: true, configurable: true });
      Object.defineProperty(next, entry.environmentId, { value: list, enumerable: true, writable: true, configurable: true });
      write(next);
      return clean;
    },
    clear(environmentId: string): void {
      const all = { ...readAll() };
      delete all[environmentId];
      write(all);
    },
  };
}
export type HistoryStore = ReturnType<typeof createHistoryStore>;

/** A stored entry: the request as the IPC contract checks it, plus what sanitize() keeps. */
const storedEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  environmentId: z.string(),
  request: explorerRequestSchema,
  status: z.number().optional(),
  durationMs: z.number().optional(),
  sizeBytes: z.number().optional(),
  errorCode: z.string().optional(),
  responseBody: z.string().optional(),
  responseBodyOmitted: z.boolean().optional(),
});

function readEntry(value: unknown): HistoryEntry[] {
  const checked = storedEntrySchema.safeParse(value);
  return checked.success ? [checked.data] : [];
}

function sanitize(entry: HistoryEntry, maxBody: number, redactText: RedactFn): HistoryEntry {
  const r = entry.request;
  const out: HistoryEntry = {
    id: entry.id,
    at: entry.at,
    environmentId: entry.environmentId,
    request: {
      method: r.method,
      path: redactText(r.path),
      query: r.query.map(([k, v]) => [k, redactText(v)] as [string, string]),
      ...(r.headers?.length ? { headers: r.headers.map(([k, v]) => [k, redactText(v)] as [string, string]) } : {}),
      ...(r.endpointId ? { endpointId: r.endpointId } : {}),
      // Request bodies may be a little larger than stored responses: replay needs them.
      ...(r.body !== undefined && r.body.length <= maxBody * 4 ? { body: redactText(r.body) } : {}),
    },
  };
  if (entry.status !== undefined) out.status = entry.status;
  if (entry.durationMs !== undefined) out.durationMs = entry.durationMs;
  if (entry.sizeBytes !== undefined) out.sizeBytes = entry.sizeBytes;
  if (entry.errorCode) out.errorCode = entry.errorCode;
  if (entry.responseBody !== undefined) {
    if (entry.responseBody.length <= maxBody) out.responseBody = redactText(entry.responseBody);
    else out.responseBodyOmitted = true;
  }
  if (entry.responseBodyOmitted) out.responseBodyOmitted = true;
  return out;
}
