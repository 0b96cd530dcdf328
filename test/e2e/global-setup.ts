import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { RENDERER_DIST } from './host/start-host.js';

/** The e2e suites test the built renderer; build it if `npm run build` has not. */
export default function globalSetup(): void {
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    throw new Error('Chromium was not found at /usr/bin/chromium. Install it (apt-get install chromium) or set CHROMIUM_PATH.');
  }
  if (!existsSync(`${RENDERER_DIST}/index.html`) || process.env.E2E_REBUILD === '1') {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
}
