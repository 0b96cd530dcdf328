import type { AppError } from '../../shared/result.js';
import type { StepId } from '../../shared/onboarding.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { STEP_TITLES, withAdvice } from './error-advice.js';

/** An AppError with what to do next and the checklist step it affects (contract E1). */
export function ExplainedError({ error, title }: { error: AppError; title?: string }) {
  const e = withAdvice(error);
  const step = e.step && e.step in STEP_TITLES ? STEP_TITLES[e.step as StepId] : undefined;
  return (
    <div className="explained-error">
      <ErrorMessage error={e} {...(title ? { title } : {})} />
      {step && (
        <p className="affects-step" data-testid="affects-step">
          Checklist step affected: {step}
        </p>
      )}
    </div>
  );
}
