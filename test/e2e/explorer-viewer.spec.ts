/**
 * The explorer's response viewer and safety nets in Chromium on the real simulator: a large
 * answer opens as virtual raw text and builds the tree on request, tree keyboard use, save to
 * file, OpenAPI import, refused targets and redirects, and axe-core in dark + presenter mode.
 */
import { test, expect } from './fixtures.js';
import { expectAccessible, openExplorer, signIn } from './explorer-helpers.js';

/** An expense-shaped body of about `mb` megabytes in Pleo's envelope. */
function bigBody(mb: number): string {
  const item = (i: number) =>
    JSON.stringify({
      accountingEntryId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      amount: { currency: 'DKK', value: i * 7 },
      note: `Taxi ${i} — Nordlys`,
      supplier: { name: 'Taxa', country: 'DK' },
      tags: [{ code: `P-${i % 13}`, groupCode: 'PROJECT' }],
    });
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1_000_000; i++) {
    const s = item(i);
    parts.push(s);
    size += s.length + 1;
  }
  return `{"data":[${parts.join(',')}],"pagination":{"hasNextPage":false,"hasPreviousPage":false,"total":${parts.length}}}`;
}

test.describe('API explorer viewer and safety nets', () => {
  test('a 12 MB answer opens as virtual raw text, builds the tree on request, and saves whole to a file', async ({
    appPage: page,
    host,
  }) => {
    // How fast this is measured by `npm run bench` (B4); here only what happens, with room
    // for a busy machine (12 MB through the simulator, IPC and a worker took 8.9 s under load).
    test.setTimeout(180_000);
    await signIn(host);
    await openExplorer(page);
    const body = bigBody(12);
    host.simulator.faults.add({
      target: 'api',
      pathPrefix: '/v2/employees',
      count: 1,
      action: { type: 'status', status: 200, body, contentType: 'application/json' },
    });
    await page.getByTestId('send-request').click();
    await expect(page.getByTestId('response-code')).toHaveText('200', { timeout: 60_000 });
    await expect(page.getByTestId('large-body-notice')).toContainText('MB');
    await expect(page.getByTestId('raw-view')).toBeVisible();
    // Only the rows in view are in the DOM, not 12 MB of text.
    expect(await page.getByTestId('raw-view').locator('.jv-row').count()).toBeLessThan(200);
    await page.getByTestId('build-tree').click();
    await expect(page.getByRole('tree', { name: 'Response body as a tree' })).toBeVisible({ timeout: 60_000 });
    expect(await page.locator('[role="treeitem"]').count()).toBeLessThan(200);
    await page.getByTestId('tree-search').fill('P-12');
    await expect(page.getByTestId('match-count')).toContainText(/^1 of \d+/);

    await page.getByTestId('save-body').click();
    await expect(page.getByTestId('explorer-note')).toContainText('Saved');
    expect(host.savedFiles.at(-1)!.request.content.length).toBe(Buffer.byteLength(body));
  });

  test('the tree works from the keyboard: arrows move, Left collapses, Right expands', async ({ appPage: page, host }) => {
    await signIn(host);
    await openExplorer(page);
    await page.getByTestId('endpoint-companies-list').click();
    await page.getByTestId('send-request').click();
    const tree = page.getByRole('tree', { name: 'Response body as a tree' });
    await expect(tree).toBeVisible();
    await tree.focus();
    await page.keyboard.press('ArrowDown'); // "data": [
    const data = page.locator('#' + (await tree.getAttribute('aria-activedescendant'))!);
    await expect(data).toContainText('"data"');
    await expect(data).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowLeft');
    await expect(data).toHaveAttribute('aria-expanded', 'false');
    await expect(data).toContainText(/\d+ items?/);
    await page.keyboard.press('ArrowRight');
    await expect(data).toHaveAttribute('aria-expanded', 'true');
    await page.getByTestId('collapse-all').click();
    await expect(page.locator('[role="treeitem"][aria-level="2"]').first()).toHaveAttribute('aria-expanded', 'false');
    await page.getByTestId('tab-headers').click();
    await expect(page.getByTestId('response-headers')).toContainText('content-type');
  });

  test('API-11 / API-12 in the UI: another origin is refused before sending, a redirect is shown and not followed', async ({
    appPage: page,
    host,
  }) => {
    await signIn(host);
    await openExplorer(page);
    await page.getByTestId('request-path').fill('//evil.example/steal');
    await page.getByTestId('send-request').click();
    await expect(page.getByTestId('form-problems')).toContainText('another server');
    // Bypassing the form: main refuses too.
    const r = await page.evaluate(() => window.partner.explorer.send({ method: 'GET', path: 'https://evil.example/x', query: [] }));
    expect(r.ok ? 'sent' : r.error.code).toBe('ORIGIN_REFUSED');

    await page.getByTestId('endpoint-employees-list').click();
    host.simulator.faults.add({
      target: 'api',
      pathPrefix: '/v2/employees',
      count: 1,
      action: { type: 'status', status: 302, headers: { location: 'https://evil.example/steal' } },
    });
    await page.getByTestId('send-request').click();
    await expect(page.getByTestId('error-REDIRECT_REFUSED')).toContainText('https://evil.example/steal');
    await expect(page.getByTestId('error-REDIRECT_REFUSED')).toContainText('not sent there');
  });

  test('imports an OpenAPI file and lists its endpoints under "Imported from OpenAPI"', async ({ appPage: page, host }) => {
    await signIn(host);
    await openExplorer(page);
    const yaml = [
      'openapi: 3.0.1',
      'info:',
      '  title: Partner Mock API',
      '  version: 1.0.0',
      'paths:',
      '  /v9/widgets/{widgetId}:',
      '    get:',
      '      summary: Get a widget',
      '      parameters:',
      '      - name: widgetId',
      '        in: path',
      '        required: true',
      '        schema:',
      '          type: string',
      '',
    ].join('\n');
    await page.getByText('Import an OpenAPI file').click();
    await page.getByTestId('openapi-file').setInputFiles({ name: 'mock.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
    await expect(page.getByTestId('openapi-result')).toContainText('Partner Mock API: 1 endpoint added');
    await expect(page.getByRole('heading', { name: 'Imported from OpenAPI' })).toBeVisible();
    await page.getByRole('button', { name: /Get a widget/ }).click();
    await expect(page.getByTestId('request-path')).toHaveValue('/v9/widgets/{widgetId}');
  });

  test('is accessible in dark theme and presenter mode with an answer on screen', async ({ appPage: page, host }) => {
    await signIn(host);
    await openExplorer(page);
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await page.getByTestId('presenter-switch').click();
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    await page.getByTestId('send-request').click();
    await expect(page.getByTestId('response-code')).toHaveText('200');
    await page.getByTestId('tree-search').fill('email');
    await expect(page.getByTestId('match-count')).toContainText('of');
    await expectAccessible(host, page, 'explorer dark + presenter');
  });
});
