/** One path or query parameter input, typed from the catalog (number, true/false, choice list, ID). */
import { useId } from 'react';
import type { ParamDef } from '../../shared/catalog/types.js';
import { UUID } from './form-state.js';

export function ParamField({ param, value, onChange }: { param: ParamDef; value: string; onChange(v: string): void }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const uuidHint = param.type === 'uuid' && value && !UUID.test(value) ? ' This does not look like a Pleo ID (UUID).' : '';
  const typeText = `${param.type === 'enum' ? 'one of the listed values' : param.type}${param.array ? ', several separated by commas' : ''}`;
  return (
    <div className="param-field">
      <label htmlFor={id}>
        <code>{param.name}</code>
        {param.required ? <span className="required"> (required)</span> : <span className="optional"> (optional)</span>}
      </label>
      {param.type === 'boolean' && !param.array ? (
        <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-describedby={hintId} data-testid={`param-${param.name}`}>
          <option value="">(not set)</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : param.type === 'enum' && !param.array && param.enumValues ? (
        <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-describedby={hintId} data-testid={`param-${param.name}`}>
          <option value="">(not set)</option>
          {param.enumValues.map((v) => (
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
          aria-describedby={hintId}
          placeholder={param.example ?? (param.array && param.enumValues ? param.enumValues.slice(0, 2).join(',') : '')}
          onChange={(e) => onChange(e.currentTarget.value)}
          spellCheck={false}
          autoComplete="off"
          data-testid={`param-${param.name}`}
        />
      )}
      <span id={hintId} className="param-hint">
        {param.description} <span className="param-type">({typeText})</span>
        {uuidHint}
      </span>
    </div>
  );
}
