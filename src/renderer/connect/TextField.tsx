import type { ReactNode } from 'react';
import { usePresenterMode } from '../app/presenter-context.js';

/**
 * A labelled single-line input for identifiers and secrets (no autocomplete, no spell check),
 * with an optional help text linked through aria-describedby. Its test id is its id.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  help,
  type = 'text',
  sensitive = false,
  maxLength,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  help?: ReactNode;
  type?: 'text' | 'password' | 'url';
  /** Masked (as a password field) in presenter mode, so it is not shown on a projector. */
  sensitive?: boolean;
  maxLength?: number;
}) {
  const presenter = usePresenterMode();
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={sensitive && presenter ? 'password' : type}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        aria-describedby={helpId}
        data-testid={id}
      />
      {help && (
        <span id={helpId} className="help">
          {help}
        </span>
      )}
    </div>
  );
}
