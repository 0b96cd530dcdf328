/**
 * The onboarding checklist (issue 5): records evidence from the sign-in engine and from its own
 * checks, keeps progress per environment + Client ID, and serves the checklist, manual
 * confirmations, checks, copy-to-clipboard and the readiness report over IPC.
 */
import { randomUUID } from 'node:crypto';
import type { CoreServices } from '../core-services.js';
import type { Feature } from '../feature/feature.js';
import type { AuthEvidence, AuthFeatureApi } from '../auth/auth-api.js';
import { requireEnvironment } from '../auth/require-environment.js';
import type { ExplorerFeatureApi } from '../explorer/explorer-feature.js';
import { PENDING_SIGN_IN_PHASES, type EnvironmentSummary } from '../../shared/environments.js';
import type { ChecklistView, OnboardingDetails, StepEvidence } from '../../shared/onboarding.js';
import type { RunCheckResult } from '../../shared/contract/onboarding-channels.js';
import { failure } from '../../shared/result.js';
import { createReportHandlers } from '../report/report-handlers.js';
import { buildView, confirmBlocked, proofKind } from './build-view.js';
import { checkFirstApiCall, checkSimulatorAnswering, type CheckOutcome } from './checks.js';
import { evidenceFromAuth } from './evidence-from-auth.js';
import { preparedItems } from './prepared-texts.js';
import { createProgressStore } from './progress-store.js';
import { createEngineChecks } from './engine-checks.js';

export interface OnboardingFeatureApi {
  /** The checklist of an environment (default: the active one). */
  view(environmentId?: string): Promise<ChecklistView>;
  /** Records evidence for an environment + client (used by the auth bridge and by tests). */
  record(environmentId: string, clientId: string, evidence: Omit<StepEvidence, 'id'>): void;
}

const PENDING_PHASES = new Set<string>(PENDING_SIGN_IN_PHASES);

