import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  createProposed,
  demoSession,
  tally,
  type DemoSession,
  type PactView,
} from './support/pact-client.js';
import { call, FaultLab, type ApiProcess } from './support/processes.js';

// A freshly started process whose first requests are pact commands arriving together: each holds
// a pooled connection in its transaction, so anything those commands load on the side (reference
// data caches) must not need another connection, or a small pool starves until its acquire timeout
// and every command answers 500.

const TIMEOUT = 180_000;
const COMMANDS = 8;

const lab = new FaultLab();
let databaseUrl = '';
let session: DemoSession;
let pacts: PactView[] = [];

beforeAll(async () => {
  const cluster = await lab.cluster();
  databaseUrl = await cluster.createDatabase('pactroom_cold_start_test');
  const first = await lab.api('api-first', databaseUrl);
  session = await demoSession(first);
  pacts = [];
  for (let i = 0; i < COMMANDS; i++) {
    pacts.push(await createProposed(first, session, `Cold start ${i}`));
  }
  await first.stop();
}, TIMEOUT);
afterAll(async () => {
  await lab.dispose();
}, TIMEOUT);

it(
  'answers concurrent first commands of a new process with a pool smaller than their number',
  async () => {
    // Tokens issued by the first process stay valid: same secret, sessions in the database.
    const cold: ApiProcess = await lab.api('api-cold', databaseUrl, {
      // One connection: a command that needed a second for its side loads would always stall.
      PACTROOM_DB_POOL_SIZE: '1',
    });
    const replies = await Promise.all(
      pacts.map((pact) =>
        call<PactView>(cold, 'POST', `/api/pacts/${pact.id}/sign`, {
          token: session.lab,
          body: { revision: pact.revision.number, hash: pact.revision.hash },
          timeoutMs: 30_000,
        }),
      ),
    );
    expect(tally(replies)).toEqual({ '200': COMMANDS });
    // Proposed and signed by the Lib Dems at creation; now signed by Labour too.
    expect(replies.map((r) => [r.body.status, r.body.signatures.length])).toEqual(
      pacts.map(() => ['signed', 2]),
    );
  },
  TIMEOUT,
);
