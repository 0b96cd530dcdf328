/**
 * The endpoint catalog grouped by partner task, with a filter. Each endpoint shows the scope
 * it needs and, in words and an icon (never colour alone), whether the token has it.
 */
import { useId, useMemo, useState } from 'react';
import type { Catalog, EndpointDef } from '../../shared/catalog/types.js';
import { checkScopes } from '../../shared/catalog/scopes.js';

export function CatalogList({
  catalog,
  selectedId,
  granted,
  signedIn,
  onSelect,
}: {
  catalog: Catalog;
  selectedId?: string;
  granted: string[];
  signedIn: boolean;
  onSelect(e: EndpointDef): void;
}) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const groups = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const match = (e: EndpointDef) =>
      !f || `${e.method} ${e.path} ${e.summary} ${e.description} ${e.scopes.join(' ')}`.toLowerCase().includes(f);
    return catalog.tasks
      .map((t) => ({ task: t, endpoints: catalog.endpoints.filter((e) => e.task === t.id && match(e)) }))
      .filter((g) => g.endpoints.length > 0);
  }, [catalog, filter]);
  return (
    <nav className="catalog" aria-label="Pleo endpoints">
      <label htmlFor={filterId} className="catalog-filter-label">
        Find an endpoint
      </label>
      <input
        id={filterId}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        placeholder="e.g. employees, export, users:read"
        data-testid="catalog-filter"
      />
      {groups.length === 0 && <p>No endpoint matches “{filter}”.</p>}
      {groups.map(({ task, endpoints }) => (
        <section key={task.id} aria-labelledby={`task-${task.id}`} className="catalog-group">
          <h3 id={`task-${task.id}`}>{task.title}</h3>
          <p className="catalog-task-description">{task.description}</p>
          <ul>
            {endpoints.map((e) => {
              const scope = checkScopes(e.scopes, granted);
              const scopeText = e.scopes.length === 0 ? 'any valid token' : e.scopes.join(' or ');
              const state = !signedIn || e.scopes.length === 0 ? 'unknown' : scope.missing ? 'missing' : 'granted';
              return (
                <li key={e.id}>
                  <button
                    type="button"
                    className="catalog-item"
                    aria-current={e.id === selectedId ? 'true' : undefined}
                    onClick={() => onSelect(e)}
                    data-testid={`endpoint-${e.id}`}
                  >
                    <span className="catalog-line">
                      <span className={`method method-${e.method.toLowerCase()}`}>{e.method}</span>{' '}
                      <span className="catalog-summary">{e.summary}</span>
                    </span>
                    <span className="catalog-path">{e.path}</span>
                    <span className={`catalog-scope scope-${state}`}>
                      <span aria-hidden="true">{state === 'granted' ? '✓ ' : state === 'missing' ? '✗ ' : ''}</span>
                      needs {scopeText}
                      {state === 'missing' && <span> — not granted to your token</span>}
                      {state === 'granted' && <span className="visually-hidden"> — granted</span>}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
