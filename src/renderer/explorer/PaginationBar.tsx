/**
 * Pagination helper for Pleo's cursor envelope: where we are, previous / next page, and
 * "fetch all" with a live count and a cancel button.
 */
import type { PageInfo } from '../../shared/catalog/pagination.js';
import type { FetchAllProgress } from '../../shared/contract/explorer-channels.js';

export interface PaginationBarProps {
  /** Undefined while or after fetching all pages: then only the fetch-all progress is shown. */
  info?: PageInfo;
  pageNumber: number;
  busy: boolean;
  progress?: FetchAllProgress;
  onPage(direction: 'next' | 'previous'): void;
  onFetchAll(): void;
  onCancel(): void;
}

/** The two page buttons: which way, their text, and what the page info needs for a page that way. */
const PAGE_BUTTONS = [
  { direction: 'previous', text: '← Previous page', possible: (i: PageInfo) => i.hasPreviousPage && !!i.startCursor },
  { direction: 'next', text: 'Next page →', possible: (i: PageInfo) => i.hasNextPage && !!i.endCursor },
] as const;

export function PaginationBar({ info, pageNumber, busy, progress, onPage, onFetchAll, onCancel }: PaginationBarProps) {
  const fetching = !!progress && !progress.done;
  return (
    <div className="pagination-bar" role="group" aria-label="Pages" data-testid="pagination-bar">
      {info && (
        <>
          <span data-testid="page-status">
            Page {pageNumber}: {info.count} item{info.count === 1 ? '' : 's'}
            {info.total !== undefined ? ` of ${info.total}` : ''}
          </span>
          {PAGE_BUTTONS.map(({ direction, text, possible }) => (
            <button
              key={direction}
              type="button"
              onClick={() => onPage(direction)}
              disabled={busy || !possible(info)}
              data-testid={`page-${direction}`}
            >
              {text}
            </button>
          ))}
        </>
      )}
      {!fetching ? (
        <button
          type="button"
          onClick={onFetchAll}
          disabled={busy || !info || (!info.hasNextPage && !info.hasPreviousPage)}
          data-testid="fetch-all"
        >
          Fetch all pages
        </button>
      ) : (
        <button type="button" onClick={onCancel} data-testid="fetch-all-cancel">
          Cancel
        </button>
      )}
      {progress && (
        <span role="status" aria-live="polite" data-testid="fetch-all-progress">
          {progress.done ? 'Fetched' : 'Fetching…'} {progress.pages} page{progress.pages === 1 ? '' : 's'}, {progress.items}
          {progress.total !== undefined ? ` of ${progress.total}` : ''} items
        </span>
      )}
      {progress && progress.total !== undefined && progress.total > 0 && (
        <progress max={progress.total} value={Math.min(progress.items, progress.total)} aria-label="Fetch all progress" />
      )}
    </div>
  );
}
