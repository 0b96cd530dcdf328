/**
 * "Save a support bundle": one JSON file with what a supporter needs to help (app and runtime
 * versions, where data is kept, the non-secret settings and the recent log), redacted with the
 * core's redaction (logging/redact.ts) twice over: every value on the way in (secret-looking
 * keys masked, OAuth query parameters and bearer credentials stripped, every secret currently
 * held in memory masked), and the finished text once more, so a secret that reached a log line
 * before it was registered is still masked. Secrets never live in settings or in the log by
 * design; this is the belt to those braces (test/unit/app/support-bundle.test.ts).
 */
import type { AboutInfo } from '../../shared/contract/app-channels.js';
import type { LogRecord } from '../logging/logger.js';
import type { Redactor } from '../logging/redact.js';

export const SUPPORT_BUNDLE_FORMAT = 'pleo-partner-desktop/support-bundle@1';
/** Log records kept in a bundle: the most recent ones. */
export const SUPPORT_BUNDLE_LOG_LIMIT = 500;

export interface SupportBundleInput {
  about: Omit<AboutInfo, 'licences' | 'licencesNote'>;
  settings: Record<string, unknown>;
  log: readonly LogRecord[];
  createdAt: Date;
  /** The core's redactor: patterns plus every secret this core holds right now. */
  redactor: Pick<Redactor, 'value' | 'text'>;
}

export function buildSupportBundle(input: SupportBundleInput): string {
  const { redactor } = input;
  const log = input.log.slice(-SUPPORT_BUNDLE_LOG_LIMIT).map((record) => redactor.value(record));
  const settings: Record<string, unknown> = {};
  // Per top-level key, so redact's array and depth limits apply inside each key, not to the set.
  for (const [key, value] of Object.entries(input.settings))
    settings[key] = (redactor.value({ [key]: value }) as Record<string, unknown>)[key];
  const bundle = {
    format: SUPPORT_BUNDLE_FORMAT,
    createdAt: input.createdAt.toISOString(),
    note: 'Redacted: client secrets, tokens, codes and state values are never included.',
    app: redactor.value(input.about),
    settings,
    log,
  };
  return redactor.text(JSON.stringify(bundle, null, 2));
}

export function supportBundleFileName(createdAt: Date): string {
  return `pleo-partner-desktop-support-${createdAt.toISOString().slice(0, 19).replaceAll(':', '-')}.json`;
}
