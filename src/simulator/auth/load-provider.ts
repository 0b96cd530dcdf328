import type ProviderClass from 'oidc-provider';

/**
 * Loads oidc-provider lazily. Its import prints "Unsupported runtime" on Node 20 and it logs
 * development notices through console.warn / console.info (the latter goes to stdout, which
 * would break the CLI's one-JSON-line contract). A quiet simulator installs a filter that drops
 * exactly those lines: they start with "oidc-provider WARNING:" or "oidc-provider NOTICE:".
 */

type ConsoleMethod = (...args: unknown[]) => void;

const NOISE = /oidc-provider (WARNING|NOTICE):/;
let filterInstalled = false;

export function silenceOidcProviderNoise(): void {
  if (filterInstalled) return;
  filterInstalled = true;
  for (const name of ['warn', 'info'] as const) {
    const original = console[name].bind(console) as ConsoleMethod;
    console[name] = ((...args: unknown[]) => {
      if (typeof args[0] === 'string' && NOISE.test(args[0])) return;
      original(...args);
    }) as typeof console.warn;
  }
}

interface ProviderModule {
  Provider: typeof ProviderClass;
  errors: Record<string, new (...args: never[]) => Error>;
}

let loading: Promise<ProviderModule> | undefined;

export function loadProvider(quiet: boolean): Promise<ProviderModule> {
  if (quiet) silenceOidcProviderNoise();
  loading ??= import('oidc-provider').then((mod) => ({
    Provider: mod.default,
    errors: mod.errors as unknown as ProviderModule['errors'],
  }));
  return loading;
}
