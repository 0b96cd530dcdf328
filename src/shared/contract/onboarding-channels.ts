/**
 * Channels of the onboarding checklist and the readiness report (issue 5). Merged in
 * ./index.ts. Every request names its environment optionally (default: the active one);
 * progress is kept per environment + Client ID in main.
 */
import { z } from 'zod';
import { event, request } from './define.js';
import { environmentId, environmentRequest, withEnvironment } from './environment-id.js';
import type { AppError } from '../result.js';
import type { ChecklistView, ReportModel } from '../onboarding.js';

/** Free text the user types for step 1's request text; plain text, length-limited. */
const detail = (max: number) => z.string().max(max);

export const MANUAL_STEP_IDS = ['access-requested', 'client-registered', 'staging-access'] as const;
/** Steps whose proof main can run on request. */
export const CHECKABLE_STEP_IDS = ['staging-access', 'credentials-stored', 'refresh-works', 'first-api-call'] as const;
export const COPYABLE_STEP_IDS = ['access-requested', 'client-registered'] as const;
export type ManualStepId = (typeof MANUAL_STEP_IDS)[number];
export type CheckableStepId = (typeof CHECKABLE_STEP_IDS)[number];
export type CopyableStepId = (typeof COPYABLE_STEP_IDS)[number];

export interface RunCheckResult {
  view: ChecklistView;
  passed: boolean;
  /** Why the check failed, in the catalogue's terms (contract E1). */
  error?: AppError;
}

export interface ReportPreview {
  html: string;
  model: ReportModel;
  fileName: string;
}

export const onboardingChannels = {
  'onboarding.get': environmentRequest<ChecklistView>(
    'The checklist of an environment (default: the active one) with status and evidence per step.',
  ),
  'onboarding.saveDetails': request<ChecklistView>()(
    withEnvironment({
      company: detail(120).optional(),
      targetErp: detail(120).optional(),
      plannedUsage: detail(1000).optional(),
      clientName: detail(120).optional(),
      clientUri: detail(300).optional(),
      contactEmail: detail(200).optional(),
    }),
    "Save the details used to prepare the texts for Pleo's forms (steps 1 and 2). Non-secret.",
  ),
  'onboarding.undoConfirm': request<ChecklistView>()(
    withEnvironment({ stepId: z.enum(MANUAL_STEP_IDS) }),
    'Withdraw the latest manual confirmation of a step (undo a tick made by mistake).',
  ),
  'onboarding.confirmManual': request<ChecklistView>()(
    withEnvironment({
      stepId: z.enum(MANUAL_STEP_IDS),
      confirmedBy: z.string().trim().min(1).max(80),
    }),
    'Record a manual confirmation of a step: who confirmed it and when.',
  ),
  'onboarding.runCheck': request<RunCheckResult>()(
    withEnvironment({ stepId: z.enum(CHECKABLE_STEP_IDS) }),
    'Run the automatic proof of a step (simulator answering, credential probe, refresh with rotation, GET /v2/employees).',
  ),
  'onboarding.copy': request<{ copied: true }>()(
    withEnvironment({ stepId: z.enum(COPYABLE_STEP_IDS), itemId: z.string().min(1).max(40) }),
    'Copy one prepared value (e.g. the exact redirect URI) to the clipboard. Main copies its own text.',
  ),
  'onboarding.reset': request<ChecklistView>()(
    z.strictObject({ environmentId }),
    'Forget the checklist progress of this environment + Client ID and start over (tokens are kept).',
  ),
  'report.preview': environmentRequest<ReportPreview>(
    'The readiness report (self-contained HTML, secrets redacted) and the model it was rendered from.',
  ),
  'report.export': request<{ saved: boolean; path?: string }>()(
    withEnvironment({ format: z.enum(['html', 'pdf']) }),
    'Save the readiness report as HTML, or as PDF where the host can render PDFs.',
  ),
} as const;

export const onboardingEvents = {
  'onboarding.changed': event<ChecklistView>('The checklist of an environment changed (evidence, confirmation, reset).'),
} as const;
