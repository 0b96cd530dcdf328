/** Channels of the app shell: version info, theme, presenter mode, opening allowlisted links. */
import { z } from 'zod';
import { event, request } from './define.js';

export type ThemePreference = 'system' | 'light' | 'dark';

export interface AppInfo {
  name: string;
  version: string;
  /** Where main runs: 'electron' in the app, 'test-host' in the browser test host. */
  host: 'electron' | 'test-host';
  platform: string;
  /** True when the OS keychain could not be used and secrets live in memory until quit. */
  sessionOnlySecrets: boolean;
}

export interface UiPreferences {
  theme: ThemePreference;
  presenterMode: boolean;
}

export interface AppNotice {
  level: 'info' | 'warning' | 'error';
  code?: string;
  message: string;
  /** The condition behind the notice with this code is over (e.g. the credential check passed): hide it. */
  withdrawn?: boolean;
}

/** One bundled third-party package and its licence, from the list generated at build time. */
export interface LicenceEntry {
  name: string;
  version: string;
  /** SPDX expression from the package's package.json, or 'UNKNOWN'. */
  licence: string;
}

/** The About screen: what is running and where its data is kept. */
export interface AboutInfo {
  name: string;
  version: string;
  host: AppInfo['host'];
  platform: string;
  /** Runtime versions (Electron, Chromium, Node) where known. */
  runtime: Record<string, string>;
  dataLocations: {
    /** The non-secret settings file (JSON). */
    settingsFile: string;
    /** The OS keychain service under which secrets are stored, or where they are instead. */
    keychain: string;
    /** Where the app's log goes. */
    log: string;
  };
  licences: LicenceEntry[];
  /** Why the licence list is empty, when it is (e.g. not generated in a development build). */
  licencesNote?: string;
}

export const appChannels = {
  'app.notices': request<{ notices: AppNotice[] }>()(
    z.strictObject({}),
    'Notices raised so far (e.g. at start-up, before the window existed).',
  ),
  'app.info': request<AppInfo>()(z.strictObject({}), 'Version, host and keychain mode of the running app.'),
  'app.getPreferences': request<UiPreferences>()(z.strictObject({}), 'Theme and presenter-mode preferences.'),
  'app.setPreferences': request<UiPreferences>()(
    z.strictObject({
      theme: z.enum(['system', 'light', 'dark']).optional(),
      presenterMode: z.boolean().optional(),
    }),
    'Change theme or presenter mode; returns the stored preferences.',
  ),
  'app.openExternal': request<{ opened: true }>()(
    z.strictObject({ url: z.string().max(2048) }),
    'Open an allowlisted https link in the system browser.',
  ),
  'app.about': request<AboutInfo>()(z.strictObject({}), 'Version, bundled licences and where the app keeps its data.'),
  'app.saveSupportBundle': request<{ saved: boolean; path?: string; bytes?: number }>()(
    z.strictObject({}),
    'Save recent log and settings, redacted, as one file the user chooses.',
  ),
} as const;

export const appEvents = {
  'app.preferencesChanged': event<UiPreferences>('Preferences changed (e.g. presenter mode toggled).'),
  'app.notice': event<AppNotice>('A notice the shell shows as a banner or toast (e.g. session-only keychain mode).'),
} as const;
