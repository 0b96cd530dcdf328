/**
 * The "Export expenses" checklist: seven steps after the staging checklist, each proven by
 * evidence the app recorded while doing the real thing (the same model as onboarding: newest
 * evidence decides the status). Evidence is non-secret and kept per environment in settings.
 */
import type { ExportStepEvidence, ExportStepId, ExportStepStatus, ExportStepView } from '../../shared/contract/export-channels.js';
import { EXPORT_STEP_IDS } from '../../shared/contract/export-channels.js';
import type { KeyValueBackend } from '../ports.js';

const DEFS: Record<ExportStepId, { title: string; explanation: string }> = {
  'find-job': {
    title: 'Find the oldest waiting export job',
    explanation: 'Lists pending and in-progress jobs and takes the oldest. Pleo asks integrations never to run two jobs in parallel.',
  },
  'claim-job': {
    title: 'Claim the job',
    explanation: 'Sends the "started" event, so Pleo marks the job in progress and no other integration takes it.',
  },
  'validate-target': {
    title: 'Validate the target',
    explanation: 'Checks that the chosen file (CSV or Excel workbook) can be written and shows which item field goes into which column.',
  },
  'fetch-items': {
    title: 'Fetch every export item',
    explanation: 'Pages through GET /v3/export-items for the job until the last page, one page in memory at a time.',
  },
  'record-items': {
    title: 'Record the items in the target',
    explanation:
      'Writes each page to the file before reporting it, so every reported item is in the file. An Excel workbook is written from a staging CSV file once every item is reported.',
  },
  'report-statuses': {
    title: 'Report item statuses',
    explanation: 'Tells Pleo which items were exported and which failed (at most 100 per request), and handles items Pleo refuses.',
  },
  'complete-job': {
    title: 'Complete the job',
    explanation: 'Sends "completed", "completed_with_errors" or "failed" with a failure type, then reads the job back to confirm.',
  },
};

const MAX_EVIDENCE = 6;
const keyOf = (environmentId: string) => `export.evidence.${environmentId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export interface StepEvidenceStore {
  add(environmentId: string, step: ExportStepId, evidence: ExportStepEvidence): void;
  /** Marks a step as running (not persisted: a restart shows the last evidence). */
  setRunning(environmentId: string, step: ExportStepId, running: boolean): void;
  /** Forgets the evidence of the steps after `from` (a new job starts the list again). */
  resetFrom(environmentId: string, from: ExportStepId): void;
  steps(environmentId: string): ExportStepView[];
}

export function createStepEvidenceStore(settings: KeyValueBackend): StepEvidenceStore {
  const running = new Map<string, Set<ExportStepId>>();
  const read = (environmentId: string): Partial<Record<ExportStepId, ExportStepEvidence[]>> => {
    const raw = settings.get(keyOf(environmentId));
    return raw && typeof raw === 'object' ? (raw as Partial<Record<ExportStepId, ExportStepEvidence[]>>) : {};
  };
  return {
    add(environmentId, step, evidence) {
      const all = read(environmentId);
      const list = [...(all[step] ?? []), evidence].slice(-MAX_EVIDENCE);
      settings.set(keyOf(environmentId), { ...all, [step]: list });
    },
    setRunning(environmentId, step, on) {
      let set = running.get(environmentId);
      if (!set) running.set(environmentId, (set = new Set()));
      if (on) set.add(step);
      else set.delete(step);
    },
    resetFrom(environmentId, from) {
      const all = read(environmentId);
      const start = EXPORT_STEP_IDS.indexOf(from);
      for (const id of EXPORT_STEP_IDS.slice(start)) delete all[id];
      settings.set(keyOf(environmentId), all);
    },
    steps(environmentId) {
      const all = read(environmentId);
      const active = running.get(environmentId) ?? new Set();
      return EXPORT_STEP_IDS.map((id, index) => {
        const evidence = all[id] ?? [];
        const newest = [...evidence].reverse().find((e) => e.outcome !== 'info');
        let status: ExportStepStatus = newest ? (newest.outcome === 'passed' ? 'done' : 'failed') : 'not-started';
        if (active.has(id)) status = 'in-progress';
        return { id, number: index + 1, title: DEFS[id].title, explanation: DEFS[id].explanation, status, evidence };
      });
    },
  };
}
