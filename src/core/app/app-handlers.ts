import { failure } from '../../shared/result.js';
import type { PartialHandlerTable } from '../ipc/handler-types.js';
import type { CoreServices } from '../core-services.js';
import { isAllowedExternalUrl } from './allowed-links.js';

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
  };
}
