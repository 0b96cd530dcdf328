/** The answer: status, time, size, the explanation, the pagination helper and the body viewer with copy/save. */
import type { ReactNode } from 'react';
import type { ExplorerResponse } from '../../shared/contract/explorer-channels.js';
import { AnswerExplanation } from './AnswerExplanation.js';
import { ResponseViewer, formatBytes } from './viewer/ResponseViewer.js';

export interface ResponsePanelProps {
  response: ExplorerResponse;
  pagination?: ReactNode;
  onEnvelope(pagination: unknown, dataCount: number | undefined): void;
  onCopy(part: 'body' | 'headers'): void;
  onSave(): void;
  actionNote?: string;
}

export function ResponsePanel({ response: r, pagination, onEnvelope, onCopy, onSave, actionNote }: ResponsePanelProps) {
  const statusClass = r.ok ? 'status-ok' : r.status >= 500 || r.status === 401 || r.status === 403 ? 'status-err' : 'status-warn';
  return (
    <section className="response-panel" aria-labelledby="response-heading" data-testid="response-panel">
      <h3 id="response-heading">Response</h3>
      <p className="response-status" role="status" data-testid="response-status">
        <span className={statusClass}>
          <span aria-hidden="true">{r.ok ? '✓ ' : '✗ '}</span>
          <strong data-testid="response-code">{r.status}</strong> {r.statusText}
        </span>{' '}
        · <span data-testid="response-time">{r.durationMs} ms</span> · <span data-testid="response-size">{formatBytes(r.sizeBytes)}</span>
        {/* Fetch all sums one attempt per page: only retries beyond that are worth a word. */}
        {(() => {
          const retries = r.attempts - (r.fetchAll ? r.fetchAll.pages : 1);
          return retries > 0 ? ` · ${retries} ${retries === 1 ? 'retry' : 'retries'}` : '';
        })()}
        {r.refreshed ? ' · session refreshed once' : ''}
      </p>
      {r.refreshed && r.ok && (
        <p className="notice notice-info" data-testid="refreshed-note">
          Your access token had expired. The app refreshed the session once and repeated the call, which then worked.
        </p>
      )}
      {r.explanation && <AnswerExplanation explanation={r.explanation} />}
      {r.fetchAll && (
        <p className="notice notice-info" data-testid="fetch-all-summary">
          {r.fetchAll.complete ? 'All pages fetched' : r.fetchAll.cancelled ? 'Stopped when you cancelled' : 'Stopped before the last page'}
          : {r.fetchAll.items} items from {r.fetchAll.pages} page
          {r.fetchAll.pages === 1 ? '' : 's'}
          {r.fetchAll.total !== undefined ? ` (Pleo reports ${r.fetchAll.total} in total)` : ''}.
        </p>
      )}
      {r.bodyState !== 'complete' && (
        <div className="notice notice-warning" role="status" data-testid="body-too-large">
          {r.bodyState === 'truncated'
            ? `The answer was larger than the app keeps in memory, so reading stopped at ${formatBytes(r.sizeBytes)} (response truncated). Below is the beginning.`
            : `The answer is ${formatBytes(r.sizeBytes)}, more than the viewer shows. Below is the beginning; save it to a file to see it all.`}{' '}
          <button type="button" onClick={onSave}>
            Save to file
          </button>
        </div>
      )}
      {pagination}
      <ResponseViewer
        body={r.body}
        bodyKind={r.bodyState === 'complete' ? r.bodyKind : r.bodyKind === 'json' ? 'text' : r.bodyKind}
        sizeBytes={r.body.length}
        headers={r.headers}
        onEnvelope={onEnvelope}
        actions={
          <>
            <button type="button" onClick={() => onCopy('body')} disabled={r.bodyKind === 'empty'} data-testid="copy-body">
              Copy body
            </button>
            <button type="button" onClick={() => onCopy('headers')}>
              Copy headers
            </button>
            <button type="button" onClick={onSave} disabled={r.bodyKind === 'empty'} data-testid="save-body">
              Save to file
            </button>
            {actionNote && (
              <span role="status" className="action-note" data-testid="action-note">
                {actionNote}
              </span>
            )}
          </>
        }
      />
    </section>
  );
}
