/** Import an OpenAPI 3 file (JSON or YAML): read here, sent as text (size-capped) and validated by main. */
import { useId, useState } from 'react';
import type { ImportedSource } from '../../shared/catalog/types.js';
import { MAX_OPENAPI_CHARS } from '../../shared/catalog/limits.js';
import type { AppError } from '../../shared/result.js';
import { ErrorMessage } from '../app/ErrorMessage.js';
import { partner } from '../partner.js';

export function ImportOpenApi({ imports, onChanged }: { imports: ImportedSource[]; onChanged(): void }) {
  const id = useId();
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const onFile = async (file: File | undefined) => {
    setMessage(undefined);
    setError(undefined);
    if (!file) return;
    if (file.size > MAX_OPENAPI_CHARS) {
      setError({
        code: 'OPENAPI_INVALID',
        message: `The file is ${Math.round(file.size / 1024)} KB; files up to ${Math.round(MAX_OPENAPI_CHARS / 1024)} KB can be imported.`,
      });
      return;
    }
    const content = await file.text();
    const r = await partner().explorer.importOpenApi({ fileName: file.name, content });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setMessage(
      `${r.value.title}: ${r.value.added} endpoint${r.value.added === 1 ? '' : 's'} added${r.value.skipped ? `, ${r.value.skipped} already known or skipped` : ''}.${r.value.warnings.length ? ` ${r.value.warnings.join(' ')}` : ''}`,
    );
    onChanged();
  };
  return (
    <details className="import-openapi">
      <summary>Import an OpenAPI file</summary>
      <p className="param-hint">
        Adds the endpoints of an OpenAPI 3 file (JSON or YAML), for example one from Pleo’s API reference. Nothing in the file is run.
      </p>
      <label htmlFor={id}>OpenAPI file</label>
      <input
        id={id}
        type="file"
        accept=".json,.yaml,.yml,application/json,application/yaml"
        onChange={(e) => void onFile(e.currentTarget.files?.[0])}
        data-testid="openapi-file"
      />
      {message && (
        <p role="status" data-testid="openapi-result">
          {message}
        </p>
      )}
      {error && <ErrorMessage error={error} title="Import failed" />}
      {imports.length > 0 && (
        <ul className="imports">
          {imports.map((s) => (
            <li key={s.id}>
              {s.title} {s.version ? `(${s.version})` : ''} — {s.endpointCount} endpoints{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => void partner().explorer.removeImport({ sourceId: s.id }).then(onChanged)}
                aria-label={`Remove the endpoints imported from ${s.title}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