export function createOnboardingFeature(
  services: CoreServices,
  deps: { auth: AuthFeatureApi; explorer: ExplorerFeatureApi; fetch?: typeof fetch },
): Feature<OnboardingFeatureApi> {
  const { auth, explorer } = deps;
  const store = createProgressStore(services.settings);
  const pendingFlows = new Set<string>();
  /** Injectable for unit tests; otherwise the network seam (net.fetch in the app, undici in Node). */
  const fetchImpl: typeof fetch = deps.fetch ?? (services.network.fetch as typeof fetch);

  const envOrThrow = (environmentId?: string): EnvironmentSummary => requireEnvironment(auth, environmentId);

  const view = async (environmentId?: string): Promise<ChecklistView> => {
    const env = envOrThrow(environmentId);
    return buildView({
      env,
      record: store.read(env.id, env.clientId),
      flowPending: pendingFlows.has(env.id),
      pdfAvailable: !!services.ports.pdfRenderer,
      signedIn: await auth.status(env.id).then(
        (s) => s.signedIn,
        () => false,
      ),
    });
  };

  /** Builds the view once, emits it and returns it (handlers answer with the same view). */
  const changed = async (environmentId: string): Promise<ChecklistView> => {
    const v = await view(environmentId);
    services.events.emit('onboarding.changed', v);
    return v;
  };
  const emitChanged = (environmentId: string): void => {
    changed(environmentId).catch(() => undefined);
  };

  const record = (environmentId: string, clientId: string, evidence: Omit<StepEvidence, 'id'>): void => {
    const rec = store.read(environmentId, clientId);
    rec.evidence.push({ ...evidence, id: randomUUID() });
    store.write(environmentId, clientId, rec);
  };

  /** Warnings a passing check disproves: a stale "rejected the Client ID or Secret" must go. */
  const withdrawDisproved = (e: AuthEvidence): void => {
    const accepted =
      (e.kind === 'credentials-checked' && e.details.credentialCheck?.outcome === 'accepted') ||
      e.kind === 'signed-in' ||
      e.kind === 'refreshed';
    if (!accepted) return;
    for (const code of ['CLIENT_SECRET_REJECTED', 'CREDENTIALS_MISSING'])
      services.notify({ level: 'info', code, message: '', withdrawn: true });
  };

  const onAuthEvidence = (e: AuthEvidence): void => {
    try {
      withdrawDisproved(e);
      for (const draft of evidenceFromAuth(e)) record(e.environmentId, e.clientId, draft);
      emitChanged(e.environmentId);
    } catch (error) {
      // Evidence is best-effort: a settings write failure must not break the sign-in itself.
      services.logger.warn('onboarding: could not record evidence', {
        kind: e.kind,
        error: error instanceof Error ? error.name : typeof error,
      });
    }
  };
  const offEvidence = auth.onEvidence(onAuthEvidence);

  // A successful GET /v2/employees made in the API explorer proves step 7 as well. Failures
  // there are the user exploring, so only the checklist's own check records a failure.
  const offExplorer = explorer.onCall((call) => {
    if (!call.ok || call.status !== 200 || call.method !== 'GET' || call.path.split('?')[0] !== '/v2/employees') return;
    const env = auth.getEnvironment(call.environmentId);
    if (!env) return;
    record(env.id, env.clientId, {
      stepId: 'first-api-call',
      at: call.at,
      outcome: 'passed',
      how: 'automatic',
      checked: 'GET /v2/employees from the API explorer',
      result: '200 OK: the API answered with the employee list.',
      facts: { httpStatus: 200 },
    });
    emitChanged(env.id);
  });

  const offEvents = services.events.subscribe((name, payload) => {
    if (name === 'auth.flowProgress') {
      const p = payload as { environmentId: string; phase: string };
      const was = pendingFlows.has(p.environmentId);
      if (PENDING_PHASES.has(p.phase)) pendingFlows.add(p.environmentId);
      else pendingFlows.delete(p.environmentId);
      if (was !== pendingFlows.has(p.environmentId)) emitChanged(p.environmentId);
    } else if (name === 'environments.changed') {
      // Client ID or secret changed: the checklist now belongs to another record or status.
      const p = payload as { activeId: string };
      emitChanged(p.activeId);
    }
  });

  const recordCheck = (env: EnvironmentSummary, outcome: CheckOutcome): void => {
    if (outcome.evidence) record(env.id, env.clientId, { ...outcome.evidence, at: services.clock.now() });
  };

  const engineChecks = createEngineChecks(auth, store, services.clock);

  const handlers: Feature['handlers'] = {
    'onboarding.get': ({ environmentId }) => view(environmentId),
    'onboarding.saveDetails': async ({ environmentId, ...patch }) => {
      const env = envOrThrow(environmentId);
      const rec = store.read(env.id, env.clientId);
      const clean = Object.fromEntries(
        Object.entries(patch)
          .filter(([, v]) => typeof v === 'string')
          .map(([k, v]) => [k, (v as string).trim()]),
      );
      rec.details = { ...rec.details, ...(clean as Partial<OnboardingDetails>) };
      store.write(env.id, env.clientId, rec);
      return changed(env.id);
    },
    'onboarding.confirmManual': async ({ environmentId, stepId, confirmedBy }) => {
      const env = envOrThrow(environmentId);
      if (proofKind(stepId, env.kind === 'simulator') !== 'manual') {
        throw failure('STEP_LOCKED', 'This step is proven automatically on this environment, not by confirmation.', {
          hint: 'Press "Run check" on the step instead.',
          step: stepId,
        });
      }
      const blocked = confirmBlocked(stepId, store.read(env.id, env.clientId).details);
      if (blocked) throw failure('STEP_LOCKED', blocked, { hint: 'Fix the client name, save the details, then confirm.', step: stepId });
      const confirmed: Record<typeof stepId, string> = {
        'access-requested': 'Partner API Access Request sent',
        'client-registered': 'Developer Partner Registration sent',
        'staging-access': 'Logged in to Pleo staging; dashboard and dummy data visible',
      };
      record(env.id, env.clientId, {
        stepId,
        at: services.clock.now(),
        outcome: 'passed',
        how: 'manual',
        checked: 'Manual confirmation',
        result: `${confirmed[stepId]}.`,
        facts: { confirmedBy },
      });
      return changed(env.id);
    },
    'onboarding.undoConfirm': async ({ environmentId, stepId }) => {
      const env = envOrThrow(environmentId);
      const rec = store.read(env.id, env.clientId);
      const last = rec.evidence.reduce<StepEvidence | undefined>(
        (a, e) => (e.stepId === stepId && e.how === 'manual' && e.outcome === 'passed' && (!a || e.at >= a.at) ? e : a),
        undefined,
      );
      if (!last) throw failure('STEP_LOCKED', 'There is no confirmation of this step to undo.', { hint: 'Nothing to do.', step: stepId });
      // The confirmation goes; a note of the undo stays in the step's history.
      rec.evidence = rec.evidence.filter((e) => e !== last);
      rec.evidence.push({
        id: randomUUID(),
        stepId,
        at: services.clock.now(),
        outcome: 'info',
        how: 'manual',
        checked: 'Manual confirmation withdrawn',
        result: 'The confirmation was undone.',
      });
      store.write(env.id, env.clientId, rec);
      return changed(env.id);
    },
    'onboarding.runCheck': async ({ environmentId, stepId }): Promise<RunCheckResult> => {
      // Resolving starts the built-in simulator when needed, so its addresses are real.
      const known = envOrThrow(environmentId);
      const env = await auth.resolveEnvironment(known.id);
      let outcome: CheckOutcome;
      if (stepId === 'staging-access') {
        if (env.kind !== 'simulator') {
          throw failure('STEP_LOCKED', 'Staging access is confirmed by you, not checked by the app.', {
            hint: 'Open Pleo staging, log in, and confirm the step when you see the dashboard.',
            step: stepId,
          });
        }
        outcome = await checkSimulatorAnswering(env, fetchImpl);
      } else if (stepId === 'first-api-call') {
        outcome = await checkFirstApiCall(auth, env, services.logger, fetchImpl);
      } else if (stepId === 'credentials-stored') {
        if (!env.hasClientSecret) {
          throw failure('CREDENTIALS_MISSING', 'There is no Client Secret to check yet.', {
            hint: 'Enter the Client ID and Client Secret on the Connect screen first.',
            step: stepId,
          });
        }
        outcome = await engineChecks.credentials(env);
      } else {
        outcome = await engineChecks.refresh(env);
      }
      recordCheck(env, outcome);
      return { view: await changed(env.id), passed: !outcome.error, ...(outcome.error ? { error: outcome.error } : {}) };
    },
    'onboarding.copy': async ({ environmentId, stepId, itemId }) => {
      const env = envOrThrow(environmentId);
      const item = preparedItems(stepId, store.read(env.id, env.clientId).details, env)?.find((i) => i.id === itemId);
      if (!item || !item.value)
        throw failure('INVALID_PAYLOAD', 'There is nothing to copy there yet.', { hint: 'Fill in the details first.' });
      try {
        await services.ports.clipboard.writeText(item.value);
      } catch {
        throw failure('CLIPBOARD_FAILED', 'The text could not be copied to the clipboard.', {
          hint: 'Select the text and copy it with the keyboard instead.',
        });
      }
      return { copied: true as const };
    },
    'onboarding.reset': async ({ environmentId }) => {
      const env = envOrThrow(environmentId);
      store.reset(env.id, env.clientId);
      services.logger.info('onboarding: progress reset', { environmentId: env.id });
      return changed(env.id);
    },
    ...createReportHandlers(services, {
      view,
      apiBase: (id) => envOrThrow(id).apiBase,
    }),
  };

  return {
    api: { view, record },
    handlers,
    dispose: async () => {
      offEvidence();
      offExplorer();
      offEvents();
    },
  };
}
