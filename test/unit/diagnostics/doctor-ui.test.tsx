// @vitest-environment jsdom
/**
 * The doctor's renderer pieces in jsdom: the "open the doctor" link appears under network
 * errors only (sign-in and explorer), and a failed check reads as words, not colour.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DoctorLink } from '../../../src/renderer/doctor/DoctorLink.js';
import { DoctorScreen } from '../../../src/renderer/doctor/DoctorScreen.js';
import { NETWORK_ERROR_CODES, type DoctorReport } from '../../../src/shared/contract/diagnostics-channels.js';
import type { EnvironmentSummary } from '../../../src/shared/environments.js';
import { installFakePartner } from '../onboarding/fake-partner.js';

afterEach(cleanup);

describe('DoctorLink', () => {
  it.each(NETWORK_ERROR_CODES)('links to the doctor under %s', (code) => {
    const went: string[] = [];
    const { getByRole } = render(<DoctorLink error={{ code: code as never, message: 'x' }} navigate={(id) => went.push(id)} />);
    fireEvent.click(getByRole('button', { name: 'Open the network and setup check' }));
    expect(went).toEqual(['doctor']);
  });
  it('stays out of the way for errors that are not the network (e.g. a rejected secret)', () => {
    const { container } = render(<DoctorLink error={{ code: 'CLIENT_SECRET_REJECTED', message: 'x' }} navigate={() => undefined} />);
    expect(container.textContent).toBe('');
  });
});

describe('DoctorScreen', () => {
  it('runs when opened and shows each status as an icon and a word', async () => {
    const env = { id: 'pleo-staging', name: 'Pleo Staging', kind: 'pleo-staging' } as EnvironmentSummary;
    const report: DoctorReport = {
      environmentId: 'pleo-staging',
      environmentName: 'Pleo Staging',
      environmentKind: 'pleo-staging',
      ranAt: 0,
      overall: 'fail',
      text: 'x',
      checks: [{ id: 'keychain', title: 'Keychain', status: 'fail', summary: 'The keychain is locked.', action: 'Unlock it.' }],
    };
    const fake = installFakePartner({
      'environments.list': () => ({ ok: true, value: { environments: [env], activeId: env.id } }),
      'diagnostics.last': () => ({ ok: true, value: { needsRun: true } }),
      'diagnostics.run': () => ({ ok: true, value: report }),
    });
    const { findByTestId } = render(<DoctorScreen />);
    const item = await findByTestId('doctor-check-keychain');
    expect(item.textContent).toContain('✕ Failed');
    expect(item.textContent).toContain('What to do: Unlock it.');
    await waitFor(() => expect(fake.calls.filter((c) => c.channel === 'diagnostics.run')).toHaveLength(1));
  });
});
