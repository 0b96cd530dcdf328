/**
 * The readiness report as data, built from the checklist view. This is where the report is
 * made presenter-safe: the Client ID is cut to its last characters, subjects and "who is
 * signed in" facts are left out, and only our own evidence sentences are carried over.
 */
import type { ChecklistView, ReportModel } from '../../shared/onboarding.js';

const PROOF_LABELS = { automatic: 'Automatic proof', manual: 'Manual confirmation', none: 'Not proven here' } as const;

export function maskIdentifier(value: string): string {
  if (!value) return 'not set';
  return value.length <= 4 ? '…' : `…${value.slice(-4)}`;
}

export function buildReportModel(view: ChecklistView, info: { appVersion: string; apiBase: string; now: number }): ReportModel {
  return {
    title:
      view.environmentKind === 'simulator' ? 'Pleo integration readiness report: SIMULATOR rehearsal' : 'Pleo integration readiness report',
    generatedAt: info.now,
    appVersion: info.appVersion,
    environmentName: view.environmentName,
    environmentKind: view.environmentKind,
    company: view.details.company,
    apiBase: safeOrigin(info.apiBase),
    clientIdMasked: maskIdentifier(view.clientId),
    done: view.done,
    selfConfirmed: view.selfConfirmed,
    total: view.total,
    simulator: view.environmentKind === 'simulator',
    steps: view.steps.map((s) => ({
      number: s.number,
      title: s.title,
      status: s.status,
      proofText: `${PROOF_LABELS[s.proof]}: ${s.proofText}`,
      ...(s.comingNext ? { comingNext: true } : {}),
      ...(s.selfConfirmed ? { selfConfirmed: true } : {}),
      evidence: s.evidence.map((e) => ({
        at: e.at,
        how: e.how,
        outcome: e.outcome,
        checked: e.checked,
        result: e.how === 'manual' && e.facts?.confirmedBy ? `${e.result} Confirmed by ${e.facts.confirmedBy}.` : e.result,
      })),
    })),
    notes: [
      'Secrets are never included: no Client Secret, access token, refresh token or authorization code appears in this report.',
      'Identifiers are shortened (Client ID shows only its last characters) so the report can be shown on screen or shared.',
      view.environmentKind === 'simulator'
        ? 'Evidence comes from the built-in simulator (dummy data), not from Pleo staging: it shows the app works, not that your client has access to Pleo.'
        : 'Evidence comes from the environment named above.',
      '"Self-confirmed" steps were ticked by a person; the app could not check them. "Proven" steps were checked by the app.',
    ],
  };
}

/** Only scheme, host and port of the API base: no path, query or embedded credentials. */
function safeOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return 'unknown';
  }
}
