/**
 * The release workflow (.github/workflows/release.yml) cannot run on our machines: no GitHub
 * runner, no Electron download. What can be checked offline is checked here: the file against
 * GitHub's workflow schema (SchemaStore's, compiled into @action-validator/core, no network),
 * and the promises it makes: three OSes, `npm ci`, `npm test`, `npm run dist`, installers for
 * each platform attached to a release for a version tag.
 */
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { load as parseYaml } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const FILE = '.github/workflows/release.yml';
const source = readFileSync(FILE, 'utf8');

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { push: { tags: string[] } };
  jobs: Record<
    string,
    { 'runs-on': string; steps: Step[]; needs?: string; strategy?: { matrix: { include: Array<{ os: string; installers: string }> } } }
  >;
}

describe('release workflow', () => {
  it('is valid against the GitHub Actions workflow schema', () => {
    const state = validateWorkflow(source);
    expect(state.errors).toEqual([]);
  });

  it('the schema check is real: a misspelt key is reported', () => {
    const broken = source.replace('runs-on: ${{ matrix.os }}', 'run-on: ${{ matrix.os }}');
    expect(broken).not.toBe(source);
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('builds on Linux, macOS and Windows with npm ci, npm test and npm run dist, for a version tag', () => {
    const wf = parseYaml(source) as Workflow;
    expect(wf.on.push.tags).toEqual(['v*.*.*']);
    const build = wf.jobs.build!;
    const oses = build.strategy!.matrix.include.map((m) => m.os);
    expect(oses.some((o) => o.startsWith('ubuntu'))).toBe(true);
    expect(oses.some((o) => o.startsWith('macos'))).toBe(true);
    expect(oses.some((o) => o.startsWith('windows'))).toBe(true);
    const runs = build.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm test\b/);
    expect(runs).toMatch(/npm run dist\b/);
    const installers = build.strategy!.matrix.include.map((m) => m.installers).join(' ');
    for (const ext of ['.AppImage', '.deb', '.dmg', '.exe']) expect(installers).toContain(ext);
    const release = wf.jobs.release!;
    expect(release.needs).toBe('build');
    expect(release.steps.map((s) => s.run ?? '').join('\n')).toContain('gh release create');
  });

  it('uses the Node version package.json engines asks for', () => {
    const wf = parseYaml(source) as Workflow;
    const setup = wf.jobs.build!.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!;
    const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${String(setup.with!['node-version'])}`);
  });
});
