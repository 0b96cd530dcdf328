/**
 * The contract's channel and event NAMES, without their schemas. The preload needs only the
 * names to build window.partner; importing the contract itself would bundle zod into the
 * preload (it was 98 % of a 764 KB preload). Main still validates every payload with the
 * schemas in the *-channels.ts files.
 *
 * Kept in sync with the contract twice: channel-names-check.ts fails `npm run typecheck` with
 * the missing or extra names, and test/unit/core/channel-names.test.ts compares the lists at run
 * time. A new channel in any *-channels.ts file must be added here too.
 */
export const requestChannelNameList = [
  // app-channels.ts
  'app.notices',
  'app.info',
  'app.getPreferences',
  'app.setPreferences',
  'app.openExternal',
  'app.about',
  'app.saveSupportBundle',
  // auth-channels.ts
  'environments.list',
  'environments.select',
  'environments.update',
  'environments.addCustom',
  'environments.remove',
  'credentials.setClientSecret',
  'credentials.clear',
  'credentials.check',
  'auth.signIn',
  'auth.cancel',
  'auth.pasteCallback',
  'auth.status',
  'auth.refresh',
  'auth.signOut',
  'auth.progress',
  'auth.reopen',
  'environments.restoreDefaults',
  // explorer-channels.ts
  'explorer.catalog',
  'explorer.send',
  'explorer.fetchAll',
  'explorer.cancel',
  'explorer.copyCurl',
  'explorer.copyAccessToken',
  'explorer.copyResponse',
  'explorer.saveResponse',
  'explorer.history',
  'explorer.clearHistory',
  'explorer.importOpenApi',
  'explorer.removeImport',
  // onboarding-channels.ts
  'onboarding.get',
  'onboarding.saveDetails',
  'onboarding.confirmManual',
  'onboarding.undoConfirm',
  'onboarding.runCheck',
  'onboarding.copy',
  'onboarding.reset',
  'report.preview',
  'report.export',
  // diagnostics-channels.ts
  'diagnostics.run',
  'diagnostics.last',
  'diagnostics.copy',
  // export-channels.ts
  'export.get',
  'export.queueOnSimulator',
  'export.findJob',
  'export.chooseTarget',
  'export.start',
  'export.cancel',
  'export.resume',
  'export.abandon',
] as const;

export const eventNameList = [
  'app.preferencesChanged',
  'app.notice',
  'auth.flowProgress',
  'auth.statusChanged',
  'environments.changed',
  'explorer.fetchAllProgress',
  'onboarding.changed',
  'diagnostics.finished',
  'export.changed',
] as const;

export type ListedChannelName = (typeof requestChannelNameList)[number];
export type ListedEventName = (typeof eventNameList)[number];

const eventNameSet: ReadonlySet<string> = new Set(eventNameList);

export function isListedEventName(name: unknown): name is ListedEventName {
  return typeof name === 'string' && eventNameSet.has(name);
}
