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

describe('import directions and globals by where code runs', () => {
  const restricted = (found: string[]) => found.filter((m) => /restricted|Import .* from|may only use/i.test(m));

  it('the simulator uses no app layer, and from core only the endpoint types', async () => {
    expect(
      restricted(
        await problems(
          'src/simulator/example.ts',
          "import { createCore } from '../core/create-core.js';\nimport { X } from '../renderer/x.js';\nvoid createCore; void X;\n",
        ),
      ),
    ).toHaveLength(2);
    expect(
      restricted(
        await problems(
          'src/simulator/example.ts',
          "import type { SimulatorEndpoints } from '../core/ports.js';\nexport type E = SimulatorEndpoints;\n",
        ),
      ),
    ).toHaveLength(0);
  });

  it('the preload loads only electron and shared code', async () => {
    const found = await problems(
      'src/preload/example.ts',
      "import fs from 'node:fs';\nimport { createCore } from '../core/create-core.js';\nimport { contextBridge } from 'electron';\nvoid fs; void createCore; void contextBridge;\n",
    );
    expect(restricted(found)).toHaveLength(2);
  });

  it('features take CoreServices from core-services.ts, screens take ScreenId from screen-id.ts (no import circles)', async () => {
    expect(
      await problems(
        'src/core/example/feature.ts',
        "import type { CoreServices } from '../create-core.js';\nexport type S = CoreServices;\n",
      ),
    ).toContain("'../create-core.js' import is restricted from being used by a pattern. Import CoreServices from core-services.ts.");
    expect(
      restricted(
        await problems(
          'src/renderer/example/Screen.tsx',
          "import type { ScreenId } from '../app/screens.js';\nexport type S = ScreenId;\n",
        ),
      ),
    ).toHaveLength(1);
  });

  it('Node code has no DOM globals, browser code no Node globals', async () => {
    expect(await problems('src/core/example.ts', 'export const x = document.title;\n')).toContain("'document' is not defined.");
    expect(await problems('src/renderer/example.ts', 'export const x = process.env.HOME;\n')).toContain("'process' is not defined.");
    expect(await problems('src/shared/example.ts', 'export const x = Buffer.from("a");\n')).toContain("'Buffer' is not defined.");
  });
});
