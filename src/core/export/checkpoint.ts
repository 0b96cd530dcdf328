/**
 * The resume point of an export, kept in the settings store (non-secret: ids, counts, a cursor
 * and the CSV path the user chose; never a token). It is written after every reported batch,
 * so after a crash or quit the export goes on right after the last batch Pleo acknowledged:
 * no item is reported twice and none is lost.
 */
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
  /** Batches of the page after `after` that were already reported. */
  batchesDoneInPage: z.number().int().nonnegative(),
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
  startedAt: z.number(),
  resumed: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  /** Set once every item is reported: only the final event is left. */
  allReported: z.boolean().optional(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

const keyOf = (environmentId: string) => `export.checkpoint.${environmentId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export interface CheckpointStore {
  load(environmentId: string): Checkpoint | undefined;
  save(checkpoint: Checkpoint): void;
  clear(environmentId: string): void;
}

export function createCheckpointStore(settings: KeyValueBackend): CheckpointStore {
  return {
    load(environmentId) {
      const parsed = checkpointSchema.safeParse(settings.get(keyOf(environmentId)));
      // A damaged checkpoint is ignored rather than trusted: the job stays visible as in_progress.
      return parsed.success && parsed.data.environmentId === environmentId ? parsed.data : undefined;
    },
    save(checkpoint) {
      settings.set(keyOf(checkpoint.environmentId), checkpoint);
    },
    clear(environmentId) {
      settings.delete(keyOf(environmentId));
    },
  };
}
