/**
 * The export checkpoint (checkpoint.ts): the whole checkpoint in settings, the progress of
 * every acknowledged batch in a journal file of its own. A restart reads both; a line cut
 * short by a power cut is skipped; without a writable folder progress goes to settings.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCheckpointStore, type Checkpoint } from '../../../src/core/export/checkpoint.js';
import { memoryBackend } from '../explorer/fakes.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'ppd-cp-'));
  dirs.push(d);
  return d;
};

const base: Checkpoint = {
  version: 1,
  environmentId: 'simulator',
  jobId: 'job-1',
  targetPath: '/tmp/x.csv',
  total: 1000,
  reportedAtPage: 0,
  batchesDoneInPage: 0,
  reported: 0,
  csvBytesAtPage: 10,
  failed: 0,
  reportErrors: 0,
  failureTypes: {},
  failRows: [3],
  pageSize: 1000,
  startedAt: 1,
  resumed: 0,
  retries: 0,
};

describe('export checkpoint journal', () => {
  it('journals batch progress without rewriting the settings file, and a restart resumes from it', async () => {
    const settings = memoryBackend();
    const dir = tempDir();
    const store = createCheckpointStore(settings, dir);
    store.save(base);
    const writes = settings.writes;
    for (let b = 1; b <= 5; b++) await store.progress({ ...base, reported: b * 100, batchesDoneInPage: b });
    expect(settings.writes).toBe(writes);
    // A second instance (the app after a crash): same settings contents, same folder.
    const again = createCheckpointStore(settings, dir).load('simulator');
    expect(again).toMatchObject({ reported: 500, batchesDoneInPage: 5, failRows: [3], jobId: 'job-1' });
    store.close();
  });

  it('a journal line cut short by a power cut is skipped: the line before it is the resume point', async () => {
    const settings = memoryBackend();
    const dir = tempDir();
    const store = createCheckpointStore(settings, dir);
    store.save(base);
    await store.progress({ ...base, reported: 100, batchesDoneInPage: 1 });
    store.close();
    const file = path.join(dir, 'export-progress.simulator.jsonl');
    appendFileSync(file, '{"jobId":"job-1","reported":2');
    expect(createCheckpointStore(settings, dir).load('simulator')).toMatchObject({ reported: 100, batchesDoneInPage: 1 });
  });

  it('ignores journal lines of another job and lines behind the settings checkpoint', async () => {
    const settings = memoryBackend();
    const dir = tempDir();
    const store = createCheckpointStore(settings, dir);
    store.save(base);
    await store.progress({ ...base, jobId: 'job-0', reported: 900 });
    expect(store.load('simulator')).toMatchObject({ jobId: 'job-1', reported: 0 });
    store.save({ ...base, reported: 300, resumed: 1 });
    expect(readFileSync(path.join(dir, 'export-progress.simulator.jsonl'), 'utf8')).toBe('');
    expect(store.load('simulator')).toMatchObject({ reported: 300, resumed: 1 });
    store.clear('simulator');
    expect(store.load('simulator')).toBeUndefined();
  });

  it('without a folder it can write, every batch goes to the settings store as before', async () => {
    const settings = memoryBackend();
    const store = createCheckpointStore(settings, path.join(tempDir(), 'missing', 'folder'));
    store.save(base);
    await store.progress({ ...base, reported: 100, batchesDoneInPage: 1 });
    expect(store.load('simulator')).toMatchObject({ reported: 100 });
  });
});
