/** Size and time limits of the explorer, overridable in tests. */
export interface ExplorerLimits {
  /** Main stops reading a body past this many bytes (API-07: memory stays bounded). */
  maxHoldBytes: number;
  /** Bodies larger than this are not sent to the renderer; it gets a preview and "save to file". */
  maxRendererBytes: number;
  /** Preview size for bodies the renderer does not get whole. */
  previewBytes: number;
  /** Bodies of responses kept in main for copy/save, all together. */
  responseCacheBytes: number;
  requestTimeoutMs: number;
  /** Automatic retries of a GET after a 5xx (API-06); never for other methods. */
  serverErrorRetries: number;
  serverErrorBackoffMs: number;
  /** History entries kept per environment, and the largest bodies stored in them. */
  historyEntries: number;
  historyBodyChars: number;
  /** fetch-all: most pages, and most bytes gathered in total. */
  fetchAllMaxPages: number;
}

export const DEFAULT_LIMITS: ExplorerLimits = {
  maxHoldBytes: 64 * 1024 * 1024,
  maxRendererBytes: 32 * 1024 * 1024,
  previewBytes: 256 * 1024,
  responseCacheBytes: 128 * 1024 * 1024,
  requestTimeoutMs: 60_000,
  serverErrorRetries: 2,
  serverErrorBackoffMs: 400,
  historyEntries: 50,
  historyBodyChars: 8 * 1024,
  fetchAllMaxPages: 500,
};
