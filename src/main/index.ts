// Entry of the Electron main process (bundled to dist/main/index.mjs).
// Electron evaluates this ES module before it emits 'will-finish-launching' / 'ready' (it
// waits for the entry, top-level awaits included: docs/tutorial/esm.md "You must use await
// generously before the app's ready event"). startApp registers everything that must precede
// them (privileged schemes, open-url, the single-instance lock) synchronously; keep any
// pre-ready work here awaited, never fire-and-forget.
// `import * as electron` is fine in Electron's ESM loader: 'electron' is exposed with its
// named exports (electron/electron#35930), the same object require('electron') returns.
import * as electron from 'electron';
import { startApp } from './start-app.js';

startApp(electron);
