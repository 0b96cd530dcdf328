/**
 * createCore(options) builds the whole main-process service graph without Electron. src/main
 * calls it with Electron adapters; tests and the browser test host call it with their own.
 *
 * Features are built in dependency order: sign-in (auth) first, then the explorer (which
 * needs access tokens), then onboarding (which records evidence from both).
 */
import type { AppNotice } from '../shared/contract/app-channels.js';
import { createEventBus, type EventBus, type EventListener } from './events/event-bus.js';
import { createHandlers } from './ipc/create-handlers.js';
import type { HandlerTable } from './ipc/handler-types.js';
import { dispatch } from './ipc/dispatch.js';
import { createRateLimiter } from './ipc/rate-limiter.js';
import { redactingLogger, silentLogger } from './logging/logger.js';
import { createRedactor } from './logging/redact.js';
import { createPreferences } from './app/preferences.js';
import { systemClock } from './ports.js';
import { fail, type Result } from '../shared/result.js';
import { createAuthFeature } from './auth/auth-feature.js';
import { createExplorerFeature } from './explorer/explorer-feature.js';
import { createOnboardingFeature } from './onboarding/onboarding-feature.js';
import { createDoctorFeature } from './diagnostics/doctor-feature.js';
import { createExportFeature } from './export/export-feature.js';
import { createReportSectionRegistry } from './report/report-sections.js';
import { guardSettingsWrites } from './settings/write-guard.js';
import type { Feature } from './feature/feature.js';
import { plainNetwork } from './net/network-port.js';
import type { CoreOptions, CoreServices } from './core-services.js';

// Re-exported for existing importers; features import them from core-services.ts directly.
export type { CoreOptions, CorePorts, CoreServices } from './core-services.js';

export interface Core {
  services: CoreServices;
  auth: ReturnType<typeof createAuthFeature>['api'];
  explorer: ReturnType<typeof createExplorerFeature>['api'];
  onboarding: ReturnType<typeof createOnboardingFeature>['api'];
  doctor: ReturnType<typeof createDoctorFeature>['api'];
  exports: ReturnType<typeof createExportFeature>['api'];
  handlers: HandlerTable;
  events: EventBus;
  /** Validates and runs one request from the renderer; the answer has every live secret masked. */
  handle(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  /** Subscribes to the events for the renderer, with every live secret masked. */
  onRendererEvent(listener: EventListener): () => void;
  dispose(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const events = createEventBus();
  const redactor = options.redactor ?? createRedactor();
  const logger = redactingLogger(options.logger ?? silentLogger, redactor);
  const clock = options.clock ?? systemClock;
  const notices: AppNotice[] = [];
  // Late-bound: the guard needs notify, which the services object below defines.
  const notifyRef: { current?: (notice: AppNotice) => void } = {};
  const settings = guardSettingsWrites(options.settings, {
    onUnwritable: (problem) =>
      notifyRef.current?.({
        level: 'error',
        code: 'DISK_FULL',
        message:
          problem === 'disk-full'
            ? "Couldn't save settings: the disk is full. Your changes are kept until you quit; free some space and they are saved with your next change."
            : "Couldn't save settings: the app's data folder cannot be written to. Your changes are kept until you quit; ask your IT team to make the folder writable.",
      }),
    onSaved: () => notifyRef.current?.({ level: 'info', code: 'DISK_FULL', message: 'Settings saved again.', withdrawn: true }),
  });
  const preferences = createPreferences(settings);
  // Filled right after the services exist: the sign-in feature needs them to be built.
  const authRef: { current?: ReturnType<typeof createAuthFeature> } = {};
  const services: CoreServices = {
    options,
    ports: options.ports,
    events,
    logger,
    redactor,
    clock,
    settings,
    preferences,
    network: options.ports.network ?? plainNetwork(),
    appInfo: () => ({
      name: 'Pleo Partner Desktop',
      version: options.appVersion,
      host: options.host,
      platform: options.platform ?? process.platform,
      sessionOnlySecrets: authRef.current?.sessionOnly() ?? false,
    }),
    notify(notice) {
      // One notice per code: a repeated condition replaces the older notice.
      const existing = notice.code ? notices.findIndex((n) => n.code === notice.code) : -1;
      if (existing >= 0) notices.splice(existing, 1);
      // A withdrawal removes the kept notice and tells open windows to hide theirs.
      if (!notice.withdrawn) notices.push(notice);
      if (notices.length > 20) notices.shift();
      events.emit('app.notice', notice);
    },
    notices: () => [...notices],
    reportSections: createReportSectionRegistry(),
  };
  notifyRef.current = services.notify;
  const auth = (authRef.current = createAuthFeature(services));
  const explorer = createExplorerFeature(services, { auth: auth.api });
  const onboarding = createOnboardingFeature(services, { auth: auth.api, explorer: explorer.api });
  const doctor = createDoctorFeature(services, { auth: auth.api });
  const exportFeature = createExportFeature(services, { auth: auth.api });
  const features: Feature[] = [auth, explorer, onboarding, doctor, exportFeature];
  const handlers = createHandlers(services, features);
  const limiter = createRateLimiter({ burst: 300, perSecond: 150, now: () => clock.now() });
  return {
    services,
    auth: auth.api,
    explorer: explorer.api,
    onboarding: onboarding.api,
    doctor: doctor.api,
    exports: exportFeature.api,
    handlers,
    events,
    handle: (channel, payload) => {
      if (!limiter.allow(channel)) {
        return Promise.resolve(
          fail('RATE_LIMITED_IPC', 'The app received too many requests at once and paused some of them. Please try again.'),
        );
      }
      // Last gate before the renderer (issue 11 points 4 and 6): whatever a server echoed
      // (error_description, an API body), no secret this core holds crosses.
      return dispatch(handlers, channel, payload, logger).then((result) => redactor.scrub(result));
    },
    onRendererEvent: (listener) => events.subscribe((event, payload) => listener(event, redactor.scrub(payload))),
    async dispose() {
      for (const feature of [...features].reverse()) await feature.dispose().catch(() => undefined);
      await options.ports.simulator?.stop().catch(() => undefined);
    },
  };
}
