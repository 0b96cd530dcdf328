/**
 * The response body pane: a JSON tree with search and collapse, the raw text, and the headers.
 * The body arrives as text; indexing and search run in a Web Worker; only visible rows are
 * rendered. Bodies above `treeThresholdBytes` open in the raw view and build the tree only
 * when asked (docs/benchmarks.md, B4: no parse of a >10 MB body without the user's opt-in).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as Tabs from '@radix-ui/react-tabs';
import type { JsonIndex } from './json-index.js';
import { collapseBelow, revealRow } from './fold-state.js';
import { JsonTree } from './JsonTree.js';
import { RawView } from './RawView.js';
import { createViewerWorker, type ViewerWorker } from './viewer-worker-client.js';
import type { LoadResult } from './worker-protocol.js';

export const TREE_THRESHOLD_BYTES = 10 * 1024 * 1024;

export interface ResponseViewerProps {
  body: string;
  bodyKind: 'json' | 'text' | 'binary' | 'empty';
  sizeBytes: number;
  headers?: Array<[string, string]>;
  treeThresholdBytes?: number;
  /** Called with Pleo's pagination block (and the number of items) when the body has one. */
  onEnvelope?(pagination: unknown, dataCount: number | undefined): void;
  /** Extra toolbar controls (copy, save) supplied by the explorer. */
  actions?: ReactNode;
  workerFactory?: () => Worker;
}

type TabId = 'tree' | 'raw' | 'headers';

