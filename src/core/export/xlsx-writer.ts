/**
 * Turns the staging CSV file of an .xlsx export into the Excel workbook the user chose, once
 * every item is reported and before the final event (export-target.ts says why there is a
 * staging file at all). Rows stream from the staging file into exceljs' streaming writer and
 * each row is committed at once, without shared strings, so memory stays flat whatever the
 * number of items.
 *
 * The workbook is written to `<name>.xlsx.writing` and renamed over the chosen path only when
 * it is complete, and the staging file is removed only after that: a crash or an error at any
 * point leaves either the staging file (a resume converts again) or the finished workbook.
 */
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { AppFailure, failure } from '../../shared/result.js';
import { COLUMNS } from './csv-columns.js';
import { readCsvRecords } from './csv-reader.js';
import { whyNotWritten } from './csv-writer.js';

/** Where the workbook is written until it is complete. */
export const writingPathOf = (xlsxPath: string) => `${xlsxPath}.writing`;

function xlsxFailure(error: unknown, xlsxPath: string, stagingPath: string) {
  const why = whyNotWritten(error);
  return failure(
    'EXPORT_TARGET_FAILED',
    `The Excel workbook ${xlsxPath} could not be written: ${why}. Every item is reported and its row is kept in ${stagingPath}; the job is not completed yet.`,
    {
      hint: 'Fix the cause (free some space, allow writing to the folder, or move what is in the way), then resume: only the workbook is written again.',
    },
  );
}

/** Number format that shows a staged amount with exactly the decimals it was written with. */
function numberFormat(text: string): string {
  const dot = text.indexOf('.');
  return dot < 0 ? '0' : `0.${'0'.repeat(text.length - dot - 1)}`;
}

/** Column widths that fit the header, so the frozen header row is readable when opened. */
const widthOf = (header: string) => Math.min(40, Math.max(12, header.length + 2));

/**
 * exceljs' streaming writer never waits for the zip compressor: each committed row's XML is
 * written into the sheet's zip entry stream whatever that stream already holds, so when rows
 * come faster than deflate takes them the backlog grows with the number of rows (measured:
 * ≈ 0.5 MB per 1,000 rows, 100 MB at 200,000). The writer therefore waits whenever the entry
 * stream holds more than this. The stream is exceljs' internal (`WorksheetWriter.stream`, a
 * StreamBuf piping into archiver's entry PassThrough; exceljs is pinned for that reason), and
 * test/unit/export/xlsx.test.ts fails if the backlog is no longer bounded.
 */
export const BACKLOG_LIMIT = 4 * 1024 * 1024;

interface EntryStream {
  writableLength?: number;
  _writableState?: { length: number };
  once(event: 'drain', listener: () => void): unknown;
}

const entryStreamOf = (sheet: unknown): EntryStream | undefined => (sheet as { stream?: { pipes?: EntryStream[] } }).stream?.pipes?.[0];

/** Bytes of sheet XML written but not yet taken by the compressor. */
function zipBacklog(sheet: unknown): number {
  const entry = entryStreamOf(sheet);
  // archiver's PassThrough comes from readable-stream 2, which has no writableLength getter.
  return entry?.writableLength ?? entry?._writableState?.length ?? 0;
}

const zipDrained = (sheet: unknown) =>
  new Promise<void>((resolve) => {
    const entry = entryStreamOf(sheet);
    if (!entry) resolve();
    else entry.once('drain', resolve);
  });

