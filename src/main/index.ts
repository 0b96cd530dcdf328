// Entry of the Electron main process (bundled to dist/main/index.mjs).
import * as electron from 'electron';
import { startApp } from './start-app.js';

startApp(electron);
