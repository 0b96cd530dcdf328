/**
 * B7's mock Pleo authorization server, in its own process (B7 is defined with "a mock Pleo AS in
 * a child process on loopback"). It is the test suite's scriptable fake AS: it approves every
 * authorization request at once, so the measured flow has no human part. Prints its endpoints
 * as one JSON line, then serves until stdin closes.
 */
import { startFakeAs } from '../../test/fixtures/auth/fake-as.js';

const fake = await startFakeAs({ accessTokenTtl: 3600 });
process.stdout.write(`${JSON.stringify(fake.info)}\n`);
process.stdin.resume();
process.stdin.on('end', () => void fake.close().then(() => process.exit(0)));
