// @vitest-environment jsdom
/**
 * The export screen's renderer in jsdom, for what a new user found missing (issue 14 walk):
 * after giving a job up the screen says what happened and what is left; keyboard focus is not
 * lost when the pressed button disappears; the job's failure type reads as words.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportScreen } from '../../../src/renderer/export/ExportScreen.js';
import type { ExportView } from '../../../src/shared/contract/export-channels.js';
import { installFakePartner } from '../onboarding/fake-partner.js';

afterEach(cleanup);

const JOB = 'b2c1d0e9-0000-4000-8000-00000009fd8a';

function viewOf(extra: Partial<ExportView>): ExportView {
  return {
    environmentId: 'simulator',
    environmentKind: 'simulator',
    signedIn: true,
    steps: [],
    done: 0,
    total: 7,
    state: 'paused',
    progress: { total: 1500, fetched: 400, written: 300, reported: 200, failed: 0, reportErrors: 0 },
    canQueueOnSimulator: false,
    ...extra,
  };
}

describe('ExportScreen', () => {
  it('giving up: focus lands on the Run heading (the button is gone), which says "Given up"; the notice says what is left', async () => {
    const paused = viewOf({
      job: { id: JOB, companyId: 'c', status: 'in_progress', numberOfItems: 1500, createdAt: '2026-12-05T08:00:00Z' },
      resumable: { jobId: JOB, reported: 200, total: 1500 },
      targetPath: '/home/ana/pleo-export.csv',
      targetFormat: 'csv',
    });
    const given = viewOf({
      state: 'given_up',
      progress: { total: 0, fetched: 0, written: 0, reported: 0, failed: 0, reportErrors: 0 },
      job: {
        id: JOB,
        companyId: 'c',
        status: 'failed',
        numberOfItems: 1500,
        createdAt: '2026-12-05T08:00:00Z',
        failureReasonType: 'canceled_by_user',
      },
      gaveUp: { jobId: JOB, reported: 200, total: 1500, partialFile: '/home/ana/pleo-export.csv' },
    });
    const fake = installFakePartner({
      'export.get': () => ({ ok: true, value: paused }),
      'export.abandon': () => ({ ok: true, value: given }),
    });
    const { findByTestId, getByTestId, container } = render(<ExportScreen navigate={() => undefined} />);
    const giveUp = await findByTestId('export-abandon');
    giveUp.focus();
    fireEvent.click(giveUp);
    const notice = await findByTestId('export-gave-up');
    expect(fake.calls.filter((c) => c.channel === 'export.abandon')).toHaveLength(1);
    expect(notice.textContent).toContain('after 200 of 1,500 items were reported');
    expect(notice.textContent).toContain('the customer has to start a new export in Pleo');
    expect(notice.textContent).toContain('/home/ana/pleo-export.csv holds only the rows written before you gave up');
    expect(getByTestId('export-state').textContent).toBe('(Given up)');
    expect(container.querySelector('[data-testid="progress-reported"]')).toBeNull();
    expect(getByTestId('export-job').textContent).toContain('Why it failedgiven up by you');
    await waitFor(() => expect(document.activeElement?.id).toBe('export-run-h'));
  });

  it('keeps focus on a button that is only disabled while its action runs', async () => {
    const ready = viewOf({ state: 'idle', progress: { total: 0, fetched: 0, written: 0, reported: 0, failed: 0, reportErrors: 0 } });
    installFakePartner({
      'export.get': () => ({ ok: true, value: ready }),
      // Chromium moves focus off a button once it is disabled (the e2e export test sees it);
      // jsdom does not, so the handler does what Chromium would while the action runs.
      'export.findJob': () => {
        (document.activeElement as HTMLElement | null)?.blur();
        return { ok: true, value: ready };
      },
    });
    const { findByTestId } = render(<ExportScreen navigate={() => undefined} />);
    const find = await findByTestId('export-find');
    find.focus();
    fireEvent.click(find);
    await waitFor(() => expect((find as HTMLButtonElement).disabled).toBe(false));
    await waitFor(() => expect(document.activeElement).toBe(find));
  });
});
