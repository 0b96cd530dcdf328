/** One path or query parameter input, typed from the catalog (number, true/false, choice list, ID). */
import { useId } from 'react';
import type { ParamDef } from '../../shared/catalog/types.js';
import { UUID } from './form-state.js';

export function ParamField({
  param,
  value,
  onChange,
  problem,
}: {
  param: ParamDef;
  value: string;
  onChange(v: string): void;
  problem?: string | undefined;
}) {
  const id = useId();
  const problemId = `${id}-problem`;
  const hintId = problem ? `${id}-hint ${problemId}` : `${id}-hint`;
  const invalid = problem ? true : undefined;
  const uuidHint = param.type === 'uuid' && value && !UUID.test(value) ? ' This does not look like a Pleo ID (UUID).' : '';
  // A single true/false or enum value is picked from a list; anything else is typed.
  const choices = param.array
    ? undefined
    : param.type === 'boolean'
      ? ['true', 'false']
      : param.type === 'enum'
        ? param.enumValues
        : undefined;
  const typeText = `${param.type === 'enum' ? 'one of the listed values' : param.type}${param.array ? ', several separated by commas' : ''}`;
  return (
    <div className={problem ? 'param-field param-invalid' : 'param-field'}>
      <label htmlFor={id}>
        <code>{param.name}</code>
        {param.required ? <span className="required"> (required)</span> : <span className="optional"> (optional)</span>}
      </label>
      {choices ? (
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          aria-describedby={hintId}
          aria-invalid={invalid}
          data-testid={`param-${param.name}`}
        >
          <option value="">(not set)</option>
          {choices.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type="text"
          inputMode={param.type === 'integer' && !param.array ? 'numeric' : undefined}
          value={value}
          required={param.required}
          aria-required={param.required}
          aria-invalid={invalid}
          aria-describedby={hintId}
          placeholder={param.example ?? (param.array && param.enumValues ? param.enumValues.slice(0, 2).join(',') : '')}
          onChange={(e) => onChange(e.currentTarget.value)}
          spellCheck={false}
          autoComplete="off"
          data-testid={`param-${param.name}`}
        />
      )}
      {problem && (
        <span id={problemId} className="field-problem" data-testid={`problem-${param.name}`}>
          <span aria-hidden="true">✗ </span>
          {problem}
        </span>
      )}
      <span id={`${id}-hint`} className="param-hint">
        {param.description} <span className="param-type">({typeText})</span>
        {uuidHint}
      </span>
    </div>
  );
}
