/** The app's screens, in navigation order. Each feature owns its screen component. */
import type { ComponentType } from 'react';
import { ChecklistScreen } from '../onboarding/ChecklistScreen.js';
import { ConnectScreen } from '../connect/ConnectScreen.js';
import { TokenScreen } from '../token/TokenScreen.js';
import { ExplorerScreen } from '../explorer/ExplorerScreen.js';
import { ExportScreen } from '../export/ExportScreen.js';
import { DoctorScreen } from '../doctor/DoctorScreen.js';
import { AboutScreen } from '../about/AboutScreen.js';

export type ScreenId = 'checklist' | 'connect' | 'token' | 'explorer' | 'export' | 'doctor' | 'about';

export interface ScreenDef {
  id: ScreenId;
  label: string;
  component: ComponentType<{ navigate: (id: ScreenId) => void }>;
}

export const screens: ScreenDef[] = [
  { id: 'checklist', label: 'Checklist', component: ChecklistScreen },
  { id: 'connect', label: 'Connect', component: ConnectScreen },
  { id: 'token', label: 'Token', component: TokenScreen },
  { id: 'explorer', label: 'API explorer', component: ExplorerScreen },
  { id: 'export', label: 'Export expenses', component: ExportScreen },
  { id: 'doctor', label: 'Network check', component: DoctorScreen },
  { id: 'about', label: 'About', component: AboutScreen },
];
