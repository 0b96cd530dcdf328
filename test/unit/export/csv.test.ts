/**
 * The CSV target (issue 14): money in minor units shown exactly as decimals, RFC 4180 quoting,
 * spreadsheet formula injection neutralised in text cells (an expense note is user input), and
 * resume cutting the file back to the last reported page.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvCell, csvRow, formatMinor } from '../../../src/core/export/csv-columns.js';
import { openCsvTarget } from '../../../src/core/export/csv-writer.js';
import { batches } from '../../../src/core/export/status-reporter.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('CSV columns', () => {
  it('formats minor units exactly, per currency', () => {
    expect(formatMinor({ currency: 'SEK', value: 89696 })).toBe('896.96');
    expect(formatMinor({ currency: 'DKK', value: -5 })).toBe('-0.05');
    expect(formatMinor({ currency: 'JPY', value: 1200 })).toBe('1200');
    expect(formatMinor({ currency: 'EUR', value: 1_000_000_01 })).toBe('1000000.01');
    expect(formatMinor(undefined)).toBe('');
  });

  it('quotes commas, quotes and newlines (RFC 4180)', () => {
    expect(csvCell('Taxi, airport')).toBe('"Taxi, airport"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('neutralises formulas in text cells but keeps negative amounts', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1-555')).toBe("'+1-555");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-12.50', true)).toBe('-12.50');
  });

  it('a row has one cell per column even when fields are missing', () => {
    const row = csvRow({ accountingEntryId: 'e1' });
    expect(row.endsWith('\r\n')).toBe(true);
    expect(row.split(',')[0]).toBe('e1');
    expect(row.split(',').length).toBe(csvRow({ accountingEntryId: 'e2', note: 'x' }).split(',').length);
  });
});

describe('status batches', () => {
  it('never more than 100 per request', () => {
    const parts = batches(Array.from({ length: 250 }, (_, i) => i));
    expect(parts.map((p) => p.length)).toEqual([100, 100, 50]);
  });
});

describe('CSV target', () => {
  it('resume cuts rows written after the last reported page, so none appears twice', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-csv-'));
    const file = path.join(dir, 'out.csv');
    const first = await openCsvTarget(file);
    const reportedAt = await first.writePage([{ accountingEntryId: 'a' }, { accountingEntryId: 'b' }]);
    await first.writePage([{ accountingEntryId: 'c' }]); // written, never reported: the app died
    await first.close();
    const again = await openCsvTarget(file, reportedAt);
    await again.writePage([{ accountingEntryId: 'c' }, { accountingEntryId: 'd' }]);
    await again.close();
    const ids = (await readFile(file, 'utf8'))
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a file shorter than the checkpoint is refused with a plain explanation', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-csv-'));
    const file = path.join(dir, 'out.csv');
    await writeFile(file, 'x');
    await expect(openCsvTarget(file, 1000)).rejects.toMatchObject({ appError: { code: 'EXPORT_TARGET_FAILED' } });
  });

  it('an unwritable folder is explained, not thrown raw', async () => {
    await expect(openCsvTarget('/nonexistent-folder/x.csv')).rejects.toMatchObject({ appError: { code: 'EXPORT_TARGET_FAILED' } });
  });
});
