import { failure } from '../../shared/result.js';
import type { PartialHandlerTable } from '../ipc/handler-types.js';
import type { CoreServices } from '../core-services.js';
import { isAllowedExternalUrl } from './allowed-links.js';
import { buildAbout } from './about.js';
import { buildSupportBundle, supportBundleFileName } from './support-bundle.js';

export function createAppHandlers(services: CoreServices): PartialHandlerTable {
  return {
    'app.info': () => services.appInfo(),
    'app.notices': () => ({ notices: services.notices() }),
    'app.getPreferences': () => services.preferences.get(),
    'app.setPreferences': (req) => {
      const next = services.preferences.update(req);
      services.events.emit('app.preferencesChanged', next);
      return next;
    },
    'app.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) {
        throw failure('EXTERNAL_URL_REFUSED', 'That link was not opened: the app only opens Pleo web pages over https.');
      }
      await services.ports.externalOpener.openExternal(url);
      return { opened: true as const };
    },
    'app.about': () => buildAbout(services),
    'app.saveSupportBundle': async () => {
      const createdAt = new Date(services.clock.now());
      services.logger.info('support bundle: preparing', { platform: services.appInfo().platform, version: services.appInfo().version });
      const { licences: _licences, licencesNote: _note, ...about } = await buildAbout(services);
      const content = buildSupportBundle({
        about,
        settings: services.settings.store,
        log: services.options.recentLog?.() ?? [],
        createdAt,
        redactor: services.redactor,
      });
      const saved = await services.ports.fileSaver.save({
        suggestedName: supportBundleFileName(createdAt),
        content,
        filters: [{ name: 'Support bundle (JSON)', extensions: ['json'] }],
      });
      services.logger.info('support bundle: ' + (saved.saved ? 'saved' : 'not saved (cancelled)'));
      return saved.saved
        ? { saved: true, ...(saved.path ? { path: saved.path } : {}), bytes: Buffer.byteLength(content) }
        : { saved: false };
    },
  };
}
