import { useState } from 'react';
import type { PreparedItem } from '../../shared/onboarding.js';
import type { CopyableStepId } from '../../shared/contract/onboarding-channels.js';
import type { AppError } from '../../shared/result.js';
import { Sensitive } from '../app/Sensitive.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { partner } from '../partner.js';

/** Values prepared for Pleo's forms, each with a copy button (main copies its own text). */
export function PreparedList({ stepId, items, environmentId }: { stepId: CopyableStepId; items: PreparedItem[]; environmentId: string }) {
  const [copied, setCopied] = useState('');
  const [error, setError] = useState<AppError | undefined>();
  const copy = async (item: PreparedItem) => {
    const r = await partner().onboarding.copy({ environmentId, stepId, itemId: item.id });
    if (r.ok) {
      setCopied(`${item.label} copied to the clipboard.`);
      setError(undefined);
    } else setError(r.error);
  };
  return (
    <div className="prepared">
      <dl className="prepared-list">
        {items.map((item) => (
          <div key={item.id} className="prepared-item" data-testid={`prepared-${item.id}`}>
            <dt>{item.label}</dt>
            <dd>
              {item.value ? (
                <code className="prepared-value">{item.sensitive ? <Sensitive value={item.value} label={item.label} /> : item.value}</code>
              ) : (
                <span className="muted">Not filled in yet</span>
              )}
              {item.value && (
                <button type="button" className="copy-button" onClick={() => void copy(item)} aria-label={`Copy ${item.label}`}>
                  Copy
                </button>
              )}
              {item.note && <span className="prepared-note">{item.note}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="visually-hidden" role="status" aria-live="polite">
        {copied}
      </p>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
