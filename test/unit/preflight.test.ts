/**
 * One Node version story: package.json engines, the release workflow and `npm start` /
 * `npm run dist` all say Node 22.12+, which the pinned Electron tooling declares; the
 * preflight explains it in plain words instead of failing deep inside a download.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_NODE, nodeIsRecentEnough, preflightProblems } from '../../scripts/preflight.js';

describe('preflight for npm start and npm run dist', () => {
  it('knows the Node versions Electron 45 tooling accepts', () => {
    expect(nodeIsRecentEnough('v20.20.2')).toBe(false);
    expect(nodeIsRecentEnough('v22.11.9')).toBe(false);
    expect(nodeIsRecentEnough('v22.12.0')).toBe(true);
    expect(nodeIsRecentEnough('v24.1.0')).toBe(true);
  });

  it('agrees with package.json engines and with what electron declares', () => {
    const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${MIN_NODE.join('.')}`);
    const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { engines: { node: string } };
    expect(electron.engines.node.replace(/\s/g, '')).toBe(`>=${MIN_NODE.join('.')}.0`);
  });

  it('explains an old Node and a missing Electron download in plain words', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ppd-preflight-'));
    try {
      const problems = preflightProblems('start', 'v20.20.2', root);
      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain('Node.js 22.12 or newer; this machine has v20.20.2');
      expect(problems[1]).toContain('Electron is not installed');
      expect(preflightProblems('dist', 'v20.20.2', root)).toHaveLength(1);
      // With Electron downloaded and a recent Node, nothing stands in the way.
      const electronDir = path.join(root, 'node_modules', 'electron');
      mkdirSync(path.join(electronDir, 'dist'), { recursive: true });
      writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
      writeFileSync(path.join(electronDir, 'dist', 'electron'), '');
      const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
      delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
      try {
        expect(preflightProblems('start', 'v22.12.0', root)).toEqual([]);
      } finally {
        if (saved !== undefined) process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
