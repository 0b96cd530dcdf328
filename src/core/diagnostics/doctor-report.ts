/**
 * The doctor's result as plain text for the partner's IT team: app version, platform,
 * environment hosts, every check with its status word, facts and advice. Built only from the
 * checks' own fields (host names, proxy without credentials, issuers), so no secret can be in
 * it; the logger's redaction runs over it once more before it is copied.
 */
import type { DoctorCheck, DoctorReport, DoctorStatus } from '../../shared/contract/diagnostics-channels.js';

const WORD: Record<DoctorStatus, string> = { pass: 'PASS', warn: 'WARNING', fail: 'FAIL', skip: 'NOT NEEDED' };

export function overallOf(checks: DoctorCheck[]): DoctorReport['overall'] {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  return 'pass';
}

export function reportText(input: {
  appName: string;
  appVersion: string;
  platform: string;
  environmentName: string;
  hosts: string[];
  ranAt: number;
  checks: DoctorCheck[];
}): string {
  const failed = input.checks.filter((c) => c.status === 'fail').length;
  const warned = input.checks.filter((c) => c.status === 'warn').length;
  const overall = overallOf(input.checks);
  const lines = [
    `${input.appName} ${input.appVersion}: network and setup check`,
    `Checked: ${new Date(input.ranAt).toISOString()} on ${input.platform}`,
    `Environment: ${input.environmentName}${input.hosts.length ? ` (${input.hosts.join(', ')})` : ''}`,
    `Result: ${WORD[overall]}${failed || warned ? ` (${failed} failed, ${warned} with a warning)` : ''}`,
    '',
  ];
  for (const check of input.checks) {
    lines.push(`[${WORD[check.status]}] ${check.title}: ${check.summary}`);
    for (const fact of check.facts ?? []) lines.push(`    ${fact.label}: ${fact.value}`);
    if (check.action) lines.push(`    What to do: ${check.action}`);
  }
  return lines.join('\n');
}
