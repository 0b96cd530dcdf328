/**
 * Expense-shaped, minified JSON fixtures for B4 (Pleo's Export API v3 item layout, dummy
 * values from a seeded generator), in Pleo's { data, pagination } envelope.
 */
import { mkdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function item(r: () => number, i: number) {
  const id = (n: number) =>
    `${(Math.floor(r() * 0xffffffff) >>> 0).toString(16).padStart(8, '0')}-${n.toString(16).padStart(4, '0')}-4${Math.floor(r() * 0xfff)
      .toString(16)
      .padStart(3, '0')}-8${Math.floor(r() * 0xfff)
      .toString(16)
      .padStart(3, '0')}-${Math.floor(r() * 2 ** 48)
      .toString(16)
      .padStart(12, '0')}`;
  const amount = Math.floor(r() * 500_000);
  return {
    _links: { web: `https://app.staging.pleo.io/expenses/${id(i)}`, api: `https://external.staging.pleo.io/v3/export-items/${id(i)}` },
    accountingEntryId: id(i),
    companyId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    date: `2026-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}T10:${String(Math.floor(r() * 60)).padStart(2, '0')}:00Z`,
    type: ['card_purchase', 'out_of_pocket', 'mileage', 'invoice'][Math.floor(r() * 4)],
    amount: { inSupplierCurrency: { currency: 'DKK', value: amount }, inWalletCurrency: { currency: 'DKK', value: amount } },
    accountingEntryLines: [
      {
        accountingEntryLineId: id(i + 1),
        lineAmount: { currency: 'DKK', value: amount },
        netAmount: { currency: 'DKK', value: Math.floor(amount * 0.8) },
        account: { id: id(7), name: 'Travel', code: '4410', identifier: '4410' },
        tags: [{ id: id(9), code: `P-${i % 97}`, groupCode: 'PROJECT' }],
        tax: { id: id(11), code: 'I25', rate: 0.25, type: 'inclusive', amount: { currency: 'DKK', value: Math.floor(amount * 0.2) } },
      },
    ],
    note: `Taxi to client meeting #${i} — “Nordlys” ÆØÅ`,
    supplier: { name: ['Taxa 4x35', 'DSB', 'Cafe Norden', 'Office Centre'][Math.floor(r() * 4)], country: 'DK' },
    user: { id: id(13), name: `Employee ${i % 250}`, code: `E${i % 250}` },
    files: [{ url: `https://files.staging.pleo.io/receipts/${id(15)}.pdf`, type: 'application/pdf', size: Math.floor(r() * 900_000) }],
  };
}

export function writeFixture(dir: string, name: string, targetBytes: number): string {
  const file = path.join(dir, `${name}.json`);
  if (existsSync(file) && Math.abs(statSync(file).size - targetBytes) < targetBytes * 0.05) return file;
  mkdirSync(dir, { recursive: true });
  const r = rng(42);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes - 200; i++) {
    const s = JSON.stringify(item(r, i));
    parts.push(s);
    size += Buffer.byteLength(s) + 1;
  }
  const text = `{"data":[${parts.join(',')}],"pagination":{"currentRequestPagination":{"parameters":{},"limit":${parts.length},"sortingKeys":[],"sortingOrder":[]},"hasNextPage":true,"hasPreviousPage":false,"startCursor":"GAYDA","endCursor":"GAYDB","total":${parts.length * 3}}}`;
  writeFileSync(file, text);
  return file;
}