export function ResponseViewer({
  body,
  bodyKind,
  sizeBytes,
  headers = [],
  treeThresholdBytes = TREE_THRESHOLD_BYTES,
  onEnvelope,
  actions,
  workerFactory,
}: ResponseViewerProps) {
  const workerRef = useRef<ViewerWorker | undefined>(undefined);
  const [load, setLoad] = useState<LoadResult | undefined>();
  const [index, setIndex] = useState<JsonIndex | undefined>();
  const [parseError, setParseError] = useState<LoadResult['parseError']>();
  const [building, setBuilding] = useState(false);
  const [tab, setTab] = useState<TabId>('tree');
  // One byte per row; replaced (copied) on each change, which costs well under a millisecond.
  const [collapsed, setCollapsed] = useState<Uint8Array>(() => new Uint8Array(0));
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Int32Array>(new Int32Array(0));
  const [current, setCurrent] = useState(0);
  const [workerError, setWorkerError] = useState<string | undefined>();
  const onEnvelopeRef = useRef(onEnvelope);
  useEffect(() => {
    onEnvelopeRef.current = onEnvelope;
  }, [onEnvelope]);
  const isJson = bodyKind === 'json';
  const autoTree = isJson && sizeBytes <= treeThresholdBytes;

  useEffect(() => {
    const worker = createViewerWorker(workerFactory);
    workerRef.current = worker;
    return () => {
      worker.dispose();
      workerRef.current = undefined;
    };
  }, [workerFactory]);

  const accept = useCallback((r: LoadResult) => {
    if (r.index) {
      setCollapsed(new Uint8Array(r.index.rows));
      setIndex(r.index);
    }
    setParseError(r.parseError);
    if (r.pagination !== undefined) onEnvelopeRef.current?.(r.pagination, r.dataCount);
  }, []);

  useEffect(() => {
    const worker = workerRef.current;
    if (!worker) return;
    let alive = true;
    setLoad(undefined);
    setIndex(undefined);
    setParseError(undefined);
    setMatches(new Int32Array(0));
    setQuery('');
    setWorkerError(undefined);
    setTab(autoTree ? 'tree' : bodyKind === 'empty' ? 'headers' : 'raw');
    worker
      .load(body, autoTree)
      .then((r) => {
        if (!alive) return;
        setLoad(r);
        accept(r);
        if (autoTree && r.parseError) setTab('raw');
      })
      .catch((e: Error) => alive && setWorkerError(e.message));
    return () => {
      alive = false;
    };
  }, [body, autoTree, bodyKind, accept]);

  // "Shown" mark for the benchmark and a state attribute tests can wait on.
  const shown = !!load;
  useEffect(() => {
    if (!shown) return;
    const raf = requestAnimationFrame(() => performance.mark('viewer/shown'));
    return () => cancelAnimationFrame(raf);
  }, [shown, body]);

  const buildTree = async () => {
    if (!workerRef.current) return;
    setBuilding(true);
    try {
      const r = await workerRef.current.tree();
      accept(r);
      setTab(r.parseError ? 'raw' : 'tree');
    } catch (e) {
      setWorkerError((e as Error).message);
    } finally {
      setBuilding(false);
    }
  };

  const toggle = useCallback((row: number) => {
    setCollapsed((c) => {
      const next = c.slice();
      next[row] = c[row] ? 0 : 1;
      return next;
    });
  }, []);

  /** Expands the ancestors of a row so a search match becomes visible. */
  const reveal = useCallback(
    (row: number) => {
      if (!index) return;
      setCollapsed((c) => {
        const next = c.slice();
        revealRow(index, next, row);
        return next;
      });
    },
    [index],
  );

  const setAll = (expand: boolean) => {
    if (!index) return;
    setCollapsed(expand ? new Uint8Array(index.rows) : collapseBelow(index, 0));
  };

  // Search runs in the worker; debounced so typing stays smooth.
  useEffect(() => {
    if (!index || !workerRef.current) return;
    let alive = true;
    const t = setTimeout(() => {
      if (!query) {
        setMatches(new Int32Array(0));
        return;
      }
      void workerRef.current?.search(query).then((r) => {
        if (!alive) return;
        setMatches(r.rows);
        setCurrent(0);
        if (r.rows.length > 0) reveal(r.rows[0]!);
      });
    }, 150);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [query, index, reveal]);

  const focusRow = matches.length > 0 ? matches[Math.min(current, matches.length - 1)] : undefined;
  const matchSet = useMemo(() => new Set(matches.length <= 5000 ? Array.from(matches) : Array.from(matches.subarray(0, 5000))), [matches]);

  const step = (d: number) => {
    if (!matches.length) return;
    const next = (Math.min(current, matches.length - 1) + d + matches.length) % matches.length;
    setCurrent(next);
    reveal(matches[next]!);
  };
  const largeRaw = isJson && !autoTree && !index;

  return (
    <div className="response-viewer" data-state={shown ? 'shown' : 'loading'} data-testid="response-viewer">
      <Tabs.Root value={tab} onValueChange={(v) => setTab(v as TabId)}>
        <div className="rv-toolbar">
          <Tabs.List aria-label="Response views" className="rv-tabs">
            <Tabs.Trigger value="tree" disabled={!index} data-testid="tab-tree">
              Pretty
            </Tabs.Trigger>
            <Tabs.Trigger value="raw" data-testid="tab-raw">
              Raw
            </Tabs.Trigger>
            <Tabs.Trigger value="headers" data-testid="tab-headers">
              Headers ({headers.length})
            </Tabs.Trigger>
          </Tabs.List>
          {actions && <div className="rv-actions">{actions}</div>}
        </div>
        {!shown && !workerError && bodyKind !== 'empty' && (
          <p role="status" className="rv-status">
            Preparing the answer…
          </p>
        )}
        {workerError && <p className="status-err">The viewer could not prepare this answer ({workerError}). Copy or save it instead.</p>}
        {largeRaw && shown && (
          <div className="notice notice-info rv-large" data-testid="large-body-notice">
            <p>This answer is {formatBytes(sizeBytes)}. It is shown as raw text so the window stays responsive.</p>
            <button type="button" onClick={() => void buildTree()} disabled={building} data-testid="build-tree">
              {building ? 'Building the tree…' : 'Build the tree view'}
            </button>
          </div>
        )}
        {parseError && (
          <p className="status-warn" data-testid="json-parse-error">
            Not valid JSON: {parseError.message} at line {parseError.line}, column {parseError.column}. Showing the raw text.
          </p>
        )}
        <Tabs.Content value="tree" className="rv-panel">
          {index && (
            <>
              <div className="rv-tree-tools">
                <label className="rv-search">
                  Search
                  <input
                    type="search"
                    value={query}
                    onChange={(e) => setQuery(e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        step(e.shiftKey ? -1 : 1);
                      }
                    }}
                    data-testid="tree-search"
                  />
                </label>
                <span role="status" aria-live="polite" className="rv-match-count" data-testid="match-count">
                  {query
                    ? matches.length
                      ? `${Math.min(current, matches.length - 1) + 1} of ${matches.length}${matches.length >= 10_000 ? '+' : ''}`
                      : 'No matches'
                    : ''}
                </span>
                <span className="rv-match-nav">
                  <button type="button" onClick={() => step(-1)} disabled={matches.length === 0} aria-label="Previous match">
                    ↑
                  </button>
                  <button type="button" onClick={() => step(1)} disabled={matches.length === 0} aria-label="Next match">
                    ↓
                  </button>
                </span>
                <button type="button" onClick={() => setAll(true)} data-testid="expand-all">
                  Expand all
                </button>
                <button type="button" onClick={() => setAll(false)} data-testid="collapse-all">
                  Collapse all
                </button>
              </div>
              <JsonTree
                text={body}
                index={index}
                collapsed={collapsed}
                onToggle={toggle}
                focusRow={focusRow}
                matchRows={matchSet}
                label="Response body as a tree"
              />
            </>
          )}
        </Tabs.Content>
        <Tabs.Content value="raw" className="rv-panel">
          {load && <RawView text={body} lineStarts={load.lineStarts} label="Response body as raw text" />}
        </Tabs.Content>
        <Tabs.Content value="headers" className="rv-panel">
          <table className="rv-headers" data-testid="response-headers">
            <caption className="visually-hidden">Response headers</caption>
            <thead>
              <tr>
                <th scope="col">Header</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {headers.map(([k, v], i) => (
                <tr key={`${k}-${i}`}>
                  <td>{k}</td>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
