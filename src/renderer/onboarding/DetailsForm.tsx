import { useId, useState } from 'react';
import type { OnboardingDetails } from '../../shared/onboarding.js';
import type { AppError } from '../../shared/result.js';
import { ActionForm } from '../app/ActionForm.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { usePresenterMode } from '../app/presenter-context.js';
import { partner } from '../partner.js';

const FIELDS: Array<{ key: keyof OnboardingDetails; label: string; multiline?: boolean; type?: string; sensitive?: boolean }> = [
  { key: 'company', label: 'Company or organisation' },
  { key: 'targetErp', label: 'ERP or accounting system you integrate with' },
  { key: 'plannedUsage', label: 'Planned API usage', multiline: true },
  { key: 'clientName', label: 'Client name shown to users (no "Pleo" in it)' },
  { key: 'clientUri', label: 'Your website (Client URI)', type: 'url' },
  { key: 'contactEmail', label: 'Contact email', type: 'email', sensitive: true },
];

/** The details Pleo's two forms ask for; used to prepare the texts in steps 1 and 2. */
export function DetailsForm({ environmentId, details }: { environmentId: string; details: OnboardingDetails }) {
  const [draft, setDraft] = useState(details);
  const [saved, setSaved] = useState('');
  const [error, setError] = useState<AppError | undefined>();
  const presenter = usePresenterMode();
  const id = useId();
  const save = async () => {
    const r = await partner().onboarding.saveDetails({ environmentId, ...draft });
    if (r.ok) {
      setSaved('Details saved. The texts below are updated.');
      setError(undefined);
    } else setError(r.error);
  };
  return (
    <ActionForm className="details-form" onSubmit={save}>
      {FIELDS.map((f) => {
        const fieldId = `${id}-${f.key}`;
        const common = {
          id: fieldId,
          value: draft[f.key],
          onChange: (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [f.key]: e.currentTarget.value }),
        };
        return (
          <div className="field" key={f.key}>
            <label htmlFor={fieldId}>{f.label}</label>
            {f.multiline ? (
              <textarea {...common} rows={3} maxLength={1000} />
            ) : (
              <input
                {...common}
                type={presenter && f.sensitive ? 'password' : (f.type ?? 'text')}
                maxLength={f.key === 'clientUri' ? 300 : 200}
                autoComplete="off"
              />
            )}
          </div>
        );
      })}
      <button type="submit">Save details</button>
      <span role="status" aria-live="polite" className="form-status">
        {saved}
      </span>
      {error && <ErrorMessage error={error} />}
    </ActionForm>
  );
}
