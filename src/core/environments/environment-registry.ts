/**
 * The environments and which one is active. Built-ins (simulator, Pleo Staging) are defined
 * in code and only their user-editable fields are stored; custom environments are stored in
 * full. Everything read from the settings file is validated at load (AR-03, ST-08): a field
 * that fails is dropped, a custom environment whose endpoints fail is removed, and each case
 * becomes a notice. Nothing secret is ever stored here.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CLIENT_AUTH_METHODS, type ClientAuthMethod, type EnvironmentSummary } from '../../shared/environments.js';
import { failure, type AppError } from '../../shared/result.js';
import { scopeListSchema } from '../../shared/catalog/scopes.js';
import type { KeyValueBackend, SimulatorEndpoints } from '../ports.js';
import { DEFAULT_PRIVATE_REDIRECT_URI, PLEO_STAGING, SIMULATOR, SIMULATOR_ID, STAGING_ID } from './builtin-environments.js';
import { checkEndpointUrl, checkIssuer, classifyRedirectUri, normaliseApiBase } from './url-policy.js';

export const SETTINGS_KEY = 'auth';

/** What the renderer sees of an environment, minus what is derived per summary, plus engine-only fields. */
export interface EnvironmentConfig extends Omit<
  EnvironmentSummary,
  'callbackMode' | 'hasClientSecret' | 'clientSecretFingerprint' | 'capabilities'
> {
  /**
   * RFC 9207: also reject a callback WITHOUT `iss`. Only where the server is known to send it
   * (the simulator); Pleo does not document `iss`, so there it is checked only when present.
   */
  requireIssuer: boolean;
  /** http is allowed on loopback (the simulator, a partner's local mock). */
  allowLoopbackHttp: boolean;
  /** Pleo's documented "disconnect": DELETE {apiBase}/v1/installations/me. */
  disconnectInstallation: boolean;
  issuerEditable: boolean;
  endpointsEditable: boolean;
  clientAuth: ClientAuthMethod;
  clientAuthEditable: boolean;
}

/**
 * Pleo's documented token calls (Postman "Send as Basic Auth header", `curl -u id:secret`)
 * send the ID and secret unencoded; Pleo Staging always does the same, and the simulator,
 * which imitates Pleo, starts that way (issue 9).
 */
export const PLEO_CLIENT_AUTH: ClientAuthMethod = 'client_secret_basic_unencoded';
/** Custom servers: the RFC 6749 §2.3.1 form; identical to "as typed" for letters, digits and -._~. */
export const CUSTOM_DEFAULT_CLIENT_AUTH: ClientAuthMethod = 'client_secret_basic';

type SimulatorState = NonNullable<EnvironmentSummary['simulatorState']>;

export const environmentNotFound = () =>
  failure('ENVIRONMENT_NOT_FOUND', 'That environment does not exist (any more).', { hint: 'Pick one from the list.' });

const idPattern = /^[A-Za-z0-9.:-]+$/;
const clientIdSchema = z
  .string()
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]*$/);

export interface CustomEnvironmentInput {
  name: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  introspectionEndpoint?: string | undefined;
  revocationEndpoint?: string | undefined;
  issuer: string;
  apiBase: string;
  clientAuth?: ClientAuthMethod | undefined;
}

export interface EnvironmentPatch {
  clientId?: string | undefined;
  redirectUri?: string | undefined;
  scopes?: string[] | undefined;
  issuer?: string | undefined;
  clientAuth?: ClientAuthMethod | undefined;
}

interface StoredCustom extends CustomEnvironmentInput {
  kind: 'custom';
  clientId: string;
  redirectUri: string;
  scopes: string[];
  clientAuth?: ClientAuthMethod;
}

interface StoredState {
  activeEnvironmentId: string;
  overrides: Map<string, EnvironmentPatch>;
  customs: Map<string, StoredCustom>;
}

type Invalid = { field: string; reason: string; code: 'ENVIRONMENT_INVALID' | 'INSECURE_URL' };

function fail(reason: string, code: 'ENVIRONMENT_INVALID' | 'INSECURE_URL' = 'ENVIRONMENT_INVALID'): never {
  throw failure(code, `That setting was not saved: ${reason}`, { hint: 'Check the value and try again.' });
}

