/**
 * The file an export writes, by the extension the user chose: a CSV file, or an Excel
 * workbook (.xlsx).
 *
 * Resume works by cutting the file back to the size recorded with the last reported page and
 * appending from there (csv-writer.ts). An .xlsx is a zip archive and cannot be cut back and
 * appended to, so an .xlsx export writes its rows to a staging CSV file next to it
 * (`<name>.xlsx.partial.csv`) with the very same writer and resume logic, and `finish()`, called
 * once every item is reported and before the final event, streams the staging file into the
 * workbook (xlsx-writer.ts) and removes it. If that fails, the job is not completed yet: a
 * resume redoes only the conversion and nothing is lost.
 */
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { EXPORT_FORMATS, FORMAT_LABELS, type ExportFormat } from '../../shared/contract/export-channels.js';
import { failure } from '../../shared/result.js';
import { openCsvTarget, validateTarget, whyNotWritten, type CsvTarget } from './csv-writer.js';
import { writeXlsxFromStaging } from './xlsx-writer.js';

export interface ExportTarget extends CsvTarget {
  /** Every item is reported: make the chosen file complete (an .xlsx is written now; a CSV already is). */
  finish(signal?: AbortSignal): Promise<void>;
}

export const formatOf = (filePath: string): ExportFormat => (path.extname(filePath).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv');
/** The save dialog's file types, one per format. */
export const FILE_TYPES = EXPORT_FORMATS.map((f) => ({ name: FORMAT_LABELS[f], extensions: [f] }));
/** The staging CSV file of an .xlsx export. */
export const stagingPathOf = (xlsxPath: string) => `${xlsxPath}.partial.csv`;

const exists = (filePath: string) =>
  stat(filePath).then(
    (s) => s,
    () => undefined,
  );

/** True when an earlier run already wrote the workbook: its staging file is gone (removed only after the workbook was complete). */
async function alreadyWritten(xlsxPath: string): Promise<boolean> {
  if (await exists(stagingPathOf(xlsxPath))) return false;
  const s = await exists(xlsxPath);
  return !!s && s.isFile() && s.size > 0;
}

/**
 * Opens the target of a run: new, or with `resumeAtBytes` cut back to the last reported page.
 * `allReported` is the checkpoint's: a run that stopped after the workbook was written (the final
 * event failed) has nothing left to write.
 */
export async function openExportTarget(
  targetPath: string,
  resumeAtBytes?: number,
  state: { allReported?: boolean } = {},
): Promise<ExportTarget> {
  if (formatOf(targetPath) === 'csv') {
    const csv = await openCsvTarget(targetPath, resumeAtBytes);
    return { ...csv, finish: async () => undefined };
  }
  const stagingPath = stagingPathOf(targetPath);
  if (state.allReported && resumeAtBytes !== undefined && (await alreadyWritten(targetPath))) {
    return {
      writePage: () => Promise.reject(failure('INTERNAL', 'The Excel workbook is already written.')),
      size: () => resumeAtBytes,
      close: async () => undefined,
      finish: async () => undefined,
    };
  }
  const csv = await openCsvTarget(stagingPath, resumeAtBytes, { stagingFor: targetPath });
  return {
    ...csv,
    async finish(signal) {
      await writeXlsxFromStaging(stagingPath, targetPath, signal);
    },
  };
}

/** Checks, before a job is claimed, that the chosen file (and for an .xlsx its staging file) can be written. */
export async function validateExportTarget(targetPath: string): Promise<void> {
  if (formatOf(targetPath) === 'csv') return validateTarget(targetPath);
  const stagingPath = stagingPathOf(targetPath);
  const staging = await openCsvTarget(stagingPath, undefined, { stagingFor: targetPath });
  await staging.close();
  // The workbook itself is written at the end; a folder in its place or a file the app may not
  // replace is found now, before the job is claimed. A file created for the check is removed.
  try {
    if ((await exists(targetPath))?.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    const handle = await open(targetPath, 'wx').catch(async (error: unknown) => {
      if ((error as { code?: string })?.code !== 'EEXIST') throw error;
      // The user chose to replace this file: appending nothing checks that it may be written.
      await (await open(targetPath, 'a')).close();
      return undefined;
    });
    if (handle) {
      await handle.close();
      await rm(targetPath, { force: true });
    }
  } catch (error) {
    throw failure('EXPORT_TARGET_FAILED', `The Excel workbook ${targetPath} could not be written: ${whyNotWritten(error)}.`, {
      hint: 'Choose another file: nothing was claimed or written yet.',
    });
  }
}
