/**
 * Channels of the pre-flight doctor (issue 15): run the checks for an environment, read the
 * last result, copy it for the partner's IT team. Results hold host names, the proxy in use
 * (never its credentials), certificate issuers and plain-language advice; never a secret.
 */
import { z } from 'zod';
import { event, request } from './define.js';

export type DoctorStatus = 'pass' | 'warn' | 'fail' | 'skip';

export type DoctorCheckId =
  'proxy' | 'dns-auth' | 'tls-auth' | 'dns-api' | 'tls-api' | 'clock' | 'keychain' | 'callback-scheme' | 'redirect-uri' | 'loopback-port';

export interface DoctorFact {
  label: string;
  value: string;
}

export interface DoctorCheck {
  id: DoctorCheckId;
  /** e.g. "Secure connection to the sign-in server". */
  title: string;
  status: DoctorStatus;
  /** What was found, in plain words. */
  summary: string;
  /** What to do about it (absent when nothing needs doing). */
  action?: string;
  facts?: DoctorFact[];
}

export interface DoctorReport {
  environmentId: string;
  environmentName: string;
  environmentKind: 'simulator' | 'pleo-staging' | 'custom';
  ranAt: number;
  /** The worst status of all checks ('skip' never counts). */
  overall: Exclude<DoctorStatus, 'skip'>;
  checks: DoctorCheck[];
  /** The whole result as plain text for IT (what "Copy for IT" copies). */
  text: string;
}

const environmentId = z.string().min(1).max(200).optional();

export const diagnosticsChannels = {
  'diagnostics.run': request<DoctorReport>()(
    z.strictObject({ environmentId }),
    'Run the pre-flight doctor for an environment (default: the active one).',
  ),
  'diagnostics.last': request<{ report?: DoctorReport; needsRun: boolean }>()(
    z.strictObject({ environmentId }),
    'The last doctor result this run, and whether the doctor should run before the first sign-in.',
  ),
  'diagnostics.copy': request<{ copied: true }>()(
    z.strictObject({ environmentId }),
    "Copy the last doctor result as plain text (no secrets) for the partner's IT team.",
  ),
} as const;

export const diagnosticsEvents = {
  'diagnostics.finished': event<DoctorReport>('The doctor finished a run (on demand or before a first sign-in).'),
} as const;

/**
 * Error codes whose cause is the network between this computer and the server (proxy, DNS,
 * TLS inspection, firewall): the sign-in and explorer errors with these link to the doctor.
 */
export const NETWORK_ERROR_CODES: readonly string[] = [
  'AS_UNAVAILABLE',
  'AS_TIMEOUT',
  'TLS_ERROR',
  'NETWORK_ERROR',
  'REQUEST_TIMEOUT',
  'CONNECTION_INTERRUPTED',
];

export function isNetworkErrorCode(code: string | undefined): boolean {
  return code !== undefined && NETWORK_ERROR_CODES.includes(code);
}