export async function writeXlsxFromStaging(
  stagingPath: string,
  xlsxPath: string,
  signal?: AbortSignal,
): Promise<{ rows: number; maxBacklog: number }> {
  // exceljs is loaded only when a workbook is written: its own chunk of the bundle, not at start-up.
  // A CommonJS package: its exports are the default export, under Node and in the esbuild bundle.
  const ExcelJS = (await import('exceljs')).default;
  const writingPath = writingPathOf(xlsxPath);
  let out: WriteStream | undefined;
  let rows = 0;
  let maxBacklog = 0;
  try {
    // The file is opened here, not by exceljs: an unwritable folder then fails this await
    // instead of surfacing later as an unhandled stream error. The stream owns the handle and
    // closes it (a FileHandle that a stream still holds never finishes closing by hand).
    out = (await open(writingPath, 'w')).createWriteStream();
    let outError: unknown;
    // A failing file (disk full) stops the zip, so the entry stream would never drain: a wait
    // for the compressor also ends when the file fails or the run is stopped.
    const stopped = new Promise<never>((_, reject) => {
      out!.once('error', reject);
      signal?.addEventListener(
        'abort',
        () => reject(failure('REQUEST_CANCELLED', 'The export was stopped while the Excel workbook was written.')),
        { once: true },
      );
    });
    stopped.catch(() => undefined);
    out.on('error', (error) => (outError ??= error));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Pleo Partner Desktop';
    const sheet = workbook.addWorksheet('Expenses', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c) => ({ key: c.id, width: widthOf(c.header) }));
    const header = sheet.addRow(COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.commit();

    const numeric = COLUMNS.map((c) => c.numeric === true);
    let first = true;
    for await (const record of readCsvRecords(stagingPath)) {
      if (first) {
        first = false; // the staging file's own header
        continue;
      }
      if (record.length !== COLUMNS.length) {
        throw failure(
          'EXPORT_TARGET_FAILED',
          `The staging file ${stagingPath} has a damaged row (row ${rows + 1}), so the Excel workbook cannot be written from it.`,
          { hint: 'Give up this job (it is failed in Pleo) and let the customer export again.' },
        );
      }
      const row = sheet.addRow([]);
      for (let k = 0; k < record.length; k++) {
        const text = record[k] as string;
        if (text === '') continue;
        const cell = row.getCell(k + 1);
        const number = numeric[k] ? Number(text) : Number.NaN;
        if (Number.isFinite(number)) {
          cell.value = number;
          cell.numFmt = numberFormat(text);
        } else {
          // Text is written as a string cell: Excel and LibreOffice never evaluate a string cell
          // (only a cell with a formula element is a formula), so "=HYPERLINK(…)" in a note stays
          // text and needs no apostrophe, unlike in the CSV. The staging file's own apostrophe
          // (csvCell with `staging`: every text cell starting with = + - @ tab CR or ' got one)
          // is taken off here, so the sheet shows exactly what Pleo sent.
          cell.value = !numeric[k] && text.startsWith("'") ? text.slice(1) : text;
        }
      }
      row.commit();
      rows++;
      if (outError) throw outError;
      if (signal?.aborted) throw failure('REQUEST_CANCELLED', 'The export was stopped while the Excel workbook was written.');
      const backlog = zipBacklog(sheet);
      if (backlog > maxBacklog) maxBacklog = backlog;
      if (backlog > BACKLOG_LIMIT) await Promise.race([zipDrained(sheet), stopped]);
    }
    sheet.commit();
    await workbook.commit(); // resolves once the stream has taken every byte ('finish')
    if (outError) throw outError;
    if (!out.closed) await once(out, 'close');
    out = undefined;
    // On disk before it takes the chosen name: a power cut then leaves the staging file or a
    // whole workbook, never an empty one under the user's name. fsync applies to the file, so a
    // second descriptor is enough.
    const check = await open(writingPath, 'r+');
    try {
      await check.sync();
    } finally {
      await check.close();
    }
    await rename(writingPath, xlsxPath);
  } catch (error) {
    if (out && !out.closed) {
      const closed = once(out, 'close').catch(() => undefined);
      out.destroy();
      await closed;
    }
    await rm(writingPath, { force: true }).catch(() => undefined);
    if (error instanceof AppFailure) throw error;
    throw xlsxFailure(error, xlsxPath, stagingPath);
  }
  // Only now is the workbook complete at its path: the staging file can go.
  await rm(stagingPath, { force: true });
  return { rows, maxBacklog };
}
