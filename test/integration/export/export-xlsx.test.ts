/**
 * The .xlsx target (issue 14) through the whole workflow against the real simulator over
 * 127.0.0.1: the workbook is read back with exceljs' own reader (no mocks), a run killed
 * mid-export resumes without a duplicate row, and a workbook that cannot be written loses
 * nothing: the items stay reported, the staging file stays, and a resume writes only the
 * workbook. Order is forced with gates, never with sleeps.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { copySettings, dyingAt, queuedIds, serverJob, startHarness, type Harness } from './export-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The first column (entry id) of every data row of the workbook's "Expenses" sheet. */
async function workbookIds(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Expenses');
  if (!sheet) throw new Error('no sheet named Expenses');
  const ids: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) ids.push(String(row.getCell(1).value));
  });
  return ids;
}

function putCount(harness: Harness, jobId: string): number {
  return harness.puts.filter((p) => p.jobId === jobId).reduce((sum, p) => sum + p.ids.length, 0);
}

describe('export to an Excel workbook on the simulator', () => {
  it('writes every item to the workbook, in order, reports it once and completes; only the workbook is left', async () => {
    h = await startHarness();
    const app = h.app({ csvName: 'expenses.xlsx' });
    const { queued } = await app.queue(1200);
    await app.ok('export.findJob');
    const chosen = await app.ok('export.chooseTarget');
    expect(chosen.targetFormat).toBe('xlsx');
    await app.ok('export.start', { failRows: [7] });
    await app.idle();
    const v = await app.ok('export.get');
    expect(v.state).toBe('completed_with_errors');
    expect(v.lastRun).toMatchObject({ items: 1200, failed: 1, format: 'xlsx' });
    expect(v.steps.find((s) => s.id === 'record-items')?.evidence.at(-1)?.result).toMatch(/Excel workbook expenses\.xlsx/);
    expect(await workbookIds(app.csvPath)).toEqual(queuedIds(h, 1200));
    expect(await readdir(path.dirname(app.csvPath))).not.toContain('expenses.xlsx.partial.csv');
    expect(putCount(h, queued.jobId)).toBe(1200);
    expect(await serverJob(h, queued.jobId)).toMatchObject({
      status: 'completed_with_errors',
      failureReason: '1 of 1200 items could not be exported to the Excel workbook target.',
    });
  });

  it('the format chosen on the screen: the dialog suggests its name and file type first, and a name typed without an extension gets it', async () => {
    h = await startHarness();
    const app = h.app({ csvName: 'expenses' });
    await app.queue(10);
    await app.ok('export.findJob');
    const csv = await app.ok('export.chooseTarget');
    expect(app.dialogs[0]?.suggestedName).toMatch(/^pleo-export-.*\.csv$/);
    expect(app.dialogs[0]?.filters?.map((f) => f.extensions[0])).toEqual(['csv', 'xlsx']);
    expect(csv.targetPath).toMatch(/expenses\.csv$/);
    expect(csv.targetFormat).toBe('csv');
    const xlsx = await app.ok('export.chooseTarget', { format: 'xlsx' });
    expect(app.dialogs[1]?.suggestedName).toMatch(/^pleo-export-.*\.xlsx$/);
    expect(app.dialogs[1]?.filters?.map((f) => f.extensions[0])).toEqual(['xlsx', 'csv']);
    expect(xlsx.targetPath).toMatch(/expenses\.xlsx$/);
    expect(xlsx.targetFormat).toBe('xlsx');
    const refused = await app.call('export.chooseTarget', { format: 'pdf' });
    expect(refused.ok).toBe(false);
  });

  it('giving up an Excel export removes the staging file (no workbook was written) and names no partial file', async () => {
    h = await startHarness();
    const app = h.app({ csvName: 'expenses.xlsx', reportConcurrency: 1 });
    const { queued } = await app.queue(1500);
    await app.ok('export.findJob');
    await app.ok('export.chooseTarget');
    await app.ok('export.start', {});
    await app.ok('export.cancel');
    const gaveUp = await app.ok('export.abandon');
    expect(gaveUp.state).toBe('given_up');
    expect(gaveUp.gaveUp).toMatchObject({ jobId: queued.jobId, total: 1500 });
    expect(gaveUp.gaveUp?.partialFile).toBeUndefined();
    expect(await readdir(path.dirname(app.csvPath))).not.toContain('expenses.xlsx.partial.csv');
    expect(await readdir(path.dirname(app.csvPath))).not.toContain('expenses.xlsx');
  });

  it('killed mid-export and resumed by a new instance: no row twice, none missing, nothing reported twice', async () => {
    h = await startHarness();
    // Instance 1 "dies" after its 4th acknowledged batch, with rows of later pages possibly
    // already staged (written ahead of reporting): the resume must cut them off.
    const dying = dyingAt(4);
    const first = h.app({ csvName: 'expenses.xlsx', reportConcurrency: 1, afterBatch: dying.afterBatch });
    const { queued } = await first.queue(2300);
    await first.ok('export.findJob');
    await first.ok('export.chooseTarget');
    await first.ok('export.start', {});
    await dying.quiet;
    first.forget();
    const second = h.app({ settings: copySettings(first.settings), csvName: 'expenses.xlsx' });
    expect((await second.ok('export.get')).resumable).toMatchObject({ jobId: queued.jobId, reported: 400 });
    await second.ok('export.resume');
    await second.idle();
    expect((await second.ok('export.get')).state).toBe('completed');
    expect(await workbookIds(second.csvPath)).toEqual(queuedIds(h, 2300));
    expect(putCount(h, queued.jobId)).toBe(2300);
  });

  it('a workbook that cannot be written: explained, every item stays reported and staged, and a resume writes only the workbook', async () => {
    h = await startHarness();
    const app = h.app({ csvName: 'expenses.xlsx' });
    const { queued } = await app.queue(500);
    await app.ok('export.findJob');
    await app.ok('export.chooseTarget');
    // A folder where the workbook is written before it takes its name: the conversion fails
    // after every item is reported, exactly as a full disk or a locked folder would.
    const inTheWay = `${app.csvPath}.writing`;
    await mkdir(inTheWay);
    await app.ok('export.start', {});
    await app.idle();
    const failed = await app.ok('export.get');
    expect(failed.lastError?.code).toBe('EXPORT_TARGET_FAILED');
    expect(failed.lastError?.message).toMatch(/Excel workbook .*expenses\.xlsx could not be written: a folder has that name/);
    expect(failed.lastError?.message).toMatch(/Every item is reported/);
    expect(failed.resumable).toMatchObject({ jobId: queued.jobId, reported: 500 });
    expect(await serverJob(h, queued.jobId)).toMatchObject({ status: 'in_progress' });
    const staged = await readFile(`${app.csvPath}.partial.csv`, 'utf8');
    expect(staged.trim().split('\r\n')).toHaveLength(501);

    await rm(inTheWay, { recursive: true });
    const putsBefore = h.puts.length;
    await app.ok('export.resume');
    await app.idle();
    expect((await app.ok('export.get')).state).toBe('completed');
    expect(h.puts.length).toBe(putsBefore); // nothing reported again
    expect(await workbookIds(app.csvPath)).toEqual(queuedIds(h, 500));
    expect(await readdir(path.dirname(app.csvPath))).not.toContain('expenses.xlsx.partial.csv');
  });
});
