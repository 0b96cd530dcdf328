/**
 * `npm start` and `npm run dist` begin here: a plain explanation instead of a stack trace when
 * the machine cannot run them. Both need Node.js 22.12 or newer, because the pinned Electron
 * tooling declares it (electron 45's installer and @electron/get, @electron/rebuild under
 * electron-builder 26: "engines": ">= 22.12.0"). Type checks, lint, the build and the tests
 * also work on Node 20.19 (npm prints EBADENGINE warnings for those packages there).
 *
 *   tsx scripts/preflight.ts start   also checks that `npm install` could download Electron
 *   tsx scripts/preflight.ts dist
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MIN_NODE = [22, 12] as const;

export function nodeIsRecentEnough(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** Problems that stop `what`, in words for someone who does not live in a terminal. */
export function preflightProblems(what: 'start' | 'dist', nodeVersion: string, root: string): string[] {
  const problems: string[] = [];
  if (!nodeIsRecentEnough(nodeVersion)) {
    problems.push(
      `This needs Node.js ${MIN_NODE.join('.')} or newer; this machine has ${nodeVersion}. Install a current Node.js LTS from nodejs.org, then run \`npm install\` again.`,
    );
  }
  if (what === 'start') {
    // electron's own installer writes path.txt once the binary is downloaded and unpacked.
    // (Same rules as test/electron/find-electron.ts, including electron's own override.)
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
    const binary = override
      ? path.join(override, process.platform === 'win32' ? 'electron.exe' : 'electron')
      : existsSync(pathFile)
        ? path.join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim())
        : undefined;
    if (!binary || !existsSync(binary)) {
      problems.push(
        'Electron is not installed: `npm install` could not download it (it needs internet access, and Node.js 22.12+). Run `npm install` again on a connected machine.',
      );
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const what = process.argv[2] === 'dist' ? 'dist' : 'start';
  const problems = preflightProblems(what, process.version, process.cwd());
  if (problems.length > 0) {
    console.error(
      `\n\`npm ${what === 'start' ? 'start' : 'run dist'}\` cannot run on this machine:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    process.exit(1);
  }
}
