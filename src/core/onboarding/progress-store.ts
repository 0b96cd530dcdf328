/**
 * Checklist progress per environment + Client ID, in the settings backend (non-secret only:
 * evidence summaries, scopes, statuses, who confirmed). A record that fails validation is
 * dropped rather than trusted (settings may be hand-edited or from an older version).
 */
import { z } from 'zod';
import { STEP_IDS, type OnboardingDetails, type StepEvidence } from '../../shared/onboarding.js';
import type { KeyValueBackend } from '../ports.js';

/** Evidence kept per step; older entries fall off so the settings file stays small. */
export const MAX_EVIDENCE_PER_STEP = 20;

export const EMPTY_DETAILS: OnboardingDetails = {
  company: '',
  targetErp: '',
  plannedUsage: '',
  clientName: '',
  clientUri: '',
  contactEmail: '',
};

const evidenceSchema = z.object({
  id: z.string(),
  stepId: z.enum(STEP_IDS),
  at: z.number(),
  outcome: z.enum(['passed', 'failed', 'info']),
  how: z.enum(['automatic', 'manual']),
  checked: z.string(),
  result: z.string(),
  errorCode: z.string().optional(),
  facts: z
    .object({
      grantedScopes: z.array(z.string()).optional(),
      requestedScopes: z.array(z.string()).optional(),
      subject: z.string().optional(),
      httpStatus: z.number().optional(),
      rotated: z.boolean().optional(),
      itemCount: z.number().optional(),
      confirmedBy: z.string().optional(),
    })
    .optional(),
});

const recordSchema = z.object({
  version: z.literal(1),
  details: z.object({
    company: z.string(),
    targetErp: z.string(),
    plannedUsage: z.string(),
    clientName: z.string(),
    clientUri: z.string(),
    contactEmail: z.string(),
  }),
  evidence: z.array(evidenceSchema),
});

export interface ProgressRecord {
  version: 1;
  details: OnboardingDetails;
  /** Oldest first. */
  evidence: StepEvidence[];
}

export const emptyRecord = (): ProgressRecord => ({ version: 1, details: { ...EMPTY_DETAILS }, evidence: [] });

/**
 * conf/electron-store read dots in keys as nesting, so ids are encoded to keep one record per
 * key whatever characters the environment id or Client ID contain.
 */
const encode = (part: string): string => encodeURIComponent(part || '(none)').replace(/\./g, '%2E');

export function progressKey(environmentId: string, clientId: string): string {
  return `onboarding.${encode(environmentId)}.${encode(clientId)}`;
}

export function createProgressStore(backend: KeyValueBackend) {
  return {
    read(environmentId: string, clientId: string): ProgressRecord {
      const parsed = recordSchema.safeParse(backend.get(progressKey(environmentId, clientId)));
      return parsed.success ? (parsed.data as ProgressRecord) : emptyRecord();
    },
    write(environmentId: string, clientId: string, record: ProgressRecord): void {
      backend.set(progressKey(environmentId, clientId), trim(record));
    },
    reset(environmentId: string, clientId: string): void {
      backend.delete(progressKey(environmentId, clientId));
    },
  };
}
export type ProgressStore = ReturnType<typeof createProgressStore>;

function trim(record: ProgressRecord): ProgressRecord {
  const counts = new Map<string, number>();
  const kept: StepEvidence[] = [];
  for (const e of [...record.evidence].reverse()) {
    const n = counts.get(e.stepId) ?? 0;
    if (n < MAX_EVIDENCE_PER_STEP) kept.push(e);
    counts.set(e.stepId, n + 1);
  }
  return { ...record, evidence: kept.reverse() };
}
