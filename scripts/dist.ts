/**
 * `npm run dist`: electron-builder for the current OS. Where the Electron runtime cannot be
 * downloaded (our build machines), this fails with a plain explanation instead of a stack of
 * network retries.
 */
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const run = spawnSync('npx', ['electron-builder', ...args], { encoding: 'utf8', stdio: ['inherit', 'pipe', 'pipe'] });
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');
if (run.status !== 0) {
  const output = `${run.stdout}\n${run.stderr}`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|github\.com|Cannot download/i.test(output)) {
    console.error(
      '\nPackaging stopped: electron-builder needs to download the Electron runtime, and this machine cannot reach it.\n' +
        'Run `npm run dist` on a machine with internet access, or point electronDist at a local Electron build:\n' +
        '  npx electron-builder -c.electronDist=/path/to/electron/dist\n',
    );
  }
  process.exit(run.status ?? 1);
}
