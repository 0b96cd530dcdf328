/**
 * The resume point of an export (non-secret: ids, counts, a cursor and the CSV path the user
 * chose; never a token), in two parts:
 * - the settings store holds the whole checkpoint; it is written when a run starts or resumes
 *   and when every item is reported (electron-store / conf rewrite the settings file
 *   atomically with an fsync, too slow to do after every batch of 100);
 * - a small append-only journal file of its own next to the settings file gets one line after
 *   every batch Pleo acknowledged (`write`, then `fdatasync`, ≈ 0.2 ms here): the progress
 *   fields only. A killed process keeps every line it wrote; a line cut short by a power cut
 *   is ignored, and the line before it is a complete, older resume point.
 * Loading merges the two (the journal line wins when it is further on), so after a crash or
 * quit the export goes on right after the last batch Pleo acknowledged: no item is reported
 * twice and none is lost. When the journal cannot be written (no folder, read-only disk), every
 * batch's progress goes to the settings store as before.
 */
import { closeSync, fdatasync, ftruncateSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { KeyValueBackend } from '../ports.js';

const checkpointSchema = z.object({
  version: z.literal(1),
  environmentId: z.string(),
  jobId: z.string(),
  targetPath: z.string(),
  total: z.number().int().nonnegative(),
  /** Cursor of the last page whose items were all reported (undefined: from the start). */
  after: z.string().optional(),
  /** Items in the pages up to and including `after` (all reported). */
  reportedAtPage: z.number().int().nonnegative(),
  /** How many batches of the page after `after` were already reported. */
  batchesDoneInPage: z.number().int().nonnegative(),
  /**
   * Which batches of that page were reported (indices; several are sent at once, so they need
   * not be the first ones). Missing in checkpoints of earlier versions, which sent batches one
   * at a time: then the first `batchesDoneInPage` batches are the reported ones.
   */
  doneBatches: z.array(z.number().int().nonnegative()).optional(),
  /** Items reported so far (including batches of a partly reported page). */
  reported: z.number().int().nonnegative(),
  /** CSV size at the end of the last completely reported page. */
  csvBytesAtPage: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  reportErrors: z.number().int().nonnegative(),
  failureTypes: z.record(z.string(), z.number()),
  failRows: z.array(z.number().int()),
  failureReasonType: z.string().optional(),
  failureReason: z.string().optional(),
  pageSize: z.number().int().positive(),
  /** How pages are asked for (default cursor); with offsets, the next offset is `reportedAtPage`. */
  paging: z.enum(['cursor', 'offset']).optional(),
  startedAt: z.number(),
  resumed: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  /** Set once every item is reported: only the final event is left. */
  allReported: z.boolean().optional(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** What a journal line carries: the fields a reported batch changes. */
const PROGRESS_FIELDS = [
  'jobId',
  'total',
  'after',
  'reportedAtPage',
  'batchesDoneInPage',
  'doneBatches',
  'reported',
  'csvBytesAtPage',
  'failed',
  'reportErrors',
  'failureTypes',
] as const;

const keyOf = (environmentId: string) => `export.checkpoint.${environmentId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export interface CheckpointStore {
  load(environmentId: string): Checkpoint | undefined;
  /** The whole checkpoint, to the settings store (start, resume, all reported). */
  save(checkpoint: Checkpoint): void;
  /** The progress after an acknowledged batch, to the journal; resolves once it is on disk. */
  progress(checkpoint: Checkpoint): Promise<void>;
  clear(environmentId: string): void;
  /** Closes open journal files (the app is quitting). */
  close(): void;
}

/**
 * `journalDir`: where the journal files live (default: the settings file's folder, so they
 * share its permissions and its place in the user's profile).
 */
export function createCheckpointStore(settings: KeyValueBackend, journalDir = path.dirname(settings.path)): CheckpointStore {
  const fds = new Map<string, number>();
  const journalOf = (environmentId: string) =>
    path.join(journalDir, `export-progress.${environmentId.replace(/[^A-Za-z0-9_-]/g, '_')}.jsonl`);
  const openJournal = (environmentId: string): number | undefined => {
    let fd = fds.get(environmentId);
    if (fd !== undefined) return fd;
    try {
      fd = openSync(journalOf(environmentId), 'a', 0o600);
    } catch {
      return undefined;
    }
    fds.set(environmentId, fd);
    return fd;
  };
  const closeJournal = (environmentId: string) => {
    const fd = fds.get(environmentId);
    fds.delete(environmentId);
    if (fd !== undefined) closeSync(fd);
  };
  /** The last complete line of the journal for this job (a torn last line is skipped). */
  const journalTail = (environmentId: string, jobId: string): Record<string, unknown> | undefined => {
    let text: string;
    try {
      text = readFileSync(journalOf(environmentId), 'utf8');
    } catch {
      return undefined;
    }
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      try {
        const line = JSON.parse(lines[i] as string) as Record<string, unknown>;
        if (line && line.jobId === jobId) return line;
      } catch {
        // cut short by a power cut: the line before it is the resume point
      }
    }
    return undefined;
  };

  return {
    load(environmentId) {
      const base = settings.get(keyOf(environmentId)) as Record<string, unknown> | undefined;
      const tail = base && typeof base.jobId === 'string' ? journalTail(environmentId, base.jobId) : undefined;
      const merged = tail && Number(tail.reported) > Number(base?.reported) ? { ...base, ...tail } : base;
      const parsed = checkpointSchema.safeParse(merged);
      // A damaged checkpoint is ignored rather than trusted: the job stays visible as in_progress.
      return parsed.success && parsed.data.environmentId === environmentId ? parsed.data : undefined;
    },
    save(checkpoint) {
      settings.set(keyOf(checkpoint.environmentId), checkpoint);
      // The settings store now has everything the journal had: start it afresh.
      const fd = fds.get(checkpoint.environmentId);
      if (fd !== undefined) ftruncateSync(fd, 0);
      else rmSync(journalOf(checkpoint.environmentId), { force: true });
    },
    progress(checkpoint) {
      const fd = openJournal(checkpoint.environmentId);
      if (fd === undefined) {
        settings.set(keyOf(checkpoint.environmentId), checkpoint);
        return Promise.resolve();
      }
      const line: Record<string, unknown> = {};
      for (const k of PROGRESS_FIELDS) if (checkpoint[k] !== undefined) line[k] = checkpoint[k];
      const toSettings = () => {
        closeJournal(checkpoint.environmentId);
        settings.set(keyOf(checkpoint.environmentId), checkpoint);
      };
      try {
        // One write call per line, in order; a killed process keeps it (the page cache survives).
        writeSync(fd, `${JSON.stringify(line)}\n`);
      } catch {
        toSettings();
        return Promise.resolve();
      }
      // fdatasync off the event loop: the next page downloads and is written meanwhile.
      return new Promise<void>((resolve) =>
        fdatasync(fd, (error) => {
          if (error) toSettings();
          resolve();
        }),
      );
    },
    clear(environmentId) {
      settings.delete(keyOf(environmentId));
      closeJournal(environmentId);
      rmSync(journalOf(environmentId), { force: true });
    },
    close() {
      for (const id of [...fds.keys()]) closeJournal(id);
    },
  };
}
