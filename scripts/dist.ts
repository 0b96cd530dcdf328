/**
 * `npm run dist`: electron-builder for the current OS. Where the Electron runtime cannot be
 * downloaded (our build machines), this fails with a plain explanation instead of a stack of
 * network retries.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const args = process.argv.slice(2);
// electron-builder's CLI through this Node, not `npx`: on Windows npx is npx.cmd, which
// spawnSync cannot start without a shell (the release workflow builds there).
const cli = path.join('node_modules', 'electron-builder', 'cli.js');
const run = spawnSync(process.execPath, [cli, ...args], {
  encoding: 'utf8',
  stdio: ['inherit', 'pipe', 'pipe'],
  maxBuffer: 64 * 1024 * 1024,
});
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
