/**
 * The request builder: method and path, typed path and query parameters, extra query
 * parameters, a JSON body, and the actions (send, cancel, copy as cURL, copy the token).
 */
import { useId } from 'react';
import { HTTP_METHODS, type EndpointDef, type HttpMethod, type ParamDef } from '../../shared/catalog/types.js';
import { ActionForm } from '../app/ActionForm.js';
import { BodyEditor } from './BodyEditor.js';
import { ParamField } from './ParamField.js';
import type { FormState } from './form-state.js';

/** The two inputs of an extra query parameter, and their visible labels. */
const EXTRA_QUERY_PARTS = [
  ['name', 'Name'],
  ['value', 'Value'],
] as const;

export interface RequestBuilderProps {
  form: FormState;
  endpoint?: EndpointDef;
  apiBase?: string;
  problems: string[];
  busy: boolean;
  onChange(form: FormState): void;
  onSend(): void;
  onCancel(): void;
  onCopyCurl(): void;
  children?: React.ReactNode;
}

export function RequestBuilder({
  form,
  endpoint,
  apiBase,
  problems,
  busy,
  onChange,
  onSend,
  onCancel,
  onCopyCurl,
  children,
}: RequestBuilderProps) {
  const methodId = useId();
  const pathId = useId();
  const set = (patch: Partial<FormState>) => onChange({ ...form, ...patch });
  const pathParams = [...form.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const declaredPath = new Map((endpoint?.params ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p]));
  /** The problem naming a parameter, shown under that field (and marked aria-invalid). */
  const problemFor = (name: string) => problems.find((p) => p.includes(`"${name}"`) || p.startsWith(`${name} `) || p.includes(` ${name}:`));
  const queryParams = endpoint?.params.filter((p) => p.in === 'query') ?? [];
  const isShown = (p: (typeof queryParams)[number]) => p.required || !!form.queryValues[p.name] || !!problemFor(p.name);
  const shownQuery = queryParams.filter(isShown);
  const foldedQuery = queryParams.filter((p) => !isShown(p));
  /** One field per parameter, its value kept in form[values] under the parameter's name. */
  const paramFields = (params: ParamDef[], values: 'pathValues' | 'queryValues') =>
    params.map((p) => (
      <ParamField
        key={p.name}
        param={p}
        value={form[values][p.name] ?? ''}
        problem={problemFor(p.name)}
        onChange={(v) => set({ [values]: { ...form[values], [p.name]: v } })}
      />
    ));
  return (
    <ActionForm className="request-builder" onSubmit={onSend} aria-labelledby="request-heading" noValidate>
      <h3 id="request-heading">Request</h3>
      {endpoint && (
        <div className="endpoint-intro">
          <p className="endpoint-summary">
            <strong>{endpoint.summary}.</strong> {endpoint.description}
          </p>
          <p className="param-hint">
            Scope needed: {endpoint.scopes.length ? endpoint.scopes.join(' or ') : 'none (any valid token)'}
            {endpoint.paginated ? ' · answers in pages' : ''}
          </p>
        </div>
      )}
      <div className="request-line">
        <label htmlFor={methodId} className="visually-hidden">
          Method
        </label>
        <select
          id={methodId}
          value={form.method}
          onChange={(e) => set({ method: e.currentTarget.value as HttpMethod })}
          data-testid="request-method"
        >
          {HTTP_METHODS.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <label htmlFor={pathId} className="visually-hidden">
          Path
        </label>
        <span className="api-base" aria-hidden="true" title={apiBase}>
          {apiBase ? new URL(apiBase).host : ''}
        </span>
        <input
          id={pathId}
          className="request-path"
          value={form.path}
          onChange={(e) => set({ path: e.currentTarget.value })}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${pathId}-hint`}
          data-testid="request-path"
        />
        {busy ? (
          <button type="button" onClick={onCancel} data-testid="cancel-request">
            Cancel
          </button>
        ) : (
          <button type="submit" className="primary" data-testid="send-request" aria-keyshortcuts="Control+Enter">
            Send
          </button>
        )}
      </div>
      {problems.length > 0 && (
        <div className="form-problems" role="alert" data-testid="form-problems">
          <p>
            <span aria-hidden="true">✗ </span>
            <strong>Not sent.</strong> Fix {problems.length === 1 ? 'this' : 'these'} first:
          </p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <p id={`${pathId}-hint`} className="param-hint">
        Path relative to the API address{apiBase ? ` ${apiBase}` : ''}. The app adds your access token; it never sends it anywhere else.
      </p>
      {pathParams.length > 0 && (
        <fieldset>
          <legend>Path parameters</legend>
          {paramFields(
            pathParams.map((name) => declaredPath.get(name) ?? { name, in: 'path', type: 'string', required: true, description: '' }),
            'pathValues',
          )}
        </fieldset>
      )}
      {queryParams.length > 0 && (
        <fieldset>
          <legend>Query parameters</legend>
          {/* Required or filled-in parameters are shown; the rest wait one click away, so Send and the answer stay close. */}
          <div className="param-grid">{paramFields(shownQuery, 'queryValues')}</div>
          {foldedQuery.length > 0 && (
            <details className="more-params">
              <summary>
                {foldedQuery.length} more optional parameter{foldedQuery.length === 1 ? '' : 's'}:{' '}
                {foldedQuery.map((p) => p.name).join(', ')}
              </summary>
              <div className="param-grid">{paramFields(foldedQuery, 'queryValues')}</div>
            </details>
          )}
        </fieldset>
      )}
      <fieldset>
        <legend>{queryParams.length ? 'More query parameters' : 'Query parameters'}</legend>
        {form.extraQuery.map((q, i) => (
          <div className="extra-query" key={i}>
            {EXTRA_QUERY_PARTS.map(([part, label]) => (
              <label key={part}>
                {label}
                <input
                  value={q[part]}
                  onChange={(e) =>
                    set({ extraQuery: form.extraQuery.map((x, k) => (k === i ? { ...x, [part]: e.currentTarget.value } : x)) })
                  }
                  spellCheck={false}
                />
              </label>
            ))}
            <button
              type="button"
              onClick={() => set({ extraQuery: form.extraQuery.filter((_, k) => k !== i) })}
              aria-label={`Remove query parameter ${q.name || i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ extraQuery: [...form.extraQuery, { name: '', value: '' }] })}>
          Add a query parameter
        </button>
      </fieldset>
      {form.method !== 'GET' && <BodyEditor value={form.body} onChange={(body) => set({ body })} body={endpoint?.body} />}
      <div className="request-actions">
        <button type="button" onClick={onCopyCurl} data-testid="copy-curl">
          Copy as cURL
        </button>
        {children}
      </div>
    </ActionForm>
  );
}
