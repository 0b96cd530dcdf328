/** The app's screens, in navigation order. Each feature owns its screen component. */
import type { ComponentType } from 'react';
import { ChecklistScreen } from '../onboarding/ChecklistScreen.js';
import { ConnectScreen } from '../connect/ConnectScreen.js';
import { TokenScreen } from '../token/TokenScreen.js';
import { ExplorerScreen } from '../explorer/ExplorerScreen.js';

import type { ScreenId } from './screen-id.js';

export type { ScreenId };

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
];
