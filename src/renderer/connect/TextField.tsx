import type { ReactNode } from 'react';

/**
 * A labelled single-line input for identifiers and secrets (no autocomplete, no spell check),
 * with an optional help text linked through aria-describedby.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  help,
  type = 'text',
  maxLength,
  testId,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  help?: ReactNode;
  type?: 'text' | 'password' | 'url';
  maxLength?: number;
  testId: string;
}) {
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        aria-describedby={helpId}
        data-testid={testId}
      />
      {help && (
        <span id={helpId} className="help">
          {help}
        </span>
      )}
    </div>
  );
}
