// The browser session cookie over HTTP (no browser needed): its flags in production, expiry, a
// forged signature, and `next` never leaving the site.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { DEMO_PASSWORD } from '../support/pacts.js';

/** Signs in through the page with supertest; returns the response of the form's POST. */
async function signInOver(t: TestApp, email: string, next = '/') {
  const form = await t.http.get('/sign-in');
  const cookies = (form.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  return t.http
    .post('/sign-in')
    .set('cookie', cookies.join('; '))
    .type('form')
    .send({ _csrf: token, email, password: DEMO_PASSWORD, next });
}

describe('the session cookie in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      demo: true,
      env: { NODE_ENV: 'production', PACTROOM_SMTP_URL: 'smtp://127.0.0.1:9' },
    });
  });
  afterAll(() => t.close());

  it('is Secure, HttpOnly, SameSite=Lax and expires', async () => {
    const res = await signInOver(t, 'member.lab@pactroom.test');
    expect(res.status).toBe(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('pactroom_session='),
    );
    expect(cookie).toMatch(/; Max-Age=43200/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });
});

describe('the session cookie', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  const sessionOf = (setCookie: unknown) =>
    (setCookie as string[]).find((c) => c.startsWith('pactroom_session='))?.split(';')[0] ?? '';

  it('opens the desk while valid, and sends an expired one to sign in again', async () => {
    const res = await signInOver(t, 'member.lab@pactroom.test');
    const cookie = sessionOf(res.headers['set-cookie']);
    expect((await t.http.get('/').set('cookie', cookie)).status).toBe(200);
    // The same session, signed with the app's own key, but past its expiry.
    const [userId, sessionId] = decodeURIComponent(cookie.slice('pactroom_session='.length)).split(
      '.',
    );
    const fastify = t.app.getHttpAdapter().getInstance();
    const expired = fastify.signCookie(
      `${userId}.${sessionId}.${Math.floor(Date.now() / 1000) - 1}`,
    );
    const late = await t.http
      .get('/')
      .set('cookie', `pactroom_session=${encodeURIComponent(expired)}`);
    expect(late.status).toBe(303);
    expect(late.headers.location).toBe('/sign-in?next=%2F&ended=1');
  });

  it('refuses a cookie whose signature does not hold', async () => {
    const res = await signInOver(t, 'member.ld@pactroom.test');
    const cookie = sessionOf(res.headers['set-cookie']);
    const forged = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const answer = await t.http.get('/').set('cookie', forged);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(/^\/sign-in\?/);
  });

  it('goes back only to a path on this site after sign-in', async () => {
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const res = await signInOver(t, 'member.green@pactroom.test', next);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/');
    }
    // A control character would make the Location header itself invalid (a 500): refused too.
    const control = await signInOver(t, 'member.green@pactroom.test', '/\u0001review');
    expect(control.status).toBe(303);
    expect(control.headers.location).toBe('/');
    const res = await signInOver(t, 'member.green@pactroom.test', '/review');
    expect(res.headers.location).toBe('/review');
  });

  it('answers unknown page paths with the HTML 404 page, and the API with its JSON', async () => {
    const page = await t.http.get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Page not found');
    const api = await t.http.get('/api/no-such-route');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('tells htmx to go to the sign-in page, and answers its errors as a fragment', async () => {
    const signedOut = await t.http
      .get('/pact/00000000-0000-4000-8000-000000000000/verify')
      .set('hx-request', 'true')
      .set('hx-current-url', 'http://127.0.0.1/pact/00000000-0000-4000-8000-000000000000');
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers['hx-redirect']).toBe(
      '/sign-in?next=%2Fpact%2F00000000-0000-4000-8000-000000000000',
    );
    const res = await signInOver(t, 'member.lab@pactroom.test');
    const cookie = sessionOf(res.headers['set-cookie']);
    const missing = await t.http
      .get('/pact/00000000-0000-4000-8000-000000000000/verify')
      .set('cookie', cookie)
      .set('hx-request', 'true');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<html');
    expect(missing.text).toContain('Page not found');
  });
});
