/**
 * Issue 14, "done means": the export workflow end to end on the simulator through the UI.
 * Queue a 10,000-item job as the customer would, find and claim it, write the CSV, mark 3 rows
 * failed, complete with errors; then check the CSV against the simulator's entries and the job
 * and item states on the server. Accessible (axe) and photographed for the README.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { test, expect } from './fixtures.js';
import { enterCredentials, expectNoA11yViolations, screenshot, signIn } from './onboarding-helpers.js';

test.use({ hostOptions: { entries: 24_000 } });

test('queue, claim, fetch 10,000 items, write CSV, mark 3 failed, complete with errors', async ({ appPage: page, host }) => {
  test.setTimeout(180_000);
  await enterCredentials(page, host);
  await signIn(page, host);
  await expect(page.getByTestId('flow-status')).toContainText('Signed in');

  await page.getByTestId('nav-export').click();
  await expect(page.getByRole('heading', { name: 'Export expenses', level: 2 })).toBeVisible();
  await expectNoA11yViolations(host, page, 'export (empty)');

  // The seeded data already has a waiting job for this company: Pleo allows one at a time.
  await page.getByTestId('export-queue-items').fill('10000');
  await page.getByTestId('export-queue').click();
  await expect(page.getByTestId('error-EXPORT_ALREADY_IN_PROGRESS')).toContainText('one at a time');
  await page.getByTestId('export-queue-cancel-waiting').check();
  await page.getByTestId('export-queue').click();
  await expect(page.getByTestId('export-queued')).toContainText('10,000 items');

  await page.getByTestId('export-find').click();
  await expect(page.getByTestId('export-step-find-job')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('export-job')).toContainText('10,000');
  await expect(page.getByTestId('job-time-left')).toContainText('Expires in');
  await expect(page.getByTestId('export-preview').locator('tbody tr')).toHaveCount(5);

  await page.getByTestId('export-choose-target').click();
  await expect(page.getByTestId('export-target')).toContainText('.csv');
  const csvPath = ((await page.getByTestId('export-target').textContent()) ?? '').replace('Writing to ', '').trim();

  await page.getByTestId('export-fail-rows').fill('2, 5000, 10000');
  await page.getByTestId('export-fail-type').selectOption('account_unknown');
  await page.getByTestId('export-fail-reason').fill('Account 6990 is blocked for posting');
  await expectNoA11yViolations(host, page, 'export (ready)');
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-state')).toHaveAttribute('data-state', 'completed_with_errors', { timeout: 150_000 });
  await expect(page.getByTestId('export-checklist-progress')).toHaveText('7 of 7 steps proven');
  await expect(page.getByTestId('progress-reported')).toHaveAttribute('value', '10000');
  await expect(page.getByTestId('export-last-run')).toContainText('10,000 items, 9,997 successful, 3 failed');
  await expect(page.getByTestId('export-job-status')).toHaveText('completed with errors');
  await expectNoA11yViolations(host, page, 'export (done)');
  await screenshot(page, 'export');

  // The readiness report gains the export run: counts and failures, no paths or tokens.
  await page.getByTestId('nav-checklist').click();
  await page.getByTestId('report-preview-toggle').click();
  const section = page.getByTestId('report-section-export');
  await expect(section).toContainText('Completed with errors');
  await expect(section).toContainText('9,997 successful, 3 failed');
  await expect(section).toContainText('account_unknown × 3');
  await expect(section).not.toContainText(csvPath);
  await expectNoA11yViolations(host, page, 'report preview with the export run');
  await page.getByTestId('report-save-html').click();
  await expect.poll(() => host.savedFiles.length).toBe(1);
  const html = String(host.savedFiles[0]!.request.content);
  expect(html).toContain('Export expenses (Export API v3)');
  expect(html).toContain('account_unknown × 3');
  expect(html).not.toContain(await host.core.auth.getAccessToken());

  // The CSV: one row per item, in the job's order, matching the simulator's entries.
  const range = host.simulator.data.entryRanges[0]!;
  const expected = Array.from({ length: 10_000 }, (_, k) => host.simulator.data.entryId(range.from + range.count - 10_000 + k));
  const lines = (await readFile(csvPath, 'utf8'))
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toMatch(/^Accounting entry ID,Date,Type,Amount,Currency/);
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected);

  // The server: the job completed with errors, 3 items failed with the chosen type, the rest successful.
  const token = await host.core.auth.getAccessToken();
  const get = async (path: string) =>
    (await fetch(`${host.simulator.info.apiBase}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const jobs = (await get('/v3/export-jobs?statuses=completed_with_errors&sorting_keys=createdAt&sorting_order=DESC&limit=1')) as {
    data: Array<{ id: string; numberOfItems: number; failureReasonType: string }>;
  };
  const job = jobs.data[0]!;
  expect(job.numberOfItems).toBe(10_000);
  const failed = (await get(`/v3/export-jobs/${job.id}/items?status=failed&limit=10`)) as {
    data: Array<{ accountingEntryId: string; failureReasonType: string; failureReason: string }>;
    pagination: { total: number };
  };
  expect(failed.pagination.total).toBe(3);
  expect(failed.data.map((d) => d.accountingEntryId).sort()).toEqual([expected[1], expected[4999], expected[9999]].sort());
  expect(
    failed.data.every((d) => d.failureReasonType === 'account_unknown' && d.failureReason === 'Account 6990 is blocked for posting'),
  ).toBe(true);
  const successful = (await get(`/v3/export-jobs/${job.id}/items?status=successful&limit=1`)) as { pagination: { total: number } };
  expect(successful.pagination.total).toBe(9_997);
});

test('export to an Excel workbook: chosen on the screen, suggested by the save dialog, and the workbook reads back row for row', async ({
  appPage: page,
  host,
}) => {
  test.setTimeout(120_000);
  await enterCredentials(page, host);
  await signIn(page, host);
  await page.getByTestId('nav-export').click();
  await page.getByTestId('export-queue-items').fill('300');
  await page.getByTestId('export-queue-cancel-waiting').check();
  await page.getByTestId('export-queue').click();
  await expect(page.getByTestId('export-queued')).toContainText('300 items');
  await page.getByTestId('export-find').click();
  await expect(page.getByTestId('export-step-find-job')).toHaveAttribute('data-status', 'done');

  // The user picks the format by its name (keyboard: a radio group), then saves under the suggested name.
  await expect(page.getByRole('radio', { name: /CSV file/ })).toBeChecked();
  await page.getByRole('radio', { name: /Excel workbook/ }).check();
  // Keyboard only from here: focus stays where the user is after each action.
  await page.getByTestId('export-choose-target').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-target-format')).toHaveText('Format: Excel workbook (.xlsx)');
  await expect(page.getByTestId('export-choose-target')).toBeFocused();
  const xlsxPath = ((await page.getByTestId('export-target').textContent()) ?? '').replace('Writing to ', '').trim();
  expect(xlsxPath).toMatch(/pleo-export-.*\.xlsx$/);
  await page.getByTestId('export-start').focus();
  await page.keyboard.press('Enter');
  // The pressed button is replaced by Stop: focus lands on the Run heading, which names the state.
  await expect(page.locator('#export-run-h')).toBeFocused();
  await expect(page.getByTestId('export-state')).toHaveAttribute('data-state', 'completed', { timeout: 100_000 });
  await expect(page.getByTestId('export-last-run')).toContainText('300 items, 300 successful, 0 failed');
  await expect(page.getByTestId('export-last-run')).toContainText('to an Excel workbook');
  await expect(page.getByTestId('export-step-record-items')).toContainText('to the Excel workbook pleo-export-');
  await expectNoA11yViolations(host, page, 'export to xlsx (done)');

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const sheet = workbook.getWorksheet('Expenses')!;
  expect(sheet.getRow(1).getCell(1).value).toBe('Accounting entry ID');
  const range = host.simulator.data.entryRanges[0]!;
  const expected = Array.from({ length: 300 }, (_, k) => host.simulator.data.entryId(range.from + range.count - 300 + k));
  const ids: string[] = [];
  sheet.eachRow((row, n) => void (n > 1 && ids.push(String(row.getCell(1).value))));
  expect(ids).toEqual(expected);
});
