import { parseArgs } from 'node:util';

import { startSimulator, type Simulator, type SimulatorMode } from './index.js';

/**
 * Standalone Pleo staging simulator: `tsx src/simulator/cli.ts [options]` (npm run simulator).
 *
 * With --json, stdout carries exactly one JSON line describing the endpoints, clients and users
 * and nothing else (oidc-provider's notices are silenced and console output goes to stderr), so
 * another process can read the line and start testing. The simulator runs until SIGINT/SIGTERM.
 */

const USAGE = `Usage: tsx src/simulator/cli.ts [options]

Options:
  --port <n>        TCP port on 127.0.0.1 (default: 0 = pick a free port)
  --seed <n>        seed of the dummy data (default: 20260101)
  --entries <n>     number of accounting entries, up to 1000000 (default: 10000)
  --token-ttl <s>   access-token lifetime in seconds (default: 3600)
  --mode <m>        normal | demo | test (demo and test add fault injection at /__control,
                    which needs the per-run secret printed at start)
  --issuer <url>    issuer value for "iss" (default: the origin)
  --host <addr>     loopback address to bind: 127.0.0.1 (default) or ::1
  --accept-client-secret-post
                    also accept client_secret_post (default: Basic only, as Pleo says)
  --json            print one JSON line with endpoints, clients and users, nothing else
  --verbose         show oidc-provider's development notices
  --help            show this help
`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a non-negative integer`);
  return Number(value);
}

function describe(sim: Simulator): string {
  const { info } = sim;
  const lines = [
    `Pleo staging simulator (${sim.mode} mode) listening on ${info.apiBase}`,
    '',
    `  Issuer                 ${info.issuer}`,
    `  Authorization endpoint ${info.authorizationEndpoint}`,
    `  Token endpoint         ${info.tokenEndpoint}`,
    `  Introspection endpoint ${info.introspectionEndpoint}`,
    `  Revocation endpoint    ${info.revocationEndpoint}   (simulator extra)`,
    `  External API base      ${info.apiBase}   (e.g. GET ${info.apiBase}/v2/employees)`,
    '',
    'Clients (client_secret_basic, PKCE S256 required):',
  ];
  for (const client of info.clients) {
    lines.push(
      `  ${client.name}`,
      `    client_id      ${client.clientId}`,
      `    client_secret  ${client.clientSecret}`,
      `    redirect URIs  ${client.redirectUris.join('  ')}`,
      `    scopes         ${client.scopes.join(' ')}`,
    );
  }
  lines.push('', "Staging users (sign in on the simulator's login page):");
  for (const user of info.users) lines.push(`  ${user.email.padEnd(34)} ${user.password.padEnd(18)} ${user.access}`);
  if (sim.control) {
    lines.push(
      '',
      `Control interface: ${sim.control.url} (faults, clock, revoke-all, log, stats)`,
      `  send the header  ${sim.control.header}: ${sim.control.secret}`,
      '  (a new secret on every start; keep it to yourself: it lets a program change what the simulator answers)',
    );
  }
  lines.push('', `Data: seed ${sim.data.seed}, ${sim.data.entries} accounting entries. Press Ctrl+C to stop.`);
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      entries: { type: 'string' },
      'token-ttl': { type: 'string' },
      mode: { type: 'string' },
      issuer: { type: 'string' },
      host: { type: 'string' },
      'accept-client-secret-post': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.json) {
    // Keep stdout for the one JSON line.
    console.log = console.error;
    console.info = console.error;
  }
  const mode = (values.mode ?? 'normal') as SimulatorMode;
  if (!['normal', 'demo', 'test'].includes(mode)) throw new Error('--mode must be normal, demo or test');

  const options: Parameters<typeof startSimulator>[0] = { mode, quiet: !values.verbose };
  const port = integer('port', values.port);
  const seed = integer('seed', values.seed);
  const entries = integer('entries', values.entries);
  const ttl = integer('token-ttl', values['token-ttl']);
  if (port !== undefined) options.port = port;
  if (seed !== undefined) options.seed = seed;
  if (entries !== undefined) options.entries = entries;
  if (ttl !== undefined) options.tokenTtlSeconds = ttl;
  if (values['accept-client-secret-post']) options.acceptClientSecretPost = true;
  if (values.issuer !== undefined) options.issuer = values.issuer;
  if (values.host !== undefined) options.host = values.host;

  const sim = await startSimulator(options);

  if (values.json) {
    const { info } = sim;
    const line = {
      issuer: info.issuer,
      authorizationEndpoint: info.authorizationEndpoint,
      tokenEndpoint: info.tokenEndpoint,
      introspectionEndpoint: info.introspectionEndpoint,
      revocationEndpoint: info.revocationEndpoint,
      apiBase: info.apiBase,
      clients: info.clients.map((c) => ({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        redirectUris: c.redirectUris,
        scopes: c.scopes,
      })),
      users: info.users.map((u) => ({ email: u.email, password: u.password })),
      ...(sim.control ? { control: sim.control } : {}),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } else {
    process.stdout.write(describe(sim));
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    if (!values.json) process.stderr.write(`\nReceived ${signal}, stopping the simulator.\n`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`pleo-simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
