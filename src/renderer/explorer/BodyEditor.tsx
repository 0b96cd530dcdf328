/** The JSON body editor: a plain textarea (keyboard- and screen-reader-friendly) with live validation and "Format". */
import { useDeferredValue, useId } from 'react';
import type { BodyDef } from '../../shared/catalog/types.js';
import { jsonProblem } from './form-state.js';

export function BodyEditor({ value, onChange, body }: { value: string; onChange(v: string): void; body?: BodyDef }) {
  const id = useId();
  const deferred = useDeferredValue(value);
  const problem = deferred.trim() ? jsonProblem(deferred) : undefined;
  return (
    <div className="body-editor">
      <label htmlFor={id}>Body (JSON)</label>
      {body && <p className="param-hint">{body.description}</p>}
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        rows={Math.min(16, Math.max(4, value.split('\n').length + 1))}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-status`}
        data-testid="body-editor"
      />
      <div className="body-editor-status">
        <span
          id={`${id}-status`}
          className={!value.trim() ? 'status-muted' : problem ? 'status-err' : 'status-ok'}
          data-testid="body-status"
        >
          {!value.trim() ? 'Empty body' : problem ? `Not valid JSON: ${problem}` : '✓ Valid JSON'}
        </span>
        <button
          type="button"
          disabled={!!problem || !value.trim()}
          onClick={() => {
            try {
              onChange(JSON.stringify(JSON.parse(value), null, 2));
            } catch {
              // the button is disabled for invalid JSON
            }
          }}
        >
          Format
        </button>
      </div>
      {body && body.fields.length > 0 && (
        <details className="body-fields">
          <summary>Fields</summary>
          <ul>
            {body.fields.map((f) => (
              <li key={f.name}>
                <code>{f.name}</code>{' '}
                <span className="param-type">
                  ({f.type}
                  {f.required ? ', required' : ''})
                </span>
                {f.description ? ` — ${f.description}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
