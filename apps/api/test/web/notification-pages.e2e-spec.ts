// Issue 13, the notification pages over HTTP (no browser): only your own inbox items, email
// preferences validated, the unsubscribe link (forged → 404, one-click POST without CSRF only
// there), the development mailbox only while mail is stored, deliveries for admins only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DEMO_PASSWORD, demoTokens, proposeHastingsForLewes } from '../support/pacts.js';
import { MailDeliveryService } from '../../src/notifications/mail-delivery.service.js';

/** A browser-like session over supertest: its cookies, and the CSRF token of the last page. */
interface Session {
  cookie: string;
  csrf: string;
}

const cookiesOf = (res: { headers: Record<string, unknown> }): string[] =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split(';')[0] ?? '');

function merge(session: Session, res: { headers: Record<string, unknown>; text: string }) {
  const jar = new Map(
    session.cookie
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.split('=')[0], c]),
  );
  for (const c of cookiesOf(res)) {
    jar.set(c.split('=')[0], c);
  }
  session.cookie = [...jar.values()].join('; ');
  session.csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? session.csrf;
}

async function signInOver(t: TestApp, name: string): Promise<Session> {
  const session: Session = { cookie: '', csrf: '' };
  merge(session, await t.http.get('/sign-in'));
  const res = await t.http
    .post('/sign-in')
    .set('cookie', session.cookie)
    .type('form')
    .send({
      _csrf: session.csrf,
      email: `${name}@pactroom.test`,
      password: DEMO_PASSWORD,
      next: '/',
    });
  expect(res.status).toBe(303);
  merge(session, res);
  return session;
}

const getAs = async (t: TestApp, s: Session, path: string) => {
  const res = await t.http.get(path).set('cookie', s.cookie);
  merge(s, res);
  return res;
};

