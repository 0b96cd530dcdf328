import type { AppError } from '../../shared/result.js';

/**
 * One way to show any AppError (contract E1): what happened, what to do next, and any text
 * from the server labelled as such. React escapes all text, so server text cannot inject
 * markup; it was already truncated and stripped of bidi controls in main.
 */
export function ErrorMessage({ error, title }: { error: AppError; title?: string }) {
  return (
    <div className="error-message notice notice-error" role="alert" data-testid={`error-${error.code}`} data-error-code={error.code}>
      <p>
        <strong>{title ?? 'Problem'}: </strong>
        {error.message}
      </p>
      {error.hint && <p className="error-hint">What to do: {error.hint}</p>}
      {error.serverText && (
        <p className="error-server-text">
          Message from the server: <q>{error.serverText}</q>
        </p>
      )}
    </div>
  );
}
