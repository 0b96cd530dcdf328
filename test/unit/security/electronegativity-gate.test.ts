import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { findingsFromCsv, isReviewed, parseCsv, scan, type ReviewedFinding } from '../../../scripts/electronegativity-gate.js';

/** EL-04: the gate that makes Electronegativity (exit code always 0) able to fail npm test. */
const reviewed = (
  JSON.parse(readFileSync(new URL('../../../docs/electronegativity-reviewed.json', import.meta.url), 'utf8')) as {
    findings: ReviewedFinding[];
  }
).findings;

describe('Electronegativity gate', () => {
  it('reads the tool\u2019s CSV, quotes, doubled quotes and commas included', () => {
    const csv =
      'issue, severity, confidence, filename, location, sample, description, url\nAUXCLICK_JS_CHECK,"MEDIUM","FIRM","main/index.js","3:1","f(""a"", b)","Limit, please",https://x\n';
    expect(parseCsv(csv)[1]).toEqual([
      'AUXCLICK_JS_CHECK',
      'MEDIUM',
      'FIRM',
      'main/index.js',
      '3:1',
      'f("a", b)',
      'Limit, please',
      'https://x',
    ]);
    expect(findingsFromCsv(csv)[0]).toMatchObject({ check: 'AUXCLICK_JS_CHECK', file: 'main/index.js', sample: 'f("a", b)' });
    expect(() => findingsFromCsv('')).toThrow(/no CSV header/);
  });

  it('a finding passes only when its check, file and code are listed with a reason', () => {
    const base = { severity: 'HIGH', confidence: 'FIRM', location: '1:1', description: '' };
    const listed = {
      ...base,
      check: 'CONTEXT_ISOLATION_JS_CHECK',
      file: 'dist/main/index.js',
      sample: 'mainWindow = new BrowserWindow(hardenedOptions)',
    };
    expect(isReviewed(listed, reviewed)?.reason).toMatch(/contextIsolation: true/);
    expect(isReviewed({ ...listed, file: 'src/main/other-window.ts' }, reviewed)).toBeUndefined();
    expect(
      isReviewed({ ...listed, sample: 'new BrowserWindow({ webPreferences: { contextIsolation: false } })' }, reviewed),
    ).toBeUndefined();
    expect(isReviewed({ ...listed, check: 'NODE_INTEGRATION_JS_CHECK' }, reviewed)).toBeUndefined();
    for (const r of reviewed) expect(r.reason.length, r.check).toBeGreaterThan(40);
  });

  it('EL-04: a window without isolation is reported by the real tool and is not covered by any reviewed entry', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ppd-eneg-'));
    try {
      await mkdir(path.join(dir, 'main'));
      await writeFile(
        path.join(dir, 'main', 'insecure.js'),
        "const { BrowserWindow } = require('electron');\nconst w = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\nw.loadURL('http://example.com/');\n",
      );
      const findings = await scan(dir, '45.5.0', path.join(dir, 'out.csv'));
      const inFile = findings.filter((f) => f.file.endsWith('insecure.js'));
      expect(
        inFile.map((f) => f.check),
        JSON.stringify(findings),
      ).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK']));
      for (const f of inFile) expect(isReviewed({ ...f, file: `dist/${f.file}` }, reviewed), f.check).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
