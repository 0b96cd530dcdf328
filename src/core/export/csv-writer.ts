/**
 * Writes the CSV file while the export streams: one page of rows is appended at a time and
 * nothing else is kept in memory. Each page is handed to the OS (write) before its statuses are
 * reported to Pleo, so a reported item is in the file even if the app is killed right after
 * (the page cache survives the process; only a power cut could lose it, and an fsync per page
 * would cost more than the export itself on slow disks). On resume the file is cut back
 * to the size recorded with the last reported page: rows written after it (never reported) are
 * removed and written again, so no row appears twice and none is missing.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { failure } from '../../shared/result.js';
import { csvHeader, csvRow } from './csv-columns.js';

export interface CsvTarget {
  /** Appends the page's rows; returns the file size afterwards. */
  writePage(items: ReadonlyArray<Record<string, unknown>>): Promise<number>;
  size(): number;
  close(): Promise<void>;
}

export interface CsvTargetOptions {
  /**
   * The file is the staging file of an .xlsx export (export-target.ts): rows are escaped so
   * they read back exactly (csvCell's `staging`), and errors name the file the user chose.
   */
  stagingFor?: string;
}

/** How an error names the file: the user chose the workbook, not its staging file. */
const fileLabel = (filePath: string, options: CsvTargetOptions) =>
  options.stagingFor ? `The staging file ${filePath} (rows on their way into ${options.stagingFor})` : `The CSV file ${filePath}`;

/** Why a file could not be written, in plain words (also for the .xlsx target). */
export function whyNotWritten(error: unknown): string {
  const code = (error as { code?: string })?.code ?? '';
  return code === 'ENOSPC'
    ? 'the disk is full'
    : code === 'EACCES' || code === 'EPERM'
      ? 'the app may not write there'
      : code === 'ENOENT'
        ? 'the folder does not exist'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : code === 'EISDIR' || code === 'ENOTEMPTY'
            ? 'a folder has that name'
            : 'the file could not be written';
}

function targetFailure(error: unknown, filePath: string, options: CsvTargetOptions = {}) {
  const why = whyNotWritten(error);
  return failure('EXPORT_TARGET_FAILED', `${fileLabel(filePath, options)} could not be written: ${why}.`, {
    hint: 'Choose another file, then resume: nothing reported is lost.',
  });
}

/** Opens a new CSV file (with header) or, with `resumeAtBytes`, cuts an existing one back to that size. */
export async function openCsvTarget(filePath: string, resumeAtBytes?: number, options: CsvTargetOptions = {}): Promise<CsvTarget> {
  let handle: FileHandle;
  let size = 0;
  try {
    if (resumeAtBytes === undefined) {
      handle = await open(filePath, 'w');
      const header = Buffer.from(`\uFEFF${csvHeader()}`, 'utf8');
      await handle.write(header);
      await handle.sync();
      size = header.byteLength;
    } else {
      handle = await open(filePath, 'r+');
      const stat = await handle.stat();
      if (stat.size < resumeAtBytes) {
        await handle.close();
        throw failure(
          'EXPORT_TARGET_FAILED',
          `${fileLabel(filePath, options)} is shorter than when the export stopped, so rows that were already reported to Pleo are missing.`,
          {
            hint: 'Give up this job (it is failed in Pleo) and let the customer export again, or restore the file and resume.',
          },
        );
      }
      await handle.truncate(resumeAtBytes);
      size = resumeAtBytes;
    }
  } catch (error) {
    if ((error as { name?: string })?.name === 'AppFailure') throw error;
    throw targetFailure(error, filePath, options);
  }
  const staging = options.stagingFor !== undefined;
  return {
    async writePage(items) {
      let text = '';
      for (const item of items) text += csvRow(item, staging);
      const bytes = Buffer.from(text, 'utf8');
      try {
        let written = 0;
        while (written < bytes.byteLength) {
          const r = await handle.write(bytes, written, bytes.byteLength - written, size + written);
          written += r.bytesWritten;
        }
      } catch (error) {
        throw targetFailure(error, filePath, options);
      }
      size += bytes.byteLength;
      return size;
    },
    size: () => size,
    close: () => handle.close().catch(() => undefined),
  };
}

/** Checks that the target can be created and written, without leaving a half file behind on failure. */
export async function validateTarget(filePath: string): Promise<void> {
  const target = await openCsvTarget(filePath);
  await target.close();
}
