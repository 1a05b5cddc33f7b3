// Issue 13: account mail end to end through a real SMTP server — the invitation's link sets the
// person's own password; a reset link, followed, ends every old session.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, login } from '../support/factories.js';
import { type TestApp } from '../support/test-app.js';
import { DEMO_PASSWORD, localPartyId, post, tokenIn } from '../support/pacts.js';
import { type SmtpSink } from '../support/smtp-sink.js';
import { startMailApp, stopMailApp } from '../support/mail-app.js';

const PUBLIC_URL = 'https://pactroom.example.org';
let sink: SmtpSink;
let t: TestApp;
let tokens: Record<string, string>;

beforeAll(async () => {
  ({ t, sink, tokens } = await startMailApp({ PACTROOM_PUBLIC_URL: PUBLIC_URL }, [
    'coord.lab.southeast',
  ]));
});

afterAll(() => stopMailApp(t, sink));

/** The token at the end of the mail's link to `path`. */
function linkToken(text: string, path: string): string {
  const match = new RegExp(`${PUBLIC_URL}/${path}/([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) {
    throw new Error(`no ${path} link in: ${text}`);
  }
  return match[1];
}

describe('accounts by mail', () => {
  it('invites by mail; the link sets a password only the person knows', async () => {
    const invited = await post(t, tokenIn(tokens, 'coord.lab.southeast'), '/api/users', {
      email: 'new.officer@example.org',
      name: 'Nia Newcomer',
      grants: [{ role: 'officer', localPartyId: await localPartyId(t, 'Lewes Labour') }],
    });
    expect(invited.status).toBe(202);
    const [mail] = await sink.waitFor(1, (m) => m.to === 'new.officer@example.org');
    expect(mail?.subject).toBe('Your invitation to Pactroom');
    expect(mail?.text).toContain('Dear Nia Newcomer,');
    expect(mail?.text).toContain('Labour South East Coordinator invited you');
    const token = linkToken(mail?.text ?? '', 'invitation');
    // The page behind the link answers.
    expect((await t.http.get(`/invitation/${token}`)).status).toBe(200);
    const accepted = await t.http
      .post('/api/auth/invitations/accept')
      .send({ token, password: 'a long and new passphrase 42' });
    expect(accepted.status).toBe(204);
    const session = await login(t, 'new.officer@example.org', 'a long and new passphrase 42');
    expect(session.accessToken).toBeTruthy();
    // Single use.
    const again = await t.http
      .post('/api/auth/invitations/accept')
      .send({ token, password: 'another long passphrase 43' });
    expect(again.body.code).toBe('TOKEN_INVALID');
  });

  it('resets by mail; following the link ends every old session', async () => {
    const old = await login(t, 'officer.lab.lewes@pactroom.test', DEMO_PASSWORD);
    const asked = await t.http
      .post('/api/auth/password-reset')
      .send({ email: 'officer.lab.lewes@pactroom.test' });
    expect(asked.status).toBe(202);
    const unknown = await t.http
      .post('/api/auth/password-reset')
      .send({ email: 'nobody@example.org' });
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(asked.body);
    const [mail] = await sink.waitFor(1, (m) => m.subject === 'Reset your Pactroom password');
    expect(mail?.to).toBe('officer.lab.lewes@pactroom.test');
    const token = linkToken(mail?.text ?? '', 'password-reset');
    const confirmed = await t.http
      .post('/api/auth/password-reset/confirm')
      .send({ token, password: 'a fresh reset passphrase 77' });
    expect(confirmed.status).toBe(204);
    expect((await t.http.get('/api/me').set('authorization', bearer(old.accessToken))).status).toBe(
      401,
    );
    expect(
      (await login(t, 'officer.lab.lewes@pactroom.test', 'a fresh reset passphrase 77'))
        .accessToken,
    ).toBeTruthy();
    // Nobody else received anything.
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.mails.filter((m) => m.to === 'nobody@example.org')).toEqual([]);
  });
});
