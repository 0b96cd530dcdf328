/**
 * The .xlsx target (issue 14): rows staged in a CSV file next to the workbook, streamed into it
 * by exceljs once every item is reported. The workbooks are read back with exceljs' own reader
 * (no mocks): header, amounts as numbers, text as strings (formulas never evaluated, so no
 * apostrophe), unicode, resume without duplicates, and a failed conversion that loses nothing.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS, csvHeader, csvRow } from '../../../src/core/export/csv-columns.js';
import { readCsvRecords } from '../../../src/core/export/csv-reader.js';
import { formatOf, openExportTarget, stagingPathOf, validateExportTarget } from '../../../src/core/export/export-target.js';
import { BACKLOG_LIMIT, writeXlsxFromStaging } from '../../../src/core/export/xlsx-writer.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const item = (id: string, extra: Record<string, unknown> = {}) => ({
  accountingEntryId: id,
  date: '2026-03-01',
  type: 'expense',
  amount: { inWalletCurrency: { currency: 'SEK', value: 89696 }, inSupplierCurrency: { currency: 'JPY', value: 12000 } },
  accountingEntryLines: [{ account: { code: '0420', name: 'Travel' }, tax: { code: 'S25' } }],
  ...extra,
});

const col = (id: string) => COLUMNS.findIndex((c) => c.id === id) + 1;

async function readSheet(file: string): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Expenses');
  if (!sheet) throw new Error('no sheet named Expenses');
  return sheet;
}

async function writeWorkbook(file: string, pages: Array<Array<Record<string, unknown>>>) {
  const target = await openExportTarget(file);
  for (const page of pages) await target.writePage(page);
  await target.close();
  await target.finish();
}

describe('xlsx target', () => {
  it('writes a workbook that reads back: header, amounts as numbers, text as strings, unicode', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-xlsx-'));
    const file = path.join(dir, 'out.xlsx');
    expect(formatOf(file)).toBe('xlsx');
    await writeWorkbook(file, [
      [
        item('e1', { note: '=HYPERLINK("http://evil","click")' }),
        item('e2', {
          note: "'already quoted",
          amount: { inWalletCurrency: { currency: 'DKK', value: -5 } },
          accountingEntryLines: [],
        }),
      ],
      [item('e3', { note: 'Café Zürich, 北京 🍜\r\nline two "quoted"', supplier: { name: '+46 Taxi' } }), { accountingEntryId: 'e4' }],
    ]);
    expect(await readdir(dir)).toEqual(['out.xlsx']); // neither the staging file nor a half workbook is left

    const sheet = await readSheet(file);
    expect(sheet.rowCount).toBe(5);
    const header = sheet.getRow(1);
    expect(COLUMNS.map((_, k) => header.getCell(k + 1).value)).toEqual(COLUMNS.map((c) => c.header));
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const cell = (row: number, id: string) => sheet.getRow(row).getCell(col(id)).value;
    expect(cell(2, 'entry')).toBe('e1');
    expect(cell(2, 'amount')).toBe(896.96);
    expect(cell(2, 'supplierAmount')).toBe(12000);
    expect(cell(2, 'lines')).toBe(1);
    expect(sheet.getRow(2).getCell(col('amount')).numFmt).toBe('0.00');
    // Dates and codes stay text: a leading zero of an account code survives.
    expect(cell(2, 'date')).toBe('2026-03-01');
    expect(cell(2, 'account')).toBe('0420');
    // Text that would be a formula is a plain string cell, exactly as Pleo sent it.
    expect(cell(2, 'note')).toBe('=HYPERLINK("http://evil","click")');
    expect(sheet.getRow(2).getCell(col('note')).type).toBe(ExcelJS.ValueType.String);
    expect(cell(3, 'note')).toBe("'already quoted");
    expect(cell(3, 'amount')).toBe(-0.05);
    expect(cell(3, 'lines')).toBe(0);
    expect(cell(3, 'supplierAmount')).toBeNull();
    // XML readers (Excel's too) turn a CR LF inside text into LF: the line break survives.
    expect(cell(4, 'note')).toBe('Café Zürich, 北京 🍜\nline two "quoted"');
    expect(cell(4, 'supplier')).toBe('+46 Taxi');
    expect(cell(5, 'entry')).toBe('e4');
    expect(cell(5, 'amount')).toBeNull();
  });

  it('resume cuts the staging file back to the last reported page: no row twice, none missing', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-xlsx-'));
    const file = path.join(dir, 'out.xlsx');
    const first = await openExportTarget(file);
    const reportedAt = await first.writePage([item('a'), item('b')]);
    await first.writePage([item('c')]); // written, never reported: the app died
    await first.close();
    const again = await openExportTarget(file, reportedAt);
    await again.writePage([item('c'), item('d')]);
    await again.close();
    await again.finish();
    const sheet = await readSheet(file);
    const ids: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && ids.push(row.getCell(1).value));
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a failed conversion keeps the staging file, and the next try writes the workbook', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-xlsx-'));
    const file = path.join(dir, 'out.xlsx');
    const target = await openExportTarget(file);
    const size = await target.writePage([item('a'), item('b')]);
    await target.close();
    await mkdir(file); // something is in the way: a folder with the workbook's name
    await expect(target.finish()).rejects.toMatchObject({
      appError: { code: 'EXPORT_TARGET_FAILED', message: expect.stringContaining('a folder has that name') },
    });
    expect((await readdir(dir)).sort()).toEqual(['out.xlsx', 'out.xlsx.partial.csv']);

    await rm(file, { recursive: true });
    // A resume after every item was reported: the staging file is there, so it is converted again.
    const resumed = await openExportTarget(file, size, { allReported: true });
    await resumed.close();
    await resumed.finish();
    expect(await readdir(dir)).toEqual(['out.xlsx']);
    expect((await readSheet(file)).rowCount).toBe(3);

    // Once written (staging file gone), a resume whose final event failed writes nothing again.
    const done = await openExportTarget(file, size, { allReported: true });
    await done.finish();
    expect((await readSheet(file)).rowCount).toBe(3);
  });

  it('validation finds a folder in the workbook’s place and leaves no empty workbook behind', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-xlsx-'));
    const file = path.join(dir, 'new.xlsx');
    await validateExportTarget(file);
    expect(await readdir(dir)).toEqual(['new.xlsx.partial.csv']);
    await mkdir(path.join(dir, 'taken.xlsx'));
    await expect(validateExportTarget(path.join(dir, 'taken.xlsx'))).rejects.toMatchObject({
      appError: { code: 'EXPORT_TARGET_FAILED', message: expect.stringContaining('a folder has that name') },
    });
  });
});

describe('xlsx writer memory', () => {
  it('waits for the compressor: the sheet XML not yet zipped stays under the limit, whatever the row count', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-xlsx-'));
    const file = path.join(dir, 'big.xlsx');
    const target = await openExportTarget(file);
    // 40,000 rows make ≈ 20 MB of sheet XML: unpaced, exceljs queues most of it in memory.
    for (let p = 0; p < 40; p++)
      await target.writePage(Array.from({ length: 1000 }, (_, k) => item(`e${p * 1000 + k}`, { note: 'Team lunch' })));
    await target.close();
    const result = await writeXlsxFromStaging(stagingPathOf(file), file);
    expect(result.rows).toBe(40_000);
    // One row's XML may land after the check: a little over the limit, never megabytes over.
    expect(result.maxBacklog).toBeGreaterThan(0);
    expect(result.maxBacklog).toBeLessThan(BACKLOG_LIMIT + 256 * 1024);
    expect((await readSheet(file)).rowCount).toBe(40_001);
  });
});

describe('staging CSV reads back exactly', () => {
  it('every value, including apostrophes, quotes, newlines and records across 64 KiB chunks', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-xlsx-'));
    const file = stagingPathOf(path.join(dir, 'x.xlsx'));
    const notes = ['=1+1', "'=1+1", "''", '-', 'a,b', 'say "hi"', 'a\r\nb\nc', '', 'x'.repeat(70_000) + '"', 'ü'.repeat(40_000)];
    await writeFile(file, `\uFEFF${csvHeader()}${notes.map((note, k) => csvRow({ accountingEntryId: `e${k}`, note }, true)).join('')}`);
    const records: string[][] = [];
    for await (const r of readCsvRecords(file)) records.push(r);
    expect(records[0]).toEqual(COLUMNS.map((c) => c.header));
    const noteAt = col('note') - 1;
    const staged = records.slice(1).map((r) => r[noteAt]);
    // The staging escape: one apostrophe added before = + - @ tab CR and before an apostrophe.
    expect(staged).toEqual(notes.map((n) => (n !== '' && "=+-@\t\r'".includes(n[0]!) ? `'${n}` : n)));
    expect(records.every((r) => r.length === COLUMNS.length)).toBe(true);
  });
});
