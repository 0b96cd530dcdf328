/**
 * The API explorer: Pleo's endpoints grouped by partner task, a request builder, the answer
 * explained in plain language, a pagination helper, history with replay, and cURL export.
 * Every call goes through main (window.partner.explorer.*), which holds the token.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import * as Tabs from '@radix-ui/react-tabs';
import type { EndpointDef } from '../../shared/catalog/types.js';
import type { ExplorerRequest } from '../../shared/catalog/request-shape.js';
import { pageQuery, readPageInfo, type PageInfo } from '../../shared/catalog/pagination.js';
import type { ExplorerResponse, FetchAllProgress, HistoryEntry } from '../../shared/contract/explorer-channels.js';
import type { AppError } from '../../shared/result.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { DoctorLink } from '../doctor/DoctorLink.js';
import { partner } from '../partner.js';
import { CatalogList } from './CatalogList.js';
import { CopyTokenAction } from './CopyTokenAction.js';
import { buildRequest, formFromEndpoint, formFromRequest, initialForm, type FormState } from './form-state.js';
import { HistoryList } from './HistoryList.js';
import { ImportOpenApi } from './ImportOpenApi.js';
import { PaginationBar } from './PaginationBar.js';
import { RequestBuilder } from './RequestBuilder.js';
import { ResponsePanel } from './ResponsePanel.js';
import { useCatalog, useHistory, useSession } from './use-explorer-data.js';

let nextRequest = 1;
const newRequestId = () => `r${Date.now().toString(36)}${(nextRequest++).toString(36)}`;

export function ExplorerView({ navigate }: { navigate?: (id: 'connect' | 'doctor') => void }) {
  const { catalog, error: catalogError, reload: reloadCatalog } = useCatalog();
  const [sideTab, setSideTab] = useState<'endpoints' | 'history'>('endpoints');
  const { env, granted, signedIn } = useSession();
  const history = useHistory(env?.id);
  const [form, setForm] = useState<FormState>(initialForm);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [response, setResponse] = useState<ExplorerResponse | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [lastRequest, setLastRequest] = useState<ExplorerRequest | undefined>();
  const [pageInfo, setPageInfo] = useState<PageInfo | undefined>();
  const [pageNumber, setPageNumber] = useState(1);
  const [progress, setProgress] = useState<FetchAllProgress | undefined>();
  const [note, setNote] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<ExplorerRequest | undefined>();
  const requestIdRef = useRef<string | undefined>(undefined);
  const mainRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const responseId = response?.responseId;

  // The answer (or the error) appears below the request form: bring it into view when it is
  // off-screen, so pressing Send always shows a result. Focus stays where it was.
  useEffect(() => {
    if (!responseId && !error) return;
    const target = mainRef.current?.querySelector<HTMLElement>(':scope > .error-message, :scope > [data-testid="response-panel"]');
    if (!target) return;
    const top = target.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 160) {
      const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      target.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
    }
  }, [responseId, error]);

  // "This request changes data": take keyboard focus there so it is seen and read out.
  useEffect(() => {
    if (!confirming) return;
    confirmRef.current?.scrollIntoView({ block: 'nearest' });
    confirmRef.current?.focus();
  }, [confirming]);

  const endpoint = useMemo(() => catalog?.endpoints.find((e) => e.id === form.endpointId), [catalog, form.endpointId]);
  const built = useMemo(() => buildRequest(form, endpoint), [form, endpoint]);

  useEffect(
    () =>
      partner().on('explorer.fetchAllProgress', (p) => {
        if (p.requestId === requestIdRef.current) setProgress(p);
      }),
    [],
  );

  const run = useCallback(
    async (req: ExplorerRequest, mode: { page?: number; fetchAll?: boolean } = {}) => {
      const requestId = newRequestId();
      requestIdRef.current = requestId;
      setBusy(true);
      setError(undefined);
      setNote(undefined);
      setConfirming(undefined);
      if (mode.fetchAll) setProgress({ requestId, pages: 0, items: 0, done: false });
      else setProgress(undefined);
      const r = mode.fetchAll
        ? await partner().explorer.fetchAll({ ...req, method: req.method === 'POST' ? 'POST' : 'GET', requestId })
        : await partner().explorer.send({ ...req, requestId });
      if (requestIdRef.current !== requestId) return; // superseded: never render a late answer
      setBusy(false);
      if (r.ok) {
        setResponse(r.value);
        setLastRequest(req);
        setPageInfo(undefined);
        setPageNumber(mode.page ?? 1);
      } else {
        setError(r.error);
        if (r.error.code !== 'REQUEST_CANCELLED') setResponse(undefined);
      }
      void history.reload();
    },
    [history],
  );

  const send = () => {
    setAttempted(true);
    if (!built.request) {
      // Take the user to the first field to fix, right where the message is.
      requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const mutating = endpoint ? endpoint.mutating : built.request.method !== 'GET';
    if (mutating) {
      setConfirming(built.request);
      return;
    }
    void run(built.request);
  };

  /** Closes the "changes data" question and puts focus back on Send. */
  const cancelConfirm = () => {
    setConfirming(undefined);
    mainRef.current?.querySelector<HTMLElement>('[data-testid="send-request"]')?.focus();
  };

  const cancel = () => {
    const id = requestIdRef.current;
    if (id) void partner().explorer.cancel({ requestId: id });
  };

  const onEnvelope = useCallback((pagination: unknown, dataCount: number | undefined) => {
    const info = readPageInfo({ data: [], pagination });
    if (info) setPageInfo({ ...info, count: dataCount ?? 0 });
  }, []);

  const page = (direction: 'next' | 'previous') => {
    if (!lastRequest || !pageInfo) return;
    const query = pageQuery(lastRequest.query, direction, pageInfo);
    if (query) void run({ ...lastRequest, query }, { page: Math.max(1, pageNumber + (direction === 'next' ? 1 : -1)) });
  };

  const fetchAll = () => {
    if (!lastRequest) return;
    void run(
      { ...lastRequest, query: lastRequest.query.filter(([k]) => k !== 'after' && k !== 'before' && k !== 'offset') },
      { fetchAll: true },
    );
  };

  /** The pagination helper; without page info (fetch-all running or done) it shows progress only. */
  const pager = (info: PageInfo | undefined) => (
    <PaginationBar
      {...(info ? { info } : {})}
      pageNumber={pageNumber}
      busy={busy}
      progress={progress}
      onPage={page}
      onFetchAll={fetchAll}
      onCancel={cancel}
    />
  );

  const copyCurl = async () => {
    setAttempted(true);
    if (!built.request) return;
    const r = await partner().explorer.copyCurl(built.request);
    setNote(
      r.ok
        ? 'Copied as cURL. It uses $PLEO_ACCESS_TOKEN instead of your token: set that variable in your shell before running it.'
        : r.error.message,
    );
  };

  /** A new endpoint starts clean: the previous answer, error and pages belong to the old one. */
  const clearAnswer = () => {
    requestIdRef.current = undefined; // an answer still on its way is not rendered
    setBusy(false);
    setResponse(undefined);
    setError(undefined);
    setPageInfo(undefined);
    setProgress(undefined);
    setLastRequest(undefined);
    setNote(undefined);
    setConfirming(undefined);
  };

  const selectEndpoint = (e: EndpointDef) => {
    if (busy && requestIdRef.current) void partner().explorer.cancel({ requestId: requestIdRef.current });
    clearAnswer();
    setForm(formFromEndpoint(e));
    setAttempted(false);
  };

  const loadHistory = (h: HistoryEntry) => {
    const ep = catalog?.endpoints.find((e) => e.id === h.request.endpointId);
    setForm(formFromRequest(h.request, ep));
    setAttempted(false);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !busy) {
      e.preventDefault();
      send();
    }
  };

  return (
    <section aria-labelledby="explorer-heading" className="explorer" onKeyDown={onKeyDown}>
      <h2 id="explorer-heading">API explorer</h2>
      {!signedIn && (
        <p className="notice notice-info" data-testid="explorer-not-signed-in">
          You are not signed in to {env?.name ?? 'this environment'} yet. Requests need an access token.{' '}
          {navigate && (
            <button type="button" className="link-button" onClick={() => navigate('connect')}>
              Go to Connect
            </button>
          )}
        </p>
      )}
      <div className="explorer-layout">
        <div className="explorer-side">
          <Tabs.Root value={sideTab} onValueChange={(v) => setSideTab(v as 'endpoints' | 'history')}>
            <Tabs.List aria-label="Endpoints or history" className="side-tabs">
              <Tabs.Trigger value="endpoints" data-testid="side-tab-endpoints">
                Endpoints
              </Tabs.Trigger>
              <Tabs.Trigger value="history" data-testid="side-tab-history">
                History ({history.entries.length})
              </Tabs.Trigger>
            </Tabs.List>
            <Tabs.Content value="endpoints" className="side-panel">
              {catalog ? (
                <CatalogList
                  catalog={catalog}
                  selectedId={form.endpointId}
                  granted={granted}
                  signedIn={signedIn}
                  onSelect={selectEndpoint}
                />
              ) : (
                <p role="status">Loading endpoints…</p>
              )}
              {catalogError && <ErrorMessage error={catalogError} />}
              {catalog && <ImportOpenApi imports={catalog.imports} onChanged={() => void reloadCatalog()} />}
            </Tabs.Content>
            <Tabs.Content value="history" className="side-panel">
              <HistoryList
                entries={history.entries}
                busy={busy}
                onLoad={loadHistory}
                onReplay={(h) => {
                  loadHistory(h);
                  void run(h.request);
                }}
                onClear={() =>
                  void partner()
                    .explorer.clearHistory(env ? { environmentId: env.id } : {})
                    .then(() => history.reload())
                }
              />
            </Tabs.Content>
          </Tabs.Root>
        </div>
        <div className="explorer-main" ref={mainRef}>
          <RequestBuilder
            form={form}
            endpoint={endpoint}
            apiBase={env?.apiBase}
            problems={attempted ? built.problems : []}
            busy={busy}
            onChange={setForm}
            onSend={send}
            onCancel={cancel}
            onCopyCurl={() => void copyCurl()}
          >
            <CopyTokenAction onNote={setNote} />
          </RequestBuilder>
          {note && (
            <p role="status" className="notice notice-info" data-testid="explorer-note">
              {note}
            </p>
          )}
          {confirming && (
            <div
              ref={confirmRef}
              className="notice notice-warning confirm-mutating"
              role="alertdialog"
              aria-labelledby="confirm-mutate"
              tabIndex={-1}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  cancelConfirm();
                }
              }}
              data-testid="confirm-mutating"
            >
              <p id="confirm-mutate">
                This request changes data in {env?.name ?? 'Pleo'} ({confirming.method} {confirming.path}). Send it?
              </p>
              <button type="button" className="primary" onClick={() => void run(confirming)} data-testid="confirm-send">
                Send
              </button>{' '}
              <button type="button" onClick={cancelConfirm}>
                Cancel
              </button>
            </div>
          )}
          {busy && !progress && (
            <p role="status" className="rv-status" data-testid="request-pending">
              Waiting for the answer…
            </p>
          )}
          {error && <ErrorMessage error={error} title={error.code === 'REQUEST_CANCELLED' ? 'Cancelled' : 'Request not completed'} />}
          <DoctorLink error={error} navigate={navigate} />
          {response && (
            <ResponsePanel
              key={response.responseId}
              response={response}
              onEnvelope={onEnvelope}
              onCopy={async (part) => {
                const r = await partner().explorer.copyResponse({ responseId: response.responseId, part });
                setNote(r.ok ? `${part === 'body' ? 'Body' : 'Headers'} copied.` : r.error.message);
              }}
              onSave={async () => {
                const r = await partner().explorer.saveResponse({ responseId: response.responseId });
                setNote(r.ok ? (r.value.saved ? `Saved${r.value.path ? ` to ${r.value.path}` : ''}.` : 'Not saved.') : r.error.message);
              }}
              pagination={(pageInfo && !response.fetchAll) || progress ? pager(response.fetchAll ? undefined : pageInfo) : undefined}
            />
          )}
          {!response && busy && progress && pager(undefined)}
        </div>
      </div>
    </section>
  );
}
