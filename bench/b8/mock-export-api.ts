/**
 * B8's mock Export API (a child process, so its CPU is not the runner's): export items of one
 * job, generated per request from a fixed expense-shaped template (≈ 1.3 kB per item, the
 * Export API v3 layout), cursor paging as Pleo's; `PUT …/items` echoes the updates; events are
 * 202; the job reads back in progress. `LATENCY_MS` delays every export-items page.
 * Prints one JSON line `{ "url": … }` and serves until stdin closes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const TOTAL = Number(process.env.B8_ITEMS ?? 100_000);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 0);
const JOB = '5d3c2b1a-0f9e-4d8c-b7a6-123456789abc';

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0').slice(-w);
const idOf = (i: number) => `${hex(i * 2654435761, 8)}-${hex(i, 4)}-4${hex(i >> 4, 3)}-8${hex(i >> 8, 3)}-${hex(i, 12)}`;

function item(i: number): string {
  const amount = 1000 + ((i * 7919) % 250_000);
  const id = idOf(i);
  const note = i % 17 === 0 ? '"Team lunch, \\"Q3\\" kick-off"' : i % 5 === 0 ? 'null' : '"Taxi to the airport"';
  return `{"_links":{"web":{"href":"https://app.staging.pleo.io/export/${id}"},"mobile":{},"api":{}},"accountingEntryId":"${id}","companyId":"0b7d4a52-3c1e-4f6a-9d8b-2e5f1a7c9b30","date":"2025-${hex((i % 12) + 1, 2)}-14T10:${hex(i % 60, 2)}:00Z","type":"card_purchase","subType":null,"amount":{"inSupplierCurrency":{"currency":"EUR","value":${Math.round(amount / 7.46)}},"inWalletCurrency":{"currency":"DKK","value":${amount}}},"accountingEntryLines":[{"accountingEntryLineId":"${id.slice(0, 30)}000001","lineAmount":{"inSupplierCurrency":{"currency":"EUR","value":${Math.round(amount / 7.46)}},"inWalletCurrency":{"currency":"DKK","value":${amount}}},"netAmount":{"inSupplierCurrency":{"currency":"EUR","value":${Math.round(amount / 9.3)}},"inWalletCurrency":{"currency":"DKK","value":${Math.round(amount * 0.8)}}},"account":{"id":"a1","name":"Travel","code":"6100","identifier":null},"tags":[{"id":"t1","code":"P-17","groupCode":"PROJ"}],"tax":{"id":"x1","code":"I25","rate":0.25,"type":"inclusive","amount":{"inSupplierCurrency":{"currency":"EUR","value":${Math.round(amount / 37.3)}},"inWalletCurrency":{"currency":"DKK","value":${Math.round(amount * 0.2)}}},"ingoingTaxAccount":"6601","outgoingTaxAccount":null}}],"additionalInformation":{"reconciliationId":"r-${i}","attendees":[],"invoiceInformation":null,"reconciledEntries":[]},"bookkeeping":{"method":"standard"},"contraAccount":{"id":"c1","name":"Pleo wallet","code":"5810","identifier":null},"files":[],"note":${note},"servicePeriod":null,"supplier":{"name":"Nordic Taxi ApS","code":null,"account":null,"categoryCode":"4121","country":"DK","taxIdentifier":null},"team":{"id":"tm1","name":"Sales","code":"S"},"user":{"id":"u${i % 40}","name":"Anna Berg","code":null},"vendor":null}`;
}

/** Opaque-looking cursors in Pleo's alphabet (^[A-Z2-7=~]+$): the position in base 32 digits A-Z2-7. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const cursor = (p: number) => {
  let s = '';
  let n = p;
  do {
    s = ALPHABET[n % 32] + s;
    n = Math.floor(n / 32);
  } while (n > 0);
  return `P${s}`;
};
const position = (c: string) => [...c.slice(1)].reduce((acc, ch) => acc * 32 + ALPHABET.indexOf(ch), 0);

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const send = (status: number, body?: string) => {
    res.writeHead(
      status,
      body === undefined ? {} : { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(body) },
    );
    res.end(body);
  };
  if (req.method === 'GET' && url.pathname === '/v3/export-items') {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 1000);
    const after = url.searchParams.get('after');
    const offset = url.searchParams.get('offset');
    const start = after ? position(after) + 1 : offset ? Number(offset) : 0;
    const end = Math.min(start + limit, TOTAL);
    let data = '';
    for (let i = start; i < end; i++) data += (i > start ? ',' : '') + item(i);
    const body = `{"data":[${data}],"pagination":{"currentRequestPagination":{"parameters":{},"limit":${limit},"sortingKeys":[],"sortingOrder":[]},"hasNextPage":${end < TOTAL},"hasPreviousPage":${start > 0},"startCursor":"${cursor(start)}","endCursor":"${cursor(end - 1)}","total":${TOTAL}}}`;
    if (LATENCY_MS > 0) setTimeout(() => send(200, body), LATENCY_MS);
    else send(200, body);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'PUT' && url.pathname === `/v3/export-jobs/${JOB}/items`) {
      const updates = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Array<{ accountingEntryId: string; status: string }>;
      if (updates.length > 100)
        return send(413, '{"type":"EXPORT_JOB_ITEMS_UPDATE_LIMIT","message":"Number of items to update is more than 100."}');
      return send(200, JSON.stringify({ data: updates.map((u) => ({ ...u, exportJobId: JOB })), errors: [] }));
    }
    if (req.method === 'POST' && url.pathname === '/v3/export-job-events') return send(202);
    if (req.method === 'GET' && url.pathname === `/v3/export-jobs/${JOB}`) {
      return send(
        200,
        JSON.stringify({
          data: {
            id: JOB,
            companyId: '0b7d4a52-3c1e-4f6a-9d8b-2e5f1a7c9b30',
            status: 'completed',
            numberOfItems: TOTAL,
            expiresIn: 0,
            createdAt: '2026-01-01T00:00:00Z',
            isInteractive: true,
            vendorBasedBookkeeping: false,
          },
        }),
      );
    }
    send(404, '{"type":"NOT_FOUND"}');
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, job: JOB, total: TOTAL })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
