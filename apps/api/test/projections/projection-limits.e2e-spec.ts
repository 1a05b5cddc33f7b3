import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import type { ProjectionJob } from '../../src/projections/projection-jobs.js';
import { bearer, createAccount, login } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Issue 10, items 9 and 10: one account's projections must not stall everyone. Work per request is
// bounded, heavy work runs in the worker pool through a bounded queue that serves accounts in turn,
// each account may have two jobs queued or running, and work whose client has gone is dropped.

let t: TestApp;
let token = '';
/** Green stand-asides for Labour in GE2017 seats where the Greens stood. */
let legs: { party: string; constituency: string; beneficiary: string }[] = [];

beforeAll(async () => {
  t = await createTestApp({
    env: {
      PACTROOM_PROJECTION_WORKERS: '1',
      PACTROOM_PROJECTION_QUEUE: '3',
      PACTROOM_PROJECTIONS_PER_USER: '2',
    },
  });
  token = (await login(t, (await createAccount(t, [{ role: 'member', party: 'lab' }])).email))
    .accessToken;
  const rows: { ons_code: string }[] = await t.dataSource.query(
    `SELECT c.ons_code FROM constituency_votes v JOIN constituencies c ON c.id = v.constituency_id
      WHERE v.election_code = 'ge2017' AND v.party_code = 'green' ORDER BY c.ons_code`,
  );
  legs = rows.map((r) => ({ party: 'green', constituency: r.ons_code, beneficiary: 'lab' }));
});
afterAll(async () => {
  await t.close();
});

const runner = () => t.app.get(ProjectionRunner);
const job = (draws: number, count = 60): ProjectionJob => ({
  kind: 'project',
  election: 'ge2017',
  scenario: { standAsides: legs.slice(0, count), transfers: 'central' },
  draws,
  seed: 1,
  include: 'touched',
});

describe('work per request', () => {
  it('refuses more than 700 stand-asides, naming the field, and a body over 128 KiB', async () => {
    const many = Array.from({ length: 701 }, (_, i) => legs[i % legs.length]);
    const res = await t.http
      .post('/api/projections')
      .set('authorization', bearer(token))
      .send({ election: 'ge2017', standAsides: many });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('standAsides');
    const padded = await t.http
      .post('/api/projections')
      .set('authorization', bearer(token))
      .send({ election: 'ge2017', standAsides: [], padding: 'x'.repeat(140 * 1024) });
    expect(padded.status).toBe(413);
    expect(padded.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a large deterministic projection from the worker, not the event loop', async () => {
    const res = await t.http
      .post('/api/projections')
      .set('authorization', bearer(token))
      .send({ election: 'ge2017', standAsides: legs.slice(0, 400) });
    expect(res.status).toBe(200);
    expect(res.body.seats).toBeDefined();
  });
});

describe('the projection queue', () => {
  it('caps each account at two jobs queued or running (429)', async () => {
    const first = runner().run(job(20_000), 'a1', { owner: 'account-a' });
    const second = runner().run(job(200), 'a2', { owner: 'account-a' });
    await expect(runner().run(job(200), 'a3', { owner: 'account-a' })).rejects.toMatchObject({
      status: 429,
      code: 'TOO_MANY_PROJECTIONS',
      headers: { 'retry-after': '1' },
    });
    await Promise.all([first, second]);
    // Done: the account may run again.
    await expect(runner().run(job(200), 'a4', { owner: 'account-a' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('answers 503 with Retry-After when the queue is full', async () => {
    const running = runner().run(job(20_000), 'running', { owner: 'r' });
    const queued = ['q1', 'q2', 'q3'].map((owner) => runner().run(job(200), owner, { owner }));
    await expect(runner().run(job(200), 'over', { owner: 'q4' })).rejects.toMatchObject({
      status: 503,
      code: 'PROJECTIONS_BUSY',
      headers: { 'retry-after': '2' },
    });
    await Promise.all([running, ...queued]);
  });

  it('serves accounts in turn: another account’s job goes before a flooder’s second', async () => {
    const done: string[] = [];
    const track = (label: string, owner: string, draws: number) =>
      runner()
        .run(job(draws), label, { owner })
        .then(() => done.push(label));
    await Promise.all([
      track('flooder-1', 'flooder', 20_000),
      track('flooder-2', 'flooder', 200),
      track('victim', 'victim', 200),
    ]);
    expect(done).toEqual(['flooder-1', 'victim', 'flooder-2']);
  });

  it('drops a queued job whose client has gone, and stops a running one', async () => {
    const running = new AbortController();
    const queued = new AbortController();
    const first = runner().run(job(50_000), 'long', { owner: 'gone', signal: running.signal });
    const second = runner().run(job(200), 'waiting', { owner: 'gone', signal: queued.signal });
    expect(runner().load).toEqual({ queued: 1, running: 1 });
    queued.abort();
    await expect(second).rejects.toMatchObject({ code: 'PROJECTION_CANCELLED' });
    expect(runner().load.queued).toBe(0);
    running.abort();
    await expect(first).rejects.toMatchObject({ code: 'PROJECTION_CANCELLED' });
    expect(runner().load).toEqual({ queued: 0, running: 0 });
    // The worker is free again at once for others.
    await expect(runner().run(job(200), 'next', { owner: 'other' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('stops the work of a client that hangs up (HTTP)', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const before = runner().cancelled;
    const body = JSON.stringify({
      election: 'ge2017',
      standAsides: legs.slice(0, 60),
      simulations: 20_000,
    });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/projections HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // Hang up once the job is in the runner.
    for (let i = 0; i < 200 && runner().load.running + runner().load.queued === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    socket.destroy();
    for (let i = 0; i < 300 && runner().load.running + runner().load.queued > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(runner().cancelled).toBe(before + 1);
    expect(runner().load).toEqual({ queued: 0, running: 0 });
  });
});
