/**
 * The CSV column mapping: which export item field goes into which column, shown to the user
 * as a preview before anything is written. Money in Export API v3 is in minor units
 * (896.96 SEK is `89696`); the CSV shows the decimal amount and the currency separately, so a
 * spreadsheet or an ERP import reads it without arithmetic.
 */
import type { ExportColumn } from '../../shared/contract/export-channels.js';

type Item = Record<string, unknown>;
interface Money {
  currency?: unknown;
  value?: unknown;
}

interface ColumnDef extends ExportColumn {
  /** Numeric columns are never prefixed against formula injection (a minus is a minus). */
  numeric?: boolean;
  value(item: Item): string;
}

const obj = (v: unknown): Item | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Item) : undefined);
const str = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
const at = (item: Item, ...path: string[]): unknown => {
  let cur: unknown = item;
  for (const key of path) cur = obj(cur)?.[key];
  return cur;
};
const firstLine = (item: Item): Item | undefined => {
  const lines = item.accountingEntryLines;
  return Array.isArray(lines) ? obj(lines[0]) : undefined;
};

const digitsCache = new Map<string, number>();
/** Minor-unit digits of a currency (2 for DKK, 0 for JPY), from the runtime's ISO 4217 data. */
function minorDigits(currency: string): number {
  let d = digitsCache.get(currency);
  if (d === undefined) {
    try {
      d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      d = 2;
    }
    digitsCache.set(currency, d);
  }
  return d;
}

/** 89696 SEK -> "896.96"; exact for integers (no floating-point division). */
export function formatMinor(money: unknown): string {
  const m = obj(money) as Money | undefined;
  if (!m || typeof m.value !== 'number' || !Number.isFinite(m.value)) return '';
  const currency = typeof m.currency === 'string' ? m.currency : '';
  const digits = minorDigits(currency || 'EUR');
  if (!Number.isInteger(m.value) || digits === 0) return String(m.value);
  const negative = m.value < 0;
  const s = String(Math.abs(m.value)).padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** The decimal amount and the currency of one side of an item's `amount`, as two columns. */
function moneyColumns(
  side: 'inWalletCurrency' | 'inSupplierCurrency',
  [amountId, amountHeader]: [string, string],
  [currencyId, currencyHeader]: [string, string],
): ColumnDef[] {
  return [
    {
      id: amountId,
      header: amountHeader,
      source: `amount.${side}.value (in minor units; shown as a decimal)`,
      numeric: true,
      value: (i) => formatMinor(at(i, 'amount', side)),
    },
    { id: currencyId, header: currencyHeader, source: `amount.${side}.currency`, value: (i) => str(at(i, 'amount', side, 'currency')) },
  ];
}

export const COLUMNS: ColumnDef[] = [
  { id: 'entry', header: 'Accounting entry ID', source: 'accountingEntryId', value: (i) => str(i.accountingEntryId) },
  { id: 'date', header: 'Date', source: 'date', value: (i) => str(i.date) },
  { id: 'type', header: 'Type', source: 'type', value: (i) => str(i.type) },
  ...moneyColumns('inWalletCurrency', ['amount', 'Amount'], ['currency', 'Currency']),
  ...moneyColumns('inSupplierCurrency', ['supplierAmount', 'Amount in supplier currency'], ['supplierCurrency', 'Supplier currency']),
  {
    id: 'account',
    header: 'Account code',
    source: 'accountingEntryLines[0].account.code',
    value: (i) => str(at(firstLine(i) ?? {}, 'account', 'code')),
  },
  {
    id: 'accountName',
    header: 'Account name',
    source: 'accountingEntryLines[0].account.name',
    value: (i) => str(at(firstLine(i) ?? {}, 'account', 'name')),
  },
  {
    id: 'taxCode',
    header: 'Tax code',
    source: 'accountingEntryLines[0].tax.code',
    value: (i) => str(at(firstLine(i) ?? {}, 'tax', 'code')),
  },
  {
    id: 'lines',
    header: 'Lines',
    source: 'accountingEntryLines (count)',
    numeric: true,
    value: (i) => (Array.isArray(i.accountingEntryLines) ? String(i.accountingEntryLines.length) : '0'),
  },
  { id: 'contra', header: 'Contra account', source: 'contraAccount.code', value: (i) => str(at(i, 'contraAccount', 'code')) },
  { id: 'supplier', header: 'Supplier', source: 'supplier.name', value: (i) => str(at(i, 'supplier', 'name')) },
  { id: 'vendor', header: 'Vendor', source: 'vendor.name', value: (i) => str(at(i, 'vendor', 'name')) },
  { id: 'team', header: 'Team', source: 'team.name', value: (i) => str(at(i, 'team', 'name')) },
  { id: 'user', header: 'Employee', source: 'user.name', value: (i) => str(at(i, 'user', 'name')) },
  { id: 'note', header: 'Note', source: 'note', value: (i) => str(i.note) },
];

export const publicColumns = (): ExportColumn[] => COLUMNS.map(({ id, header, source }) => ({ id, header, source }));

/**
 * One CSV cell (RFC 4180 quoting). Text cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR at the start) get a leading apostrophe: an expense note is user input.
 * `staging` also doubles a leading apostrophe, so the staging file of an .xlsx export
 * (xlsx-writer.ts) reads back exactly: one leading apostrophe is always ours, never the user's.
 */
export function csvCell(value: string, numeric = false, staging = false): string {
  let v = value;
  if (!numeric && v.length > 0 && (staging ? "=+-@\t\r'" : '=+-@\t\r').includes(v[0] as string)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function rowValues(item: Item): string[] {
  return COLUMNS.map((c) => c.value(item));
}

export function csvRow(item: Item, staging = false): string {
  let line = '';
  for (let k = 0; k < COLUMNS.length; k++) {
    const c = COLUMNS[k] as ColumnDef;
    if (k > 0) line += ',';
    line += csvCell(c.value(item), c.numeric, staging);
  }
  return `${line}\r\n`;
}

export const csvHeader = (): string => `${COLUMNS.map((c) => csvCell(c.header)).join(',')}\r\n`;
