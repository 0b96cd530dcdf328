/**
 * What the onboarding checklist and the readiness report look like to the renderer. Nothing
 * here is secret: evidence carries scopes, statuses, HTTP codes and plain-language summaries,
 * never a token or the Client Secret. Values that should not be shown on a projector (Client
 * ID, subject) are marked so the UI wraps them in <Sensitive>.
 */

/** The steps of Pleo's "OAuth 2.0 Access to Staging" workflow, in order. */
import type { ReportSection } from './report-sections.js';
export const STEP_IDS = [
  'access-requested',
  'client-registered',
  'staging-access',
  'credentials-stored',
  'authorized',
  'refresh-works',
  'first-api-call',
  'export-next',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type StepStatus = 'not-started' | 'in-progress' | 'done' | 'failed';

/** How a step is proven: by a check the app runs, or by a person confirming it. */
export type ProofKind = 'automatic' | 'manual' | 'none';

export interface StepEvidence {
  id: string;
  stepId: StepId;
  /** Epoch ms. */
  at: number;
  /** passed/failed decide the step; info is history only (e.g. "secret saved, not checked yet"). */
  outcome: 'passed' | 'failed' | 'info';
  how: 'automatic' | 'manual';
  /** What was checked, e.g. "GET /v2/employees with the access token". */
  checked: string;
  /** The result in plain language, e.g. "200 OK: 12 employees". */
  result: string;
  errorCode?: string;
  facts?: {
    grantedScopes?: string[];
    requestedScopes?: string[];
    /** Sensitive: masked in presenter mode and in the report. */
    subject?: string;
    httpStatus?: number;
    rotated?: boolean;
    itemCount?: number;
    /** Manual confirmations: who confirmed (a name, max 80 characters). */
    confirmedBy?: string;
  };
}

/** Something the user can do from a step card. The renderer maps each to a button. */
export type StepAction =
  'save-details' | 'confirm' | 'run-check' | 'credential-probe' | 'open-connect' | 'refresh' | 'open-staging' | 'open-explorer';

/** A value the app prepared for the user to paste into one of Pleo's forms. */
export interface PreparedItem {
  id: string;
  label: string;
  value: string;
  /** Mask in presenter mode (e.g. contact email). */
  sensitive?: boolean;
  /** Short note shown under the value (e.g. "must match exactly"). */
  note?: string;
}

export interface StepView {
  id: StepId;
  number: number;
  title: string;
  status: StepStatus;
  proof: ProofKind;
  /** How this step is proven, in plain language. */
  proofText: string;
  /** What to do next, given the current status. */
  whatToDo: string;
  /** Most recent first. */
  evidence: StepEvidence[];
  actions: StepAction[];
  prepared?: PreparedItem[];
  /** Step 8: shown as "coming next", not counted in progress. */
  comingNext?: boolean;
  /** Done because a person said so (a manual confirmation), not because the app checked it. */
  selfConfirmed?: boolean;
  /** Pleo's own pages for this step (allowlisted https links, opened in the system browser). */
  links?: Array<{ label: string; url: string }>;
  /** Why the step's confirmation is refused right now (known-bad input), if it is. */
  blockedReason?: string;
}

export interface OnboardingDetails {
  company: string;
  targetErp: string;
  plannedUsage: string;
  clientName: string;
  clientUri: string;
  contactEmail: string;
}

export interface ChecklistView {
  environmentId: string;
  environmentName: string;
  environmentKind: 'simulator' | 'pleo-staging' | 'custom';
  /** Sensitive. Empty when no Client ID is set yet. */
  clientId: string;
  steps: StepView[];
  done: number;
  /** Of the done steps, how many only a person confirmed (the rest the app proved). */
  selfConfirmed: number;
  /** Steps that count towards readiness (all but "coming next"). */
  total: number;
  details: OnboardingDetails;
  /** True when the host can render PDFs (Electron's printToPDF); false in the browser host. */
  pdfAvailable: boolean;
}

/** The readiness report as data: the HTML file and the in-app preview render the same model. */
export interface ReportModel {
  title: string;
  generatedAt: number;
  appVersion: string;
  environmentName: string;
  environmentKind: ChecklistView['environmentKind'];
  /** The partner's company as typed in step 1 (empty when not filled in). */
  company: string;
  apiBase: string;
  /** Already masked, e.g. "…c0de". */
  clientIdMasked: string;
  done: number;
  selfConfirmed: number;
  total: number;
  /** True for a simulator run: the report then says so unmistakably (it proves nothing about Pleo). */
  simulator: boolean;
  steps: Array<{
    number: number;
    title: string;
    status: StepStatus;
    proofText: string;
    comingNext?: boolean;
    selfConfirmed?: boolean;
    evidence: Array<{ at: number; how: 'automatic' | 'manual'; outcome: StepEvidence['outcome']; checked: string; result: string }>;
  }>;
  notes: string[];
  /** Sections added by other features (e.g. the export run), after the checklist. */
  sections?: ReportSection[];
}

export const STATUS_LABELS: Record<StepStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Proven',
  failed: 'Failed',
};

/** A done step a person confirmed (not checked by the app) has its own label and icon. */
export const SELF_CONFIRMED_LABEL = 'Self-confirmed';
export const SELF_CONFIRMED_ICON = '☑';

/** "5 of 7 steps proven, 2 self-confirmed": ticked steps are never counted as proven. */
export function progressHeadline(p: { done: number; selfConfirmed: number; total: number }): string {
  const proven = p.done - p.selfConfirmed;
  return `${proven} of ${p.total} steps proven${p.selfConfirmed ? `, ${p.selfConfirmed} self-confirmed` : ''}`;
}

/** Icons go with the text label: status is never shown by colour alone. */
export const STATUS_ICONS: Record<StepStatus, string> = {
  'not-started': '○',
  'in-progress': '◐',
  done: '✓',
  failed: '✗',
};
