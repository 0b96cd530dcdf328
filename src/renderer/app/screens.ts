/**
 * The app's screens, in navigation order. Each feature owns its screen component; a new screen
 * is one entry here (the sidebar is built from this list).
 */
import type { ComponentType } from 'react';
import { ChecklistScreen } from '../onboarding/ChecklistScreen.js';
import { ConnectScreen } from '../connect/ConnectScreen.js';
import { TokenScreen } from '../token/TokenScreen.js';
import { ExplorerScreen } from '../explorer/ExplorerScreen.js';
import { ExportScreen } from '../export/ExportScreen.js';
import { DoctorScreen } from '../doctor/DoctorScreen.js';
import { AboutScreen } from '../about/AboutScreen.js';

import type { ScreenId } from './screen-id.js';

export type { ScreenId };

export interface ScreenDef {
  id: ScreenId;
  label: string;
  component: ComponentType<{ navigate: (id: ScreenId) => void }>;
  /** A one-character icon for the sidebar (decorative: the label is what is read out). */
  icon?: string;
}

export const screens: ScreenDef[] = [
  { id: 'checklist', label: 'Checklist', component: ChecklistScreen, icon: '☑' },
  { id: 'connect', label: 'Connect', component: ConnectScreen, icon: '⇄' },
  { id: 'token', label: 'Token', component: TokenScreen, icon: '◎' },
  { id: 'explorer', label: 'API explorer', component: ExplorerScreen, icon: '⌘' },
  { id: 'export', label: 'Export expenses', component: ExportScreen, icon: '⇩' },
  { id: 'doctor', label: 'Network check', component: DoctorScreen, icon: '✚' },
  { id: 'about', label: 'About', component: AboutScreen, icon: '?' },
];
