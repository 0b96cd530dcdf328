import { useId, useState } from 'react';
import type { ManualStepId } from '../../shared/contract/onboarding-channels.js';
import type { AppError } from '../../shared/result.js';
import { ActionForm } from '../app/ActionForm.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { partner } from '../partner.js';

/** Remembered for this session so confirming several steps does not mean retyping a name. */
let lastName = '';

/** A manual confirmation: labelled as such, and it records who confirmed (and main records when). */
export function ConfirmForm({
  stepId,
  environmentId,
  label,
  blocked = false,
}: {
  stepId: ManualStepId;
  environmentId: string;
  label: string;
  blocked?: boolean;
}) {
  const [name, setName] = useState(lastName);
  const [error, setError] = useState<AppError | undefined>();
  const id = useId();
  const confirm = async () => {
    lastName = name.trim();
    const r = await partner().onboarding.confirmManual({ environmentId, stepId, confirmedBy: name.trim() });
    if (!r.ok) setError(r.error);
    else setError(undefined);
  };
  return (
    <ActionForm className="confirm-form" onSubmit={confirm}>
      <label htmlFor={`${id}-name`}>Confirmed by (your name)</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={80} required autoComplete="name" />
      <button type="submit" className="primary" disabled={!name.trim() || blocked}>
        {label}
      </button>
      {error && <ErrorMessage error={error} />}
    </ActionForm>
  );
}
