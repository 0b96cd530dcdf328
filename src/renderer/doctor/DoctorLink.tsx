import type { AppError } from '../../shared/result.js';
import { isNetworkErrorCode } from '../../shared/contract/diagnostics-channels.js';

/**
 * "Open the doctor" under an error whose cause is the network (proxy, DNS, TLS inspection,
 * firewall). Renders nothing for other errors. Kept apart from the error display itself so
 * either can change without the other.
 */
export function DoctorLink({ error, navigate }: { error: AppError | undefined; navigate?: (id: 'doctor') => void }) {
  if (!error || !navigate || !isNetworkErrorCode(error.code)) return null;
  return (
    <p className="doctor-link" data-testid="doctor-link">
      This looks like a network problem on this computer.{' '}
      <button type="button" className="link-button" onClick={() => navigate('doctor')}>
        Open the network and setup check
      </button>
    </p>
  );
}