/** Validates the user-editable fields; returns the cleaned patch and what was wrong. */
function validatePatch(
  patch: Record<string, unknown>,
  allowIssuer: boolean,
  allowClientAuth = false,
): { clean: EnvironmentPatch; invalid: Invalid[] } {
  const clean: EnvironmentPatch = {};
  const invalid: Invalid[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'clientId') {
      const r = clientIdSchema.safeParse(value);
      if (r.success) clean.clientId = r.data.trim();
      else invalid.push({ field: 'Client ID', reason: 'it contains characters a Client ID cannot have', code: 'ENVIRONMENT_INVALID' });
    } else if (key === 'redirectUri') {
      const r = typeof value === 'string' ? classifyRedirectUri(value) : undefined;
      if (r?.ok) clean.redirectUri = value as string;
      else
        invalid.push({
          field: 'redirect URI',
          reason: r && !r.ok ? r.reason : 'it is not text',
          code: r && !r.ok ? r.code : 'ENVIRONMENT_INVALID',
        });
    } else if (key === 'scopes') {
      const r = scopeListSchema.safeParse(value);
      if (r.success) clean.scopes = [...new Set(r.data)];
      else invalid.push({ field: 'scopes', reason: 'a scope contains characters scopes cannot have', code: 'ENVIRONMENT_INVALID' });
    } else if (key === 'clientAuth' && allowClientAuth) {
      if (CLIENT_AUTH_METHODS.includes(value as ClientAuthMethod)) clean.clientAuth = value as ClientAuthMethod;
      else invalid.push({ field: 'client authentication', reason: 'it is not one of the offered choices', code: 'ENVIRONMENT_INVALID' });
    } else if (key === 'issuer' && allowIssuer) {
      const r = typeof value === 'string' ? checkIssuer(value) : undefined;
      if (r?.ok) clean.issuer = r.value;
      else
        invalid.push({
          field: 'issuer',
          reason: r && !r.ok ? r.reason : 'it is not text',
          code: r && !r.ok ? r.code : 'ENVIRONMENT_INVALID',
        });
    } else {
      invalid.push({ field: key.slice(0, 40), reason: 'the app does not allow changing it here', code: 'ENVIRONMENT_INVALID' });
    }
  }
  return { clean, invalid };
}

function validateCustom(
  input: Record<string, unknown>,
):
  | { ok: true; value: Omit<StoredCustom, 'kind' | 'clientId' | 'redirectUri' | 'scopes'> }
  | { ok: false; reason: string; code: 'ENVIRONMENT_INVALID' | 'INSECURE_URL' } {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const name = str(input.name).trim();
  if (!name || name.length > 80 || /[\u0000-\u001f\u007f]/.test(name))
    return { ok: false, code: 'ENVIRONMENT_INVALID', reason: 'the name must be 1-80 printable characters' };
  const endpoints: Array<[keyof CustomEnvironmentInput, string, boolean]> = [
    ['authorizationEndpoint', 'authorization endpoint', true],
    ['tokenEndpoint', 'token endpoint', true],
    ['introspectionEndpoint', 'introspection endpoint', false],
    ['revocationEndpoint', 'revocation endpoint', false],
    ['apiBase', 'API base', true],
  ];
  const out: Record<string, string> = { name };
  for (const [key, label, required] of endpoints) {
    const raw = input[key];
    if (raw === undefined || raw === '') {
      if (required) return { ok: false, code: 'ENVIRONMENT_INVALID', reason: `the ${label} is missing` };
      continue;
    }
    const r = checkEndpointUrl(str(raw), { label, allowLoopbackHttp: true });
    if (!r.ok) return { ok: false, code: r.code, reason: r.reason };
    out[key] = key === 'apiBase' ? normaliseApiBase(r.value) : str(raw);
  }
  const issuer = checkIssuer(str(input.issuer));
  if (!issuer.ok) return { ok: false, code: issuer.code, reason: issuer.reason };
  out.issuer = issuer.value;
  return { ok: true, value: out as unknown as Omit<StoredCustom, 'kind' | 'clientId' | 'redirectUri' | 'scopes'> };
}

/**
 * Validation alone, without saving: lets the caller ask the user to confirm only values that
 * would be accepted (security issue 11, point 2). Throws the same failures as addCustom.
 */
export function checkCustomEnvironment(input: CustomEnvironmentInput): Omit<StoredCustom, 'kind' | 'clientId' | 'redirectUri' | 'scopes'> {
  const checked = validateCustom(input as unknown as Record<string, unknown>);
  if (!checked.ok) fail(checked.reason, checked.code);
  return checked.value;
}