const postAs = (t: TestApp, s: Session, path: string, form: Record<string, string> = {}) =>
  t.http
    .post(path)
    .set('cookie', s.cookie)
    .type('form')
    .send({ _csrf: s.csrf, ...form });

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = await probe();
    if (found !== undefined) {
      return found;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('notification pages, mail stored (no SMTP)', () => {
  let t: TestApp;
  let pactId = '';
  let lewes: Session;
  let hastings: Session;
  let lewesUserId = '';
  let itemId = '';

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const tokens = await demoTokens(t, ['officer.ld.hastings']);
    const created = await proposeHastingsForLewes(t, tokens['officer.ld.hastings'] ?? '');
    expect(created.status).toBe(201);
    pactId = created.body.id as string;
    [{ id: lewesUserId = '' } = { id: '' }] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE email = 'officer.lab.lewes@pactroom.test'`,
    );
    itemId = await waitFor(async () => {
      const rows = await t.dataSource.query<{ id: string }[]>(
        'SELECT id FROM inbox_items WHERE user_id = $1',
        [lewesUserId],
      );
      return rows[0]?.id;
    }, 'the inbox item of the Lewes officer');
    lewes = await signInOver(t, 'officer.lab.lewes');
    hastings = await signInOver(t, 'officer.ld.hastings');
  });
  afterAll(() => t?.close());

  it('shows the inbox item in words, and only to its owner', async () => {
    const page = await getAs(t, lewes, '/inbox');
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      'Hastings LD Officer (Hastings and Rye Liberal Democrats) proposed “Hastings for Lewes” (revision 1) to your local party.',
    );
    expect(page.text).toContain('Unread');
    await getAs(t, hastings, '/inbox');
    for (const action of ['read', 'open']) {
      const res = await postAs(t, hastings, `/inbox/${itemId}/${action}`);
      expect(res.status).toBe(404);
    }
    const [row] = await t.dataSource.query<{ readAt: Date | null }[]>(
      'SELECT read_at AS "readAt" FROM inbox_items WHERE id = $1',
      [itemId],
    );
    expect(row?.readAt).toBeNull();
    expect((await postAs(t, lewes, '/inbox/not-a-uuid/read')).status).toBe(404);
    expect((await getAs(t, lewes, '/inbox?before=garbage')).status).toBe(400);
    expect((await getAs(t, lewes, '/inbox?before=a&before=b&done=x&done=y')).status).toBe(400);
    expect((await getAs(t, lewes, '/mailbox?to=a&to=b')).status).toBe(200);
  });

  it('opens the pact from the inbox with a POST that marks the item read', async () => {
    const res = await postAs(t, lewes, `/inbox/${itemId}/open`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/pact/${pactId}`);
    const page = await getAs(t, lewes, '/inbox');
    expect(page.text).toContain('No unread notifications.');
    expect(page.text).not.toContain('>Unread<');
  });

  it('answers the live refresh with nothing while the inbox is as shown, else the list', async () => {
    const page = await getAs(t, lewes, '/inbox');
    const live = /hx-get="(\/inbox\/live\?v=[\w-]+)"/.exec(page.text)?.[1] ?? '';
    const unchanged = await t.http.get(live).set('cookie', lewes.cookie);
    expect(unchanged.status).toBe(204);
    await t.dataSource.query('UPDATE inbox_items SET read_at = NULL WHERE id = $1', [itemId]);
    const changed = await t.http.get(live).set('cookie', lewes.cookie);
    expect(changed.status).toBe(200);
    expect(changed.text).toContain('id="inbox-list" data-live-region hx-swap-oob="outerHTML"');
    expect(changed.text).toContain('1 unread notification.');
    await postAs(t, lewes, `/inbox/${itemId}/read`);
  });

  it('pages the inbox 50 at a time, newest first, with no item twice', async () => {
    const [hastingsRow] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE email = 'officer.ld.hastings@pactroom.test'`,
    );
    // 55 items in one statement: many share a created_at, so the cursor's tie-break is needed.
    await t.dataSource.query(
      `WITH e AS (
         INSERT INTO notification_events (id, kind, pact_id, actor_user_id, data, occurred_at)
         SELECT gen_random_uuid(), 'pact.countered', $2, $3, jsonb_build_object('revision', n), now()
           FROM generate_series(1, 55) n RETURNING id, (data ->> 'revision')::int AS n)
       INSERT INTO inbox_items (id, user_id, event_id, kind, created_at)
       SELECT gen_random_uuid(), $1, e.id, 'pact.countered',
              date_trunc('second', now()) + ((e.n / 2) || ' milliseconds')::interval
         FROM e`,
      [hastingsRow?.id, pactId, lewesUserId],
    );
    const first = await getAs(t, hastings, '/inbox');
    const revisions = (html: string) =>
      [...html.matchAll(/class="inbox-headline">[^<]*with new terms \(revision (\d+)\)/g)].map(
        (m) => Number(m[1]),
      );
    const onFirst = revisions(first.text);
    expect(onFirst).toHaveLength(50);
    expect(first.text).toContain('55 unread notifications.');
    const older = /href="(\/inbox\?before=[^"]+)">Older notifications/.exec(first.text)?.[1] ?? '';
    const second = await getAs(t, hastings, older.replace(/&amp;/g, '&'));
    const onSecond = revisions(second.text);
    expect(onSecond).toHaveLength(5);
    expect(second.text).not.toContain('Older notifications');
    expect(new Set([...onFirst, ...onSecond]).size).toBe(55);
    // Newest first: by created_at, which grows with the revision number here.
    expect(Math.min(...onFirst)).toBeGreaterThanOrEqual(Math.max(...onSecond) - 1);
  });

  it('saves preferences, and refuses an unknown kind or mode naming the field', async () => {
    await getAs(t, lewes, '/account/notifications');
    const saved = await postAs(t, lewes, '/account/notifications', {
      'pact.countered': 'digest',
      'pact.proposed': 'off',
    });
    expect(saved.status).toBe(303);
    const rows = await t.dataSource.query<{ kind: string; mode: string }[]>(
      'SELECT kind, mode FROM notification_preferences WHERE user_id = $1 ORDER BY kind',
      [lewesUserId],
    );
    expect(rows).toEqual([
      { kind: 'pact.countered', mode: 'digest' },
      { kind: 'pact.proposed', mode: 'off' },
    ]);
    const unknownKind = await postAs(t, lewes, '/account/notifications', {
      'pact.signed': 'off',
      'pact.exploded': 'off',
    });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.text).toContain(
      '“pact.exploded” is not a kind of notification you can choose',
    );
    const badMode = await postAs(t, lewes, '/account/notifications', { 'pact.signed': 'hourly' });
    expect(badMode.status).toBe(400);
    expect(badMode.text).toContain(
      'Another local party signs: must be one of: immediately, digest, off',
    );
    // Nothing of a refused save was kept.
    const after = await t.dataSource.query<{ kind: string }[]>(
      `SELECT kind FROM notification_preferences WHERE user_id = $1 AND kind = 'pact.signed'`,
      [lewesUserId],
    );
    expect(after).toEqual([]);
  });

  it('unsubscribes with a signed token, one click without CSRF, and 404s a forged one', async () => {
    const tokens = t.app.get(MailDeliveryService).unsubscribe;
    const token = tokens.issue(lewesUserId, 'pact.withdrawn');
    const page = await t.http.get(`/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Stop emails about “A pact is withdrawn”?');
    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await t.http.get(`/unsubscribe/${forged}`)).status).toBe(404);
    expect(
      (await t.http.post(`/unsubscribe/${forged}`).type('form').send('List-Unsubscribe=One-Click'))
        .status,
    ).toBe(404);
    // A security kind has no setting, even with a genuine signature.
    expect(
      (await t.http.get(`/unsubscribe/${tokens.issue(lewesUserId, 'account.password-reset')}`))
        .status,
    ).toBe(404);
    // Without the one-click body, a POST with no CSRF token is refused as any page form is.
    expect((await t.http.post(`/unsubscribe/${token}`).type('form').send('x=1')).status).toBe(403);
    const oneClick = await t.http
      .post(`/unsubscribe/${token}`)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(200);
    expect(oneClick.text).toContain('Done');
    const [row] = await t.dataSource.query<{ mode: string }[]>(
      `SELECT mode FROM notification_preferences WHERE user_id = $1 AND kind = 'pact.withdrawn'`,
      [lewesUserId],
    );
    expect(row?.mode).toBe('off');
    // RFC 8058's own example posts multipart/form-data: accepted there, and only there.
    const multipart = (path: string) =>
      t.http
        .post(path)
        .set('content-type', 'multipart/form-data; boundary=---FormBoundaryjWmhtjORrn')
        .send(
          '-----FormBoundaryjWmhtjORrn\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n-----FormBoundaryjWmhtjORrn--\r\n',
        );
    const declined = tokens.issue(lewesUserId, 'pact.declined');
    expect((await multipart(`/unsubscribe/${declined}`)).status).toBe(200);
    const [declinedRow] = await t.dataSource.query<{ mode: string }[]>(
      `SELECT mode FROM notification_preferences WHERE user_id = $1 AND kind = 'pact.declined'`,
      [lewesUserId],
    );
    expect(declinedRow?.mode).toBe('off');
    const elsewhereMultipart = await multipart('/account/notifications');
    expect(elsewhereMultipart.status).toBe(415);
    expect(elsewhereMultipart.headers['content-type']).toMatch(/^text\/html/);
    expect((await multipart('/api/users')).status).toBe(415);
    // The one-click exemption is that path's alone.
    const elsewhere = await t.http
      .post('/account/notifications')
      .set('cookie', lewes.cookie)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(elsewhere.status).toBe(403);
  });

  it('keeps the mail in the development mailbox, linking only our own URLs', async () => {
    const list = await t.http.get('/mailbox?to=OFFICER.LAB.LEWES@pactroom.test');
    expect(list.status).toBe(200);
    expect(list.text).toContain(
      'Development mailbox — mail is kept here because no SMTP server is configured',
    );
    const id = /href="\/mailbox\/([0-9a-f-]{36})"/.exec(list.text)?.[1] ?? '';
    const mail = await t.http.get(`/mailbox/${id}`);
    expect(mail.status).toBe(200);
    expect(mail.text).toContain(`href="/pact/${pactId}"`);
    expect((await t.http.get('/mailbox/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('lists deliveries for admins only, and replays only a dead one', async () => {
    const coordinator = await signInOver(t, 'coord.lab.southeast');
    expect((await getAs(t, coordinator, '/admin/deliveries')).status).toBe(404);
    const admin = await signInOver(t, 'admin');
    const [delivery] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM email_deliveries WHERE status = 'sent' LIMIT 1`,
    );
    const id = delivery?.id ?? '';
    await getAs(t, admin, '/admin/deliveries');
    expect((await postAs(t, admin, `/admin/deliveries/${id}/replay`)).status).toBe(409);
    await getAs(t, coordinator, '/');
    expect((await postAs(t, coordinator, `/admin/deliveries/${id}/replay`)).status).toBe(404);
  });
});

describe('the development mailbox with SMTP configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PACTROOM_SMTP_URL: 'smtp://127.0.0.1:9' } });
  });
  afterAll(() => t?.close());

  it('does not exist', async () => {
    expect((await t.http.get('/mailbox')).status).toBe(404);
    expect((await t.http.get('/mailbox/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
