// Browser sessions, in a real browser: sign in and out, the desk, CSRF, escaping, and a disabled
// account's session ending at its next request.
import { describe, expect, it } from '@jest/globals';
import { expectAccessible, PHONE, screenshot, signIn, useBrowserRig } from '../support/browser.js';
import { bearer } from '../support/factories.js';
import { demoTokens, HASTINGS_FOR_LEWES, inAMonth, localPartyId } from '../support/pacts.js';

const rig = useBrowserRig();

describe('browser sessions', () => {
  it('signs in with the session cookie, shows the desk by name, and signs out', async () => {
    const context = await rig.person();
    const page = await context.newPage();
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible(page);
    await screenshot(page, 'sign-in');
    await signIn(page, 'officer.ld.hastings');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My desk');
    expect(await page.locator('.who').textContent()).toBe('Hastings LD Officer');
    await expectAccessible(page);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'pactroom_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const csrf = cookies.find((c) => c.name === '_csrf');
    expect(csrf).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await page.locator('.notice').textContent()).toContain('signed out');
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('tells a wrong password in the API’s words and keeps the email', async () => {
    const page = await (await rig.person(PHONE)).newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('officer.ld.hastings@pactroom.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.error-summary');
    expect(await page.locator('.error-summary').textContent()).toMatch(/email or password/i);
    expect(await page.getByLabel('Email address').inputValue()).toBe(
      'officer.ld.hastings@pactroom.test',
    );
    await expectAccessible(page);
  });

  it('refuses a form without a valid CSRF token and changes nothing', async () => {
    const context = await rig.person();
    const page = await context.newPage();
    await signIn(page, 'officer.lab.lewes');
    // The session cookie without the token: as a forged cross-site form would send it.
    const forged = await context.request.post('/sign-out', { form: { _csrf: 'forged' } });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('This form has expired');
    const missing = await context.request.post('/sign-out', { form: {} });
    expect(missing.status()).toBe(403);
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('ends a disabled account’s browser session at its next request', async () => {
    const page = await (await rig.person()).newPage();
    await signIn(page, 'officer.green.pavilion');
    const tokens = await demoTokens(rig.t, ['admin']);
    const rows: { id: string }[] = await rig.t.dataSource.query(
      "SELECT id FROM users WHERE email = 'officer.green.pavilion@pactroom.test'",
    );
    const disabled = await rig.t.http
      .patch(`/api/users/${rows[0]?.id ?? ''}`)
      .set('authorization', bearer(tokens.admin ?? ''))
      .send({ disabled: true });
    expect(disabled.status).toBe(200);
    await page.goto('/');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(await page.locator('.notice').textContent()).toContain('session has ended');
  });

  it('escapes user text: a pact titled <script> is shown as text', async () => {
    const tokens = await demoTokens(rig.t, ['officer.ld.hastings']);
    const created = await rig.t.http
      .post('/api/pacts')
      .set('authorization', bearer(tokens['officer.ld.hastings'] ?? ''))
      .send({
        title: '<script>alert(1)</script>',
        election: 'ge2017',
        localParties: [
          await localPartyId(rig.t, 'Hastings and Rye Liberal Democrats'),
          await localPartyId(rig.t, 'Lewes Labour'),
        ],
        terms: HASTINGS_FOR_LEWES,
        respondBy: inAMonth(),
        propose: true,
      });
    expect(created.status).toBe(201);
    const page = await (await rig.person()).newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, 'officer.lab.lewes');
    const card = page.locator('.card-title a', { hasText: '<script>alert(1)</script>' });
    expect(await card.textContent()).toBe('<script>alert(1)</script>');
    expect(dialogs).toEqual([]);
    expect(await page.content()).not.toContain('<script>alert(1)</script>');
    await expectAccessible(page);
    await screenshot(page, 'desk');
  });
});
