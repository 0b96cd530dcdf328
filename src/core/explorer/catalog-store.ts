/**
 * The catalog the explorer serves: the built-in Pleo endpoints plus endpoints imported from
 * OpenAPI files, which are kept (non-secret) in the settings store.
 */
import { randomUUID } from 'node:crypto';
import type { Catalog, EndpointDef, ImportedSource } from '../../shared/catalog/types.js';
import { IMPORTED_TASK, PLEO_ENDPOINTS, TASKS } from '../../shared/catalog/pleo-catalog.js';
import type { ImportResult } from '../../shared/contract/explorer-channels.js';
import type { KeyValueBackend } from '../ports.js';
import { AppFailure, failure } from '../../shared/result.js';
import { parseOpenApiText, readOpenApi, type ParsedOpenApi } from './openapi-import.js';

const KEY = 'explorerImports';
const MAX_SOURCES = 10;
const MAX_EXAMPLE_CHARS = 20_000;

interface Stored {
  sources: ImportedSource[];
  endpoints: EndpointDef[];
}

export function createCatalogStore(settings: KeyValueBackend, now: () => number) {
  // Read once and kept in memory: this store is the only writer of KEY, and the settings
  // backend reads the whole file on every get (match() runs on every explorer answer).
  let cache: Stored | undefined;
  const read = (): Stored => {
    if (cache) return cache;
    const raw = settings.get(KEY) as Partial<Stored> | undefined;
    cache = {
      sources: Array.isArray(raw?.sources) ? raw.sources : [],
      endpoints: Array.isArray(raw?.endpoints)
        ? raw.endpoints.filter((e) => e && typeof e.path === 'string' && typeof e.method === 'string')
        : [],
    };
    return cache;
  };
  const write = (next: Stored): void => {
    settings.set(KEY, next);
    cache = next;
  };
  const key = (e: Pick<EndpointDef, 'method' | 'path'>) => `${e.method} ${e.path}`;
  return {
    catalog(): Catalog {
      const stored = read();
      return {
        tasks: stored.endpoints.length ? [...TASKS, IMPORTED_TASK] : TASKS,
        endpoints: [...PLEO_ENDPOINTS, ...stored.endpoints],
        imports: stored.sources,
      };
    },
    find(endpointId: string | undefined): EndpointDef | undefined {
      if (!endpointId) return undefined;
      return PLEO_ENDPOINTS.find((e) => e.id === endpointId) ?? read().endpoints.find((e) => e.id === endpointId);
    },
    /** Best match for a concrete path, so scope checks work for hand-typed paths too. */
    match(method: string, path: string): EndpointDef | undefined {
      const all = [...PLEO_ENDPOINTS, ...read().endpoints];
      return all.find((e) => e.method === method && templateRegex(e.path).test(path));
    },
    importText(fileName: string, content: string): ImportResult {
      const parsed = parseImport(content);
      const stored = read();
      if (stored.sources.length >= MAX_SOURCES) {
        throw failure('OPENAPI_INVALID', `At most ${MAX_SOURCES} OpenAPI files can be imported.`, {
          hint: 'Remove an earlier import first.',
        });
      }
      const sourceId = randomUUID().replace(/-/g, '').slice(0, 12);
      const known = new Set([...PLEO_ENDPOINTS, ...stored.endpoints].map(key));
      const added: EndpointDef[] = [];
      let skipped = parsed.skippedOperations;
      for (const e of parsed.endpoints) {
        if (known.has(key(e))) {
          skipped++;
          continue;
        }
        known.add(key(e));
        added.push({ ...e, id: `${sourceId}:${e.method}:${e.path}`, task: IMPORTED_TASK.id, source: sourceId });
      }
      const source: ImportedSource = {
        id: sourceId,
        title: parsed.title,
        ...(parsed.version ? { version: parsed.version } : {}),
        fileName: fileName.replace(/^.*[\\/]/, '').slice(0, 120),
        importedAt: now(),
        endpointCount: added.length,
      };
      if (added.length > 0) write({ sources: [...stored.sources, source], endpoints: [...stored.endpoints, ...added] });
      return { sourceId, title: parsed.title, added: added.length, skipped, warnings: parsed.warnings, endpoints: added };
    },
    remove(sourceId: string): boolean {
      const stored = read();
      if (!stored.sources.some((s) => s.id === sourceId)) return false;
      write({ sources: stored.sources.filter((s) => s.id !== sourceId), endpoints: stored.endpoints.filter((e) => e.source !== sourceId) });
      return true;
    },
  };
}
export type CatalogStore = ReturnType<typeof createCatalogStore>;

/** Reads an OpenAPI file; absurdly deep schemas or examples (a stack overflow) become a clear refusal. */
function parseImport(content: string): ParsedOpenApi {
  try {
    const parsed = readOpenApi(parseOpenApiText(content));
    for (const e of parsed.endpoints) {
      if (e.body && JSON.stringify(e.body.example ?? {}).length > MAX_EXAMPLE_CHARS) e.body = { ...e.body, example: {} };
    }
    return parsed;
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw failure('OPENAPI_INVALID', 'The file is nested too deeply to be imported.', {
      hint: 'Choose an OpenAPI 3 file without extremely deep schemas or examples.',
    });
  }
}

function templateRegex(template: string): RegExp {
  // "{" and "}" are not escaped above, so one pass turns each {name} into one path segment.
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}
