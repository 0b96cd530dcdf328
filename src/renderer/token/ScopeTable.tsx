import { describeScope } from '../../shared/scope-descriptions.js';

/**
 * Requested vs granted scopes, with what each allows in plain words. Before a sign-in nothing
 * has been granted or refused yet, so the Granted column says "Not yet" rather than "No".
 */
export function ScopeTable({ requested, granted, signedIn = true }: { requested: string[]; granted: string[]; signedIn?: boolean }) {
  const all = [...new Set([...requested, ...granted])];
  if (all.length === 0) return <p className="muted">No scopes yet: they appear after a sign-in.</p>;
  const yesNo = (v: boolean) => (
    <>
      <span aria-hidden="true">{v ? '✓ ' : '✗ '}</span>
      {v ? 'Yes' : 'No'}
    </>
  );
  return (
    <table className="scope-table" data-testid="scope-table">
      <caption>Scopes: what the app asked for and what Pleo granted</caption>
      <thead>
        <tr>
          <th scope="col">Scope</th>
          <th scope="col">Requested</th>
          <th scope="col">Granted</th>
          <th scope="col">What it allows</th>
        </tr>
      </thead>
      <tbody>
        {all.map((s) => {
          const d = describeScope(s);
          return (
            <tr key={s}>
              <th scope="row">
                <code>{s}</code>
              </th>
              <td>{yesNo(requested.includes(s))}</td>
              <td>{signedIn || granted.includes(s) ? yesNo(granted.includes(s)) : <span className="muted">Not yet</span>}</td>
              <td>
                {d.meaning} {d.access === 'read' ? '(read only)' : d.access === 'write' ? '(can change data)' : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
