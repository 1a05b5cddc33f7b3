// A pact you may not see must not show itself by how long its 404 takes: a hidden pact used to be
// loaded whole before the visibility check (7.9 against 3.1 ms p50 for an absent id on a large
// pact). Visibility is now decided first, in one indexed look-up, for reads and commands alike.
// Medians of interleaved requests on a large pact must stay within a factor of 1.5.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { demoTokens, HASTINGS_FOR_LEWES, post, proposeHastingsForLewes } from '../support/pacts.js';
import { RawClient } from './support/raw-http.js';

jest.setTimeout(240_000);

const COUNTERS = 400;
const ROUNDS = 40;

let t: TestApp;
let client: RawClient;
let tokens: Record<string, string>;
let hiddenId = '';

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  tokens = await demoTokens(t, [
    'officer.ld.hastings',
    'officer.lab.lewes',
    'officer.green.pavilion',
  ]);
  const created = await proposeHastingsForLewes(t, tokens['officer.ld.hastings'] ?? '', {
    title: 'A pact countered many times',
  });
  hiddenId = (created.body as { id: string }).id;
  for (let i = 0; i < COUNTERS; i++) {
    const by = i % 2 === 0 ? 'officer.lab.lewes' : 'officer.ld.hastings';
    const res = await post(t, tokens[by] ?? '', `/api/pacts/${hiddenId}/counter`, {
      baseRevision: i + 1,
      terms: { ...HASTINGS_FOR_LEWES, commitments: [{ party: 'ld', text: `Clause ${i}` }] },
    });
    if (res.status !== 200) {
      throw new Error(`counter ${i} → ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  client = await RawClient.listen(t);
});
afterAll(async () => {
  client.close();
  await t.close();
});

const log = (line: string) => process.stderr.write(`[pact-timing] ${line}\n`);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Milliseconds of one request as the Brighton Pavilion Green officer, who may not see the pact: 404 either way. */
async function timed404(method: 'GET' | 'POST', path: string): Promise<number> {
  const res = await client.send({
    method,
    path,
    headers: {
      authorization: `Bearer ${tokens['officer.green.pavilion'] ?? ''}`,
      'content-type': 'application/json',
    },
    body:
      method === 'POST'
        ? Buffer.from(JSON.stringify({ revision: 1, hash: 'a'.repeat(64) }))
        : undefined,
  });
  if (res.status !== 404) {
    throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
  }
  return res.ms;
}

it.each([
  ['GET', (id: string) => `/api/pacts/${id}`],
  ['GET', (id: string) => `/api/pacts/${id}/audit`],
  ['POST', (id: string) => `/api/pacts/${id}/sign`],
] as const)(
  `answers %s on a hidden and on an absent pact in similar time (${ROUNDS} interleaved rounds)`,
  async (method, path) => {
    for (let i = 0; i < 5; i++) {
      await timed404(method, path(hiddenId));
      await timed404(method, path(randomUUID()));
    }
    const hidden: number[] = [];
    const absent: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        hidden.push(await timed404(method, path(hiddenId)));
        absent.push(await timed404(method, path(randomUUID())));
      } else {
        absent.push(await timed404(method, path(randomUUID())));
        hidden.push(await timed404(method, path(hiddenId)));
      }
    }
    const ratio = median(hidden) / median(absent);
    log(
      `${method} ${path(':id')}: median hidden ${median(hidden).toFixed(2)} ms, absent ${median(absent).toFixed(2)} ms → ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
  },
);
