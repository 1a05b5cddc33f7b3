// The live-update stream (GET /live) over HTTP: two app processes on one database, a change
// committed by one announced by the other to exactly those who may see it; limits, headers, the
// request timeout, the inbox count and the end of the stream when the session ends.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  DEMO_PASSWORD,
  demoTokens,
  tokenIn,
  post,
  proposeHastingsForLewes,
} from '../support/pacts.js';
import { openSse, type SseStream } from '../support/sse.js';

/** Signs in through the page; returns the session cookie (`name=value`). */
async function sessionCookie(t: TestApp, name: string): Promise<string> {
  const form = await t.http.get('/sign-in');
  const cookies = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  const res = await t.http
    .post('/sign-in')
    .set('cookie', cookies.join('; '))
    .type('form')
    .send({ _csrf: token, email: `${name}@pactroom.test`, password: DEMO_PASSWORD, next: '/' });
  expect(res.status).toBe(303);
  const session = (res.headers['set-cookie'] as unknown as string[])
    .find((c) => c.startsWith('pactroom_session='))
    ?.split(';')[0];
  return [...cookies, session].join('; ');
}

describe('live updates across processes', () => {
  let a: TestApp;
  let b: TestApp;
  let base: string;
  let tokens: Record<string, string>;
  const open: SseStream[] = [];
  const stream = async (cookie: string) => {
    const s = await openSse(base, '/live', cookie);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    a = await createTestApp({
      demo: true,
      env: {
        PACTROOM_LIVE_STREAMS_PER_USER: '2',
        PACTROOM_LIVE_HEARTBEAT_MS: '250',
        PACTROOM_REQUEST_TIMEOUT_MS: '1000',
      },
    });
    b = await createTestApp({ databaseUrl: a.databaseUrl });
    await a.app.listen(0, '127.0.0.1');
    base = await a.app.getUrl();
    tokens = await demoTokens(b, ['officer.ld.hastings', 'officer.lab.lewes', 'admin']);
  });
  afterAll(async () => {
    for (const s of open) {
      s.close();
    }
    await b?.close();
    await a?.close();
  });

  const createPact = async () => {
    const res = await proposeHastingsForLewes(b, tokenIn(tokens, 'officer.ld.hastings'), {
      title: `Hastings for Lewes ${randomUUID().slice(0, 8)}`,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; currentRevision: number; revision: { hash: string } };
  };

  it('announces a sign committed on process B to a viewer streaming from A, and not to a Green officer', async () => {
    const ld = await stream(await sessionCookie(a, 'officer.ld.hastings'));
    const green = await stream(await sessionCookie(a, 'officer.green.pavilion'));
    expect(ld.status).toBe(200);
    expect(ld.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(ld.headers['cache-control']).toBe('no-store');
    expect(ld.headers['x-accel-buffering']).toBe('no');
    expect(ld.headers['content-security-policy']).toContain("default-src 'self'");
    // The unread count comes first, so a reconnected page is right at once.
    await ld.next((e) => e.event === 'inbox' && e.data === '0');

    const pact = await createPact();
    await ld.next((e) => e.event === 'pact' && e.data === pact.id);
    // Let the creation's announcements finish (two heartbeats later), so what follows is the sign's.
    const settled = ld.comments();
    await ld.next(() => ld.comments() >= settled + 2);
    const forPact = () => ld.events.filter((e) => e.event === `pact-${pact.id}`).length;
    const before = forPact();
    const signed = await post(
      b,
      tokenIn(tokens, 'officer.lab.lewes'),
      `/api/pacts/${pact.id}/sign`,
      {
        revision: pact.currentRevision,
        hash: pact.revision.hash,
      },
    );
    expect(signed.status).toBe(200);
    // Announced twice: `pact` for lists, `pact-<id>` for pages showing that one pact.
    await ld.next(() => forPact() > before);
    expect(ld.events.filter((e) => e.event === 'pact' && e.data === pact.id).length).toBe(
      forPact(),
    );

    // Whatever was written to the Green stream along with those is followed by the heartbeats
    // written after it, on the same connection: two more of them, and still nothing of this pact.
    const beats = green.comments();
    await green.next(() => green.comments() >= beats + 2);
    expect(green.events.filter((e) => e.data === pact.id)).toEqual([]);
    expect(green.events.map((e) => e.event)).toEqual(['inbox']);
  });

  it('keeps a stream open past the request timeout, with heartbeats', async () => {
    const s = await stream(await sessionCookie(a, 'member.lab'));
    // PACTROOM_REQUEST_TIMEOUT_MS is 1 s, checked every second: eight heartbeats take 2 s.
    await s.next(() => s.comments() >= 8);
    expect(s.events.some((e) => e.event === 'end')).toBe(false);
  });

  it('refuses a third stream to one person (429) and takes them again when one closes', async () => {
    const cookie = await sessionCookie(a, 'coord.lab.southeast');
    const first = await stream(cookie);
    await stream(cookie);
    const third = await stream(cookie);
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('30');
    expect(JSON.parse(await third.body)).toMatchObject({ code: 'LIVE_STREAMS_PER_USER' });
    // Another person is not affected.
    expect((await stream(await sessionCookie(a, 'coord.ld.southeast'))).status).toBe(200);
    first.close();
    let again = await stream(cookie);
    for (let i = 0; again.status !== 200 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await stream(cookie);
    }
    expect(again.status).toBe(200);
  });

  it('sends the unread inbox count when an item lands, from either process', async () => {
    const cookie = await sessionCookie(a, 'officer.lab.lewes');
    const s = await stream(cookie);
    await s.next((e) => e.event === 'inbox');
    const users: { id: string }[] = await b.dataSource.query(
      "SELECT id FROM users WHERE email = 'officer.lab.lewes@pactroom.test'",
    );
    const eventId = randomUUID();
    await b.dataSource.query(
      `INSERT INTO notification_events (id, kind, data, occurred_at) VALUES ($1, 'pact.signed', '{}', now())`,
      [eventId],
    );
    await b.dataSource.query(
      `INSERT INTO inbox_items (id, user_id, event_id, kind, created_at) VALUES ($1, $2, $3, 'pact.signed', now())`,
      [randomUUID(), users[0]?.id, eventId],
    );
    await s.next((e) => e.event === 'inbox' && e.data === '1');
  });

  it('ends the stream when the session is signed out on the other process', async () => {
    const cookie = await sessionCookie(a, 'member.ld');
    const s = await stream(cookie);
    await s.next((e) => e.event === 'inbox');
    const desk = await b.http.get('/').set('cookie', cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(desk.text)?.[1] ?? '';
    const out = await b.http
      .post('/sign-out')
      .set('cookie', cookie)
      .type('form')
      .send({ _csrf: csrf });
    expect(out.status).toBe(303);
    await s.next((e) => e.event === 'end' && e.data === 'signed-out');
    await s.ended;
    // And a new one is not opened with that cookie.
    const after = await openSse(base, '/live', cookie);
    open.push(after);
    expect(after.status).not.toBe(200);
  });

  it('ends the stream when an admin disables the account on the other process', async () => {
    const s = await stream(await sessionCookie(a, 'member.green'));
    await s.next((e) => e.event === 'inbox');
    const users: { id: string }[] = await b.dataSource.query(
      "SELECT id FROM users WHERE email = 'member.green@pactroom.test'",
    );
    const res = await b.http
      .patch(`/api/users/${users[0]?.id}`)
      .set('authorization', `Bearer ${tokenIn(tokens, 'admin')}`)
      .send({ disabled: true });
    expect(res.status).toBe(200);
    await s.next((e) => e.event === 'end' && e.data === 'signed-out');
    await s.ended;
  });

  it('serves the pinned SSE extension as a script', async () => {
    const res = await a.http.get('/assets/htmx-ext-sse.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.text).toContain("htmx.defineExtension('sse'");
  });

  it('is not opened without a session', async () => {
    const s = await stream('');
    expect(s.status).toBe(303);
    expect(s.headers.location).toMatch(/^\/sign-in/);
  });
});

describe('the per-process cap on live streams', () => {
  let t: TestApp;
  let base: string;
  const open: SseStream[] = [];
  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { PACTROOM_LIVE_STREAMS_MAX: '1' } });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  });
  afterAll(async () => {
    for (const s of open) {
      s.close();
    }
    await t?.close();
  });

  it('answers 503 once the process holds its maximum, whoever asks', async () => {
    const first = await openSse(base, '/live', await sessionCookie(t, 'member.lab'));
    open.push(first);
    expect(first.status).toBe(200);
    const second = await openSse(base, '/live', await sessionCookie(t, 'member.ld'));
    open.push(second);
    expect(second.status).toBe(503);
    expect(JSON.parse(await second.body)).toMatchObject({ code: 'LIVE_STREAMS_FULL' });
  });
});
