/**
 * The app's .xlsx files read by an independent implementation: openpyxl (Debian's
 * python3-openpyxl, installed by .ci/run), not exceljs, which wrote them. A workbook exceljs can
 * read back may still be one that other readers (Excel, LibreOffice, Python scripts of the
 * partner's accountants) read differently; openpyxl parses the OOXML itself.
 *
 * Checked: the sheet and its frozen header, amounts as numbers with their decimals, codes and
 * dates as text, text that looks like a formula stored as a string (never as a formula), and
 * unicode and line breaks intact.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/core/export/csv-columns.js';
import { openExportTarget } from '../../src/core/export/export-target.js';

const PYTHON = '/usr/bin/python3';

/** Prints what openpyxl sees: every cell's value, type (n, s, f, …) and number format. */
const READER = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Expenses"]
rows = [[{"v": c.value, "t": c.data_type, "f": c.number_format} for c in row] for row in ws.iter_rows()]
print(json.dumps({"sheets": wb.sheetnames, "freeze": ws.freeze_panes, "rows": rows}, default=str))
`;

interface Seen {
  sheets: string[];
  freeze: string | null;
  rows: Array<Array<{ v: unknown; t: string; f: string }>>;
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('.xlsx read by openpyxl (an independent reader)', () => {
  it('sheet, frozen header, numbers, text and formula-looking text as the app meant them', async () => {
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: apt-get install python3-openpyxl (see README, test prerequisites).`);
    dir = await mkdtemp(path.join(tmpdir(), 'ppd-openpyxl-'));
    const file = path.join(dir, 'expenses.xlsx');
    const target = await openExportTarget(file);
    await target.writePage([
      {
        accountingEntryId: 'e1',
        date: '2026-03-01',
        note: '=HYPERLINK("http://evil","click")',
        amount: { inWalletCurrency: { currency: 'SEK', value: 89696 }, inSupplierCurrency: { currency: 'JPY', value: 12000 } },
        accountingEntryLines: [{ account: { code: '0420', name: 'Travel' } }],
      },
      { accountingEntryId: 'e2', note: 'Café Zürich, 北京 🍜\nline two', amount: { inWalletCurrency: { currency: 'DKK', value: -5 } } },
    ]);
    await target.close();
    await target.finish();

    const { stdout } = await promisify(execFile)(PYTHON, ['-c', READER, file]).catch((error: { stderr?: string }) => {
      throw new Error(`openpyxl could not read the workbook (is python3-openpyxl installed?): ${error.stderr ?? String(error)}`);
    });
    const seen = JSON.parse(stdout) as Seen;
    const col = (id: string) => COLUMNS.findIndex((c) => c.id === id);
    const cell = (row: number, id: string) => seen.rows[row]![col(id)]!;

    expect(seen.sheets).toEqual(['Expenses']);
    expect(seen.freeze).toBe('A2');
    expect(seen.rows).toHaveLength(3);
    expect(seen.rows[0]!.map((c) => c.v)).toEqual(COLUMNS.map((c) => c.header));
    expect(cell(1, 'amount')).toEqual({ v: 896.96, t: 'n', f: '0.00' });
    expect(cell(2, 'amount')).toEqual({ v: -0.05, t: 'n', f: '0.00' });
    expect(cell(1, 'supplierAmount')).toMatchObject({ v: 12000, t: 'n' });
    // Text stays text: a leading zero survives, and a formula is never a formula.
    expect(cell(1, 'account')).toMatchObject({ v: '0420', t: 's' });
    expect(cell(1, 'date')).toMatchObject({ v: '2026-03-01', t: 's' });
    expect(cell(1, 'note')).toMatchObject({ v: '=HYPERLINK("http://evil","click")', t: 's' });
    expect(seen.rows.flat().some((c) => c.t === 'f')).toBe(false);
    expect(cell(2, 'note')).toMatchObject({ v: 'Café Zürich, 北京 🍜\nline two', t: 's' });
  });
});
