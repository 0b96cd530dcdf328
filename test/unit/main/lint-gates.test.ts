/**
 * EL-04: the Electron configuration gates are lint rules, so the dangerous patterns fail
 * `npm run lint`. This proves each rule fires on the project's real ESLint configuration.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('EL-04 lint gates', () => {
  it('refuses certificate overrides and dangerous Chromium switches in main', async () => {
    const found = await problems(
      'src/main/example.ts',
      [
        "import { app, session } from 'electron';",
        "app.commandLine.appendSwitch('ignore-certificate-errors');",
        "app.commandLine.appendSwitch('remote-debugging-port', '9222');",
        "app.on('certificate-error', () => undefined);",
        'session.defaultSession.setCertificateVerifyProc(() => undefined);',
      ].join('\n'),
    );
    expect(found.filter((m) => /EL-04/.test(m))).toHaveLength(4);
  });

  it('refuses shell.openExternal outside the validated adapter and ipcRenderer exposure', async () => {
    const found = await problems(
      'src/main/example.ts',
      "import { shell, contextBridge, ipcRenderer } from 'electron';\nvoid shell.openExternal('https://x');\ncontextBridge.exposeInMainWorld('x', { ipcRenderer });\n",
    );
    expect(found.some((m) => m.includes('validated adapter'))).toBe(true);
    expect(found.some((m) => m.includes('E-20'))).toBe(true);
  });

  it('refuses raw HTML, Node and core imports in the renderer', async () => {
    const found = await problems(
      'src/renderer/example.tsx',
      "import fs from 'node:fs';\nimport { createCore } from '../core/create-core.js';\nvoid fs; void createCore;\nexport const X = () => <div dangerouslySetInnerHTML={{ __html: 'x' }} />;\n",
    );
    expect(found.some((m) => m.includes('No raw HTML'))).toBe(true);
    expect(found.filter((m) => /restricted/i.test(m) || /import/i.test(m)).length).toBeGreaterThanOrEqual(2);
  });
});
