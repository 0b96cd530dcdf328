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
} as const;

export const appEvents = {
  'app.preferencesChanged': event<UiPreferences>('Preferences changed (e.g. presenter mode toggled).'),
  'app.notice': event<AppNotice>(
    'A notice the shell shows as a banner or toast (e.g. session-only keychain mode).',
  ),
} as const;
