import type { ClientAuthMethod, EnvironmentSummary } from '../../shared/environments.js';

/** Plain names; the same words main uses in its invalid_client advice (client-auth.ts). */
export const CLIENT_AUTH_CHOICES: Array<{ value: ClientAuthMethod; label: string }> = [
  { value: 'client_secret_basic', label: 'Basic header, encoded (standard)' },
  { value: 'client_secret_basic_unencoded', label: 'Basic header, as typed (like curl -u)' },
  { value: 'client_secret_post', label: 'In the request body' },
];

/**
 * How the app sends the Client ID and Secret to the token endpoint (issue 9). Pleo Staging is
 * fixed to what Pleo documents; elsewhere the user picks, with the default explained in one
 * sentence. docs/interop.md says which servers need which.
 */
export function ClientAuthField({
  env,
  value,
  onChange,
}: {
  env: EnvironmentSummary;
  value: ClientAuthMethod;
  onChange: (value: ClientAuthMethod) => void;
}) {
  const label = CLIENT_AUTH_CHOICES.find((c) => c.value === value)?.label ?? value;
  if (!env.capabilities?.clientAuthEditable) {
    return (
      <div className="field">
        <span className="label">Client authentication</span>
        <span className="help" data-testid="client-auth-fixed">
          {label}: the app sends your Client ID and Secret exactly the way Pleo&apos;s own guides do.
        </span>
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor="client-auth">Client authentication</label>
      <select
        id="client-auth"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value as ClientAuthMethod)}
        aria-describedby="client-auth-help"
        data-testid="client-auth"
      >
        {CLIENT_AUTH_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <span id="client-auth-help" className="help">
        Keep the default unless the server rejects a Client Secret you know is right: the two Basic header choices differ only for
        characters other than letters, digits and - . _ ~.
      </span>
    </div>
  );
}
