import { useState } from 'react';
import type { EnvironmentSummary } from '../../shared/environments.js';
import { Checkbox } from '../app/Checkbox.js';
import { ConfirmDialog } from '../onboarding/ConfirmDialog.js';

/**
 * Sign-out, confirmed. For Pleo staging (and the simulator, which mimics it) the user may also
 * disconnect the Pleo installation, which revokes every token of this client for the company.
 */
export function SignOutDialog({
  open,
  env,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  env: EnvironmentSummary;
  onConfirm: (disconnectInstallation: boolean) => void;
  onCancel: () => void;
}) {
  const [disconnect, setDisconnect] = useState(false);
  const canDisconnect = env.kind !== 'custom';
  return (
    <ConfirmDialog
      open={open}
      title="Sign out?"
      confirmLabel={disconnect ? 'Sign out and disconnect' : 'Sign out'}
      onConfirm={() => onConfirm(canDisconnect && disconnect)}
      onCancel={onCancel}
      testId="sign-out-dialog"
    >
      <p>The app forgets its tokens for {env.name}. Your Client ID, Client Secret and checklist progress are kept.</p>
      {canDisconnect && (
        <p>
          <Checkbox className="checkbox-label" checked={disconnect} onChange={setDisconnect} testId="disconnect-installation">
            Also disconnect the Pleo installation: removes this app's access to the staging company and revokes all of its tokens. You will
            need to approve access again at the next sign-in.
          </Checkbox>
        </p>
      )}
    </ConfirmDialog>
  );
}
