/**
 * Assembles the ChecklistView the renderer shows from the stored record, the environment and
 * live sign-in state. Pure apart from its inputs, so it is unit-tested without the engine.
 */
import type { EnvironmentSummary } from '../../shared/environments.js';
import type { ChecklistView, StepAction, StepId, StepView } from '../../shared/onboarding.js';
import { deriveStatus, type StatusContext } from './derive-status.js';
import { preparedItems } from './prepared-texts.js';
import type { ProgressRecord } from './progress-store.js';
import { STEP_DEFINITIONS, stepWords } from './step-definitions.js';

/** Evidence shown per step on screen (the report shows the same). */
export const EVIDENCE_SHOWN = 5;

export interface ViewInputs {
  env: EnvironmentSummary;
  record: ProgressRecord;
  flowPending: boolean;
  pdfAvailable: boolean;
  /** The environment holds a valid session now. */
  signedIn?: boolean;
}

export function proofKind(stepId: StepId, simulator: boolean): StepView['proof'] {
  if (stepId === 'export-next') return 'none';
  if (stepId === 'access-requested' || stepId === 'client-registered') return 'manual';
  if (stepId === 'staging-access') return simulator ? 'automatic' : 'manual';
  return 'automatic';
}

function actionsFor(stepId: StepId, simulator: boolean, env: EnvironmentSummary): StepAction[] {
  switch (stepId) {
    case 'access-requested':
      return ['save-details', 'confirm'];
    case 'client-registered':
      return ['confirm'];
    case 'staging-access':
      return simulator ? ['run-check'] : ['open-staging', 'confirm'];
    case 'credentials-stored':
      return env.hasClientSecret ? ['credential-probe', 'open-connect'] : ['open-connect'];
    case 'authorized':
      return ['open-connect'];
    case 'refresh-works':
      return ['refresh'];
    case 'first-api-call':
      return ['run-check'];
    case 'export-next':
      return ['open-explorer'];
  }
}

/**
 * Known-bad input the app warns about blocks the confirmation it would make untrue: Pleo
 * refuses a client name containing "Pleo", so "registration sent" cannot be confirmed with it.
 */
export function confirmBlocked(stepId: StepId, details: ProgressRecord['details']): string | undefined {
  if (stepId === 'client-registered' && /pleo/i.test(details.clientName)) {
    return 'Pleo does not accept "Pleo" in the client name. Change the client name in step 1 before you send the registration.';
  }
  return undefined;
}

export function buildView({ env, record, flowPending, pdfAvailable, signedIn = false }: ViewInputs): ChecklistView {
  const simulator = env.kind === 'simulator';
  const ctx: StatusContext = {
    hasClientSecret: env.hasClientSecret,
    flowPending,
    signedIn,
    detailsSaved: !!(record.details.company || record.details.targetErp || record.details.plannedUsage),
  };
  const steps: StepView[] = STEP_DEFINITIONS.map((def, index) => {
    const status = deriveStatus(def.id, record.evidence, ctx);
    const prepared = preparedItems(def.id, record.details, env);
    const own = record.evidence.filter((e) => e.stepId === def.id && e.outcome === 'passed');
    const deciding = own.reduce<(typeof own)[number] | undefined>((a, e) => (!a || e.at >= a.at ? e : a), undefined);
    const selfConfirmed = status === 'done' && deciding?.how === 'manual';
    const blockedReason = confirmBlocked(def.id, record.details);
    return {
      id: def.id,
      number: index + 1,
      title: def.title,
      status,
      proof: proofKind(def.id, simulator),
      ...stepWords(def, status, simulator),
      evidence: record.evidence
        .filter((e) => e.stepId === def.id)
        .slice(-EVIDENCE_SHOWN)
        .reverse(),
      actions: actionsFor(def.id, simulator, env),
      ...(prepared ? { prepared } : {}),
      ...(def.id === 'export-next' ? { comingNext: true } : {}),
      ...(selfConfirmed ? { selfConfirmed: true } : {}),
      ...(def.links?.length ? { links: def.links } : {}),
      ...(blockedReason ? { blockedReason } : {}),
    };
  });
  const counted = steps.filter((s) => !s.comingNext);
  return {
    environmentId: env.id,
    environmentName: env.name,
    environmentKind: env.kind,
    clientId: env.clientId,
    steps,
    done: counted.filter((s) => s.status === 'done').length,
    selfConfirmed: counted.filter((s) => s.selfConfirmed).length,
    total: counted.length,
    details: record.details,
    pdfAvailable,
  };
}
