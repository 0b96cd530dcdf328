import type { StepEvidence } from '../../shared/onboarding.js';
import { Sensitive } from '../app/Sensitive.js';
import { formatWhen } from './format.js';

const OUTCOME: Record<StepEvidence['outcome'], { icon: string; label: string }> = {
  passed: { icon: '✓', label: 'Passed' },
  failed: { icon: '✗', label: 'Failed' },
  info: { icon: 'ℹ', label: 'Note' },
};

/** What was checked, when, how (automatic or manual, and by whom) and the result. */
export function EvidenceList({ evidence }: { evidence: StepEvidence[] }) {
  if (evidence.length === 0) return <p className="muted">No evidence yet.</p>;
  return (
    <ol className="evidence-list" reversed>
      {evidence.map((e) => (
        <li key={e.id} className={`evidence evidence-${e.outcome}`} data-testid="evidence">
          <span className="evidence-outcome">
            <span aria-hidden="true">{OUTCOME[e.outcome].icon}</span> {OUTCOME[e.outcome].label}
          </span>{' '}
          <span className="evidence-how">{e.how === 'manual' ? 'Manual confirmation' : 'Automatic check'}</span>
          {' · '}
          <time dateTime={new Date(e.at).toISOString()}>{formatWhen(e.at)}</time>
          <div>
            <span className="evidence-checked">{e.checked}</span>: {e.result}
            {e.facts?.confirmedBy && <> Confirmed by {e.facts.confirmedBy}.</>}
            {e.facts?.subject && (
              <>
                {' '}
                Company: <Sensitive value={e.facts.subject} label="Company identifier" />
              </>
            )}
            {e.errorCode && <span className="diagnostics"> (code {e.errorCode})</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}
