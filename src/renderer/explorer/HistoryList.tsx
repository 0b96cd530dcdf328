/** Recent requests of the active environment, newest first, each with "Load" and "Replay". */
import { useState } from 'react';
import type { HistoryEntry } from '../../shared/contract/explorer-channels.js';
import { ConfirmDialog } from '../onboarding/ConfirmDialog.js';

/** Requests without an HTTP answer, in words; other codes show as "No answer" plus the code (not in presenter mode). */
const NO_ANSWER: Partial<Record<string, string>> = {
  NOT_SIGNED_IN: 'Not sent: not signed in',
  SESSION_ENDED: 'Not sent: session ended',
  REQUEST_CANCELLED: 'Cancelled',
};

export function HistoryList({
  entries,
  onLoad,
  onReplay,
  onClear,
  busy,
}: {
  entries: HistoryEntry[];
  onLoad(e: HistoryEntry): void;
  onReplay(e: HistoryEntry): void;
  onClear(): void;
  busy: boolean;
}) {
  const [confirmClear, setConfirmClear] = useState(false);
  return (
    <section className="history" aria-labelledby="history-heading" data-testid="history">
      <div className="history-head">
        <h3 id="history-heading">History</h3>
        {entries.length > 0 && (
          <button type="button" className="link-button" onClick={() => setConfirmClear(true)} data-testid="history-clear">
            Clear history…
          </button>
        )}
      </div>
      {entries.length === 0 ? (
        <p>No requests yet. Requests you send are listed here (without tokens), so you can replay them.</p>
      ) : (
        <ol className="history-list">
          {entries.map((e) => {
            const q = e.request.query.length ? `?${new URLSearchParams(e.request.query).toString()}` : '';
            const label = `${e.request.method} ${e.request.path}${q}`;
            return (
              <li key={e.id} data-testid="history-entry">
                <span className="history-line">
                  <span className={`method method-${e.request.method.toLowerCase()}`}>{e.request.method}</span>{' '}
                  <span className="history-path">
                    {e.request.path}
                    {q}
                  </span>
                </span>
                <span className="history-meta">
                  {e.status !== undefined ? `${e.status}` : (NO_ANSWER[e.errorCode ?? ''] ?? 'No answer')}
                  {e.status === undefined && e.errorCode && !NO_ANSWER[e.errorCode] && (
                    <span className="diagnostics"> ({e.errorCode})</span>
                  )}
                  {e.durationMs !== undefined ? ` · ${e.durationMs} ms` : ''} ·{' '}
                  <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleTimeString()}</time>
                </span>
                <span className="history-actions">
                  <button type="button" onClick={() => onLoad(e)} aria-label={`Load ${label} into the form`}>
                    Load
                  </button>
                  <button
                    type="button"
                    onClick={() => onReplay(e)}
                    disabled={busy}
                    aria-label={`Replay ${label}`}
                    data-testid="history-replay"
                  >
                    Replay
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <ConfirmDialog
        open={confirmClear}
        title="Clear the request history?"
        confirmLabel={`Clear ${entries.length} request${entries.length === 1 ? '' : 's'}`}
        onConfirm={() => {
          setConfirmClear(false);
          onClear();
        }}
        onCancel={() => setConfirmClear(false)}
        testId="history-clear-dialog"
      >
        <p>The list of requests sent in this environment will be emptied. This cannot be undone. Nothing else changes.</p>
      </ConfirmDialog>
    </section>
  );
}