/** Validation alone of an update's user-editable fields; throws the same failures as update. */
export function checkEnvironmentPatch(
  env: Pick<EnvironmentConfig, 'issuerEditable' | 'clientAuthEditable'>,
  patch: EnvironmentPatch,
): EnvironmentPatch {
  if (patch.issuer !== undefined && !env.issuerEditable) fail('the simulator reports its own issuer; it cannot be changed.');
  const { clean, invalid } = validatePatch(patch as Record<string, unknown>, env.issuerEditable, env.clientAuthEditable);
  const first = invalid[0];
  if (first) fail(`the ${first.field} is not valid: ${first.reason}`, first.code);
  return clean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface EnvironmentRegistry {
  all(): EnvironmentConfig[];
  get(id: string): EnvironmentConfig | undefined;
  activeId(): string;
  setActive(id: string): EnvironmentConfig;
  update(id: string, patch: EnvironmentPatch): EnvironmentConfig;
  /** Forgets the user's edits of a built-in environment (back to the simulator's own client). */
  restoreDefaults(id: string): EnvironmentConfig;
  addCustom(input: CustomEnvironmentInput): EnvironmentConfig;
  remove(id: string): void;
  setSimulator(info: SimulatorEndpoints | undefined, state: SimulatorState): void;
  /** The simulator's pre-provisioned secret for one of its clients (memory only, never stored). */
  builtInSecret(environmentId: string, clientId: string): string | undefined;
  /** Problems found in the stored settings at load, as notices for the UI. */
  loadNotices(): AppError[];
}

export interface EnvironmentRegistryOptions {
  /**
   * False when the OS does not route the private-use scheme to this app (a development run on
   * macOS or Linux: Electron registers schemes there only for packaged apps). The simulator
   * then defaults to its loopback redirect URI so that sign-in works out of the box.
   */
  privateSchemeRegistered?: boolean;
}

export function createEnvironmentRegistry(settings: KeyValueBackend, options: EnvironmentRegistryOptions = {}): EnvironmentRegistry {
  const preferLoopback = options.privateSchemeRegistered === false;
  const notices: AppError[] = [];
  let simulatorInfo: SimulatorEndpoints | undefined;
  let simulatorState: SimulatorState = 'not-started';
  const state = load();
  // Write back only when load dropped something, so a damaged entry does not come back.
  if (notices.length) persist();

  function load(): StoredState {
    const result: StoredState = { activeEnvironmentId: SIMULATOR_ID, overrides: new Map(), customs: new Map() };
    let raw: unknown;
    try {
      raw = settings.get(SETTINGS_KEY);
    } catch {
      raw = undefined;
    }
    if (raw === undefined) return result;
    if (!isPlainObject(raw)) {
      notices.push({
        code: 'ENVIRONMENT_INVALID',
        message: 'The saved environment settings were unreadable and were reset to the defaults.',
      });
      return result;
    }
    const envs = raw.environments;
    if (envs !== undefined && !isPlainObject(envs)) {
      notices.push({
        code: 'ENVIRONMENT_INVALID',
        message: 'The saved environment settings were unreadable and were reset to the defaults.',
      });
    }
    for (const id of isPlainObject(envs) ? Object.keys(envs) : []) {
      const entry = envs && Object.prototype.hasOwnProperty.call(envs, id) ? (envs as Record<string, unknown>)[id] : undefined;
      if (!idPattern.test(id) || id.length > 100) {
        notices.push({ code: 'ENVIRONMENT_INVALID', message: 'An unrecognised entry in the saved environments was removed.' });
        continue;
      }
      if (!isPlainObject(entry)) {
        notices.push({ code: 'ENVIRONMENT_INVALID', message: `The saved settings of environment "${id}" were unreadable and were reset.` });
        continue;
      }
      if (id === SIMULATOR_ID || id === STAGING_ID) {
        const { clean, invalid } = validatePatch(entry, id === STAGING_ID, id === SIMULATOR_ID);
        result.overrides.set(id, clean);
        if (invalid.length) {
          const name = id === STAGING_ID ? PLEO_STAGING.name : SIMULATOR.name;
          notices.push({
            code: 'ENVIRONMENT_INVALID',
            message: `Some saved settings of "${name}" were not trusted and were reset: ${invalid.map((i) => `${i.field} (${i.reason})`).join('; ')}.`,
            hint: 'Check the environment settings before signing in.',
          });
        }
        continue;
      }
      const { kind, clientId, redirectUri, scopes, clientAuth, ...rest } = entry;
      const checked =
        kind === 'custom' ? validateCustom(rest) : ({ ok: false, reason: 'unknown kind', code: 'ENVIRONMENT_INVALID' } as const);
      const editable = validatePatch({ clientId, redirectUri, scopes, clientAuth }, false, true);
      const extraKeys = Object.keys(rest).filter(
        (k) =>
          !['name', 'authorizationEndpoint', 'tokenEndpoint', 'introspectionEndpoint', 'revocationEndpoint', 'issuer', 'apiBase'].includes(
            k,
          ),
      );
      if (!checked.ok || extraKeys.length) {
        notices.push({
          code: 'ENVIRONMENT_INVALID',
          message: `The saved custom environment "${String(rest.name ?? id).slice(0, 80)}" was removed because its settings were not trusted${checked.ok ? '' : `: ${checked.reason}`}.`,
          hint: 'Add it again with https addresses.',
        });
        continue;
      }
      if (editable.invalid.length) {
        notices.push({
          code: 'ENVIRONMENT_INVALID',
          message: `Some saved settings of "${checked.value.name}" were not trusted and were reset.`,
        });
      }
      result.customs.set(id, {
        kind: 'custom',
        ...checked.value,
        clientId: editable.clean.clientId ?? '',
        redirectUri: editable.clean.redirectUri ?? DEFAULT_PRIVATE_REDIRECT_URI,
        scopes: editable.clean.scopes ?? [],
        ...(editable.clean.clientAuth ? { clientAuth: editable.clean.clientAuth } : {}),
      });
    }
    const active = raw.activeEnvironmentId;
    if (typeof active === 'string' && (active === SIMULATOR_ID || active === STAGING_ID || result.customs.has(active)))
      result.activeEnvironmentId = active;
    return result;
  }

  function persist(): void {
    const environments: Record<string, unknown> = {};
    for (const [id, patch] of state.overrides) if (Object.keys(patch).length) environments[id] = { ...patch };
    for (const [id, custom] of state.customs) environments[id] = { ...custom };
    settings.set(SETTINGS_KEY, { activeEnvironmentId: state.activeEnvironmentId, environments });
  }

  function build(id: string): EnvironmentConfig | undefined {
    if (id === SIMULATOR_ID) {
      const o = state.overrides.get(id) ?? {};
      const client = simulatorInfo?.clients[0];
      return {
        id,
        kind: 'simulator',
        name: SIMULATOR.name,
        bannerLabel: SIMULATOR.bannerLabel,
        authorizationEndpoint: simulatorInfo?.authorizationEndpoint ?? '',
        tokenEndpoint: simulatorInfo?.tokenEndpoint ?? '',
        introspectionEndpoint: simulatorInfo?.introspectionEndpoint,
        revocationEndpoint: simulatorInfo?.revocationEndpoint,
        issuer: simulatorInfo?.issuer ?? '',
        requireIssuer: true,
        apiBase: simulatorInfo ? simulatorInfo.apiBase.replace(/\/$/, '') : '',
        clientId: o.clientId ?? client?.clientId ?? '',
        redirectUri:
          o.redirectUri ??
          (preferLoopback ? client?.redirectUris.find((u) => u.startsWith('http://127.0.0.1')) : undefined) ??
          client?.redirectUris[0] ??
          DEFAULT_PRIVATE_REDIRECT_URI,
        scopes: o.scopes ?? client?.scopes ?? [],
        allowLoopbackHttp: true,
        disconnectInstallation: true,
        issuerEditable: false,
        endpointsEditable: false,
        clientAuth: o.clientAuth ?? PLEO_CLIENT_AUTH,
        clientAuthEditable: true,
        simulatorState,
      };
    }
    if (id === STAGING_ID) {
      const o = state.overrides.get(id) ?? {};
      return {
        id,
        kind: 'pleo-staging',
        name: PLEO_STAGING.name,
        bannerLabel: PLEO_STAGING.bannerLabel,
        authorizationEndpoint: PLEO_STAGING.authorizationEndpoint,
        tokenEndpoint: PLEO_STAGING.tokenEndpoint,
        introspectionEndpoint: PLEO_STAGING.introspectionEndpoint,
        issuer: o.issuer ?? PLEO_STAGING.issuer,
        requireIssuer: false,
        apiBase: PLEO_STAGING.apiBase,
        clientId: o.clientId ?? '',
        redirectUri: o.redirectUri ?? PLEO_STAGING.redirectUri,
        scopes: o.scopes ?? [...PLEO_STAGING.scopes],
        allowLoopbackHttp: false,
        disconnectInstallation: true,
        issuerEditable: true,
        endpointsEditable: false,
        clientAuth: PLEO_CLIENT_AUTH,
        clientAuthEditable: false,
      };
    }
    const c = state.customs.get(id);
    if (!c) return undefined;
    let host = c.name;
    try {
      host = new URL(c.authorizationEndpoint).host;
    } catch {
      // validated at load; keep the name
    }
    return {
      id,
      kind: 'custom',
      name: c.name,
      bannerLabel: host.toUpperCase(),
      authorizationEndpoint: c.authorizationEndpoint,
      tokenEndpoint: c.tokenEndpoint,
      introspectionEndpoint: c.introspectionEndpoint,
      revocationEndpoint: c.revocationEndpoint,
      issuer: c.issuer,
      requireIssuer: false,
      apiBase: c.apiBase,
      clientId: c.clientId,
      redirectUri: c.redirectUri,
      scopes: c.scopes,
      allowLoopbackHttp: true,
      disconnectInstallation: false,
      issuerEditable: true,
      endpointsEditable: false,
      clientAuth: c.clientAuth ?? CUSTOM_DEFAULT_CLIENT_AUTH,
      clientAuthEditable: true,
    };
  }

  const ids = () => [SIMULATOR_ID, STAGING_ID, ...state.customs.keys()];

  return {
    all: () => ids().map((id) => build(id)!),
    get: (id) => (ids().includes(id) ? build(id) : undefined),
    activeId: () => state.activeEnvironmentId,
    setActive(id) {
      const env = ids().includes(id) ? build(id) : undefined;
      if (!env) throw environmentNotFound();
      if (state.activeEnvironmentId !== id) {
        state.activeEnvironmentId = id;
        persist();
      }
      return env;
    },
    restoreDefaults(id) {
      if (id !== SIMULATOR_ID && id !== STAGING_ID) throw environmentNotFound();
      state.overrides.delete(id);
      persist();
      return build(id)!;
    },
    update(id, patch) {
      const env = ids().includes(id) ? build(id) : undefined;
      if (!env) throw environmentNotFound();
      if (patch.issuer !== undefined && !env.issuerEditable) fail('the simulator reports its own issuer; it cannot be changed.');
      if (patch.clientAuth !== undefined && !env.clientAuthEditable)
        fail('Pleo Staging always sends the Client ID and Secret the way Pleo documents (as typed, in the Basic header).');
      const { clean, invalid } = validatePatch(patch as Record<string, unknown>, env.issuerEditable, env.clientAuthEditable);
      const first = invalid[0];
      if (first) fail(`the ${first.field} is not valid: ${first.reason}`, first.code);
      const custom = state.customs.get(id);
      if (custom) {
        state.customs.set(id, {
          ...custom,
          ...(clean.clientId !== undefined ? { clientId: clean.clientId } : {}),
          ...(clean.redirectUri !== undefined ? { redirectUri: clean.redirectUri } : {}),
          ...(clean.scopes !== undefined ? { scopes: clean.scopes } : {}),
          ...(clean.issuer !== undefined ? { issuer: clean.issuer } : {}),
          ...(clean.clientAuth !== undefined ? { clientAuth: clean.clientAuth } : {}),
        });
      } else {
        state.overrides.set(id, { ...(state.overrides.get(id) ?? {}), ...clean });
      }
      persist();
      return build(id)!;
    },
    addCustom(input) {
      const { clientAuth, ...endpoints } = input;
      const checked = validateCustom(endpoints as unknown as Record<string, unknown>);
      if (!checked.ok) fail(checked.reason, checked.code);
      const auth = validatePatch({ clientAuth }, false, true);
      if (auth.invalid[0]) fail(`the ${auth.invalid[0].field} is not valid: ${auth.invalid[0].reason}`);
      if (state.customs.size >= 20) fail('there are already 20 custom environments; remove one first.');
      const id = `custom-${randomBytes(4).toString('hex')}`;
      state.customs.set(id, {
        kind: 'custom',
        ...checked.value,
        clientId: '',
        redirectUri: DEFAULT_PRIVATE_REDIRECT_URI,
        scopes: [],
        ...(auth.clean.clientAuth ? { clientAuth: auth.clean.clientAuth } : {}),
      });
      persist();
      return build(id)!;
    },
    remove(id) {
      if (!state.customs.has(id))
        throw failure('ENVIRONMENT_NOT_FOUND', 'Only custom environments can be removed.', { hint: 'The built-in ones always stay.' });
      state.customs.delete(id);
      if (state.activeEnvironmentId === id) state.activeEnvironmentId = SIMULATOR_ID;
      persist();
    },
    setSimulator(info, next) {
      simulatorInfo = info;
      simulatorState = next;
    },
    builtInSecret(environmentId, clientId) {
      if (environmentId !== SIMULATOR_ID || !simulatorInfo) return undefined;
      return simulatorInfo.clients.find((c) => c.clientId === clientId)?.clientSecret;
    },
    loadNotices: () => [...notices],
  };
}
