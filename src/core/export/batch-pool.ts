/**
 * Runs work for a list of indices with at most `limit` at once, in index order of starting.
 * After the first failure no new work starts, but work already started is allowed to settle
 * (its result may be an acknowledged status report that must still be journalled) before the
 * first error is thrown. Rejects with that first error.
 */
export async function inPool(indices: readonly number[], limit: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  let firstError: unknown;
  const worker = async () => {
    while (!failed && next < indices.length) {
      const index = indices[next++] as number;
      try {
        await work(index);
      } catch (error) {
        if (!failed) {
          failed = true;
          firstError = error;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, indices.length)) }, worker));
  if (failed) throw firstError;
}
