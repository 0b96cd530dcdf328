import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

/** The standalone CLI: `--json` prints exactly one JSON line, serves until SIGTERM. */
describe('simulator CLI', () => {
  it('prints one JSON line with endpoints, clients and users, serves, and stops on SIGTERM', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--json', '--entries', '100', '--token-ttl', '60'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const firstLine = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no JSON line; stderr: ${stderr}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const newline = stdout.indexOf('\n');
        if (newline >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, newline));
        }
      });
      child.on('exit', () => reject(new Error(`exited early; stderr: ${stderr}`)));
    });

    try {
      const info = JSON.parse(firstLine) as Record<string, unknown> & {
        apiBase: string;
        clients: Array<Record<string, unknown>>;
        users: Array<Record<string, unknown>>;
      };
      expect(Object.keys(info)).toEqual([
        'issuer',
        'authorizationEndpoint',
        'tokenEndpoint',
        'introspectionEndpoint',
        'revocationEndpoint',
        'apiBase',
        'clients',
        'users',
      ]);
      expect(info.apiBase).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.tokenEndpoint).toBe(`${info.apiBase}/oauth/token`);
      for (const client of info.clients) expect(Object.keys(client)).toEqual(['clientId', 'clientSecret', 'redirectUris', 'scopes']);
      for (const user of info.users) expect(Object.keys(user)).toEqual(['email', 'password']);

      const response = await fetch(`${info.apiBase}/v2/employees`);
      expect(response.status).toBe(401);
      // Normal mode: no control interface.
      expect((await fetch(`${info.apiBase}/__control/faults`)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('oidc-provider');
  });

  it('in test mode prints the per-run control secret for the person who started it, and the control interface needs it', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/cli.ts', '--json', '--mode', 'test', '--entries', '10'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let stdout = '';
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no JSON line')), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const newline = stdout.indexOf('\n');
        if (newline >= 0) {
          clearTimeout(timer);
          resolve(stdout.slice(0, newline));
        }
      });
    });
    try {
      const info = JSON.parse(line) as { apiBase: string; control: { url: string; header: string; secret: string } };
      expect(info.control.url).toBe(`${info.apiBase}/__control`);
      expect((await fetch(`${info.control.url}/stats`)).status).toBe(401);
      expect((await fetch(`${info.control.url}/stats`, { headers: { [info.control.header]: info.control.secret } })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
