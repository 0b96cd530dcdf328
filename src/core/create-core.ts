/**
 * createCore(options) builds the whole main-process service graph without Electron. src/main
 * calls it with Electron adapters; tests and the browser test host call it with their own.
 *
 * Features are built in dependency order: sign-in (auth) first, then the explorer (which
 * needs access tokens), then onboarding (which records evidence from both).
 */
import type { AppNotice } from '../shared/contract/app-channels.js';
import { createEventBus, type EventBus } from './events/event-bus.js';
import { createHandlers } from './ipc/create-handlers.js';
import type { HandlerTable } from './ipc/handler-types.js';
import { dispatch } from './ipc/dispatch.js';
import { createRateLimiter } from './ipc/rate-limiter.js';
import { silentLogger } from './logging/logger.js';
import { createPreferences } from './app/preferences.js';
import { systemClock } from './ports.js';
import { fail, type Result } from '../shared/result.js';
import { createAuthFeature } from './auth/auth-feature.js';
import { createExplorerFeature } from './explorer/explorer-feature.js';
import { createOnboardingFeature } from './onboarding/onboarding-feature.js';
import type { Feature } from './feature/feature.js';
import type { CoreOptions, CoreServices } from './core-services.js';

// Re-exported for existing importers; features import them from core-services.ts directly.
export type { CoreOptions, CorePorts, CoreServices } from './core-services.js';

export interface Core {
  services: CoreServices;
  auth: ReturnType<typeof createAuthFeature>['api'];
  explorer: ReturnType<typeof createExplorerFeature>['api'];
  onboarding: ReturnType<typeof createOnboardingFeature>['api'];
  handlers: HandlerTable;
  events: EventBus;
  /** Validates and runs one request from the renderer. */
  handle(channel: unknown, payload: unknown): Promise<Result<unknown>>;
  dispose(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const events = createEventBus();
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const preferences = createPreferences(options.settings);
  const notices: AppNotice[] = [];
  // Filled right after the services exist: the sign-in feature needs them to be built.
  const authRef: { current?: ReturnType<typeof createAuthFeature> } = {};
  const services: CoreServices = {
    options,
    ports: options.ports,
    events,
    logger,
    clock,
    settings: options.settings,
    preferences,
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
      notices.push(notice);
      if (notices.length > 20) notices.shift();
      events.emit('app.notice', notice);
    },
    notices: () => [...notices],
  };
  const auth = (authRef.current = createAuthFeature(services));
  const explorer = createExplorerFeature(services, { auth: auth.api });
  const onboarding = createOnboardingFeature(services, { auth: auth.api, explorer: explorer.api });
  const features: Feature[] = [auth, explorer, onboarding];
  const handlers = createHandlers(services, features);
  const limiter = createRateLimiter({ burst: 300, perSecond: 150, now: () => clock.now() });
  return {
    services,
    auth: auth.api,
    explorer: explorer.api,
    onboarding: onboarding.api,
    handlers,
    events,
    handle: (channel, payload) => {
      if (!limiter.allow(channel)) {
        return Promise.resolve(fail('RATE_LIMITED_IPC', 'The app received too many requests at once and paused some of them. Please try again.'));
      }
      return dispatch(handlers, channel, payload, logger);
    },
    async dispose() {
      for (const feature of [...features].reverse()) await feature.dispose().catch(() => undefined);
      await options.ports.simulator?.stop().catch(() => undefined);
    },
  };
}
