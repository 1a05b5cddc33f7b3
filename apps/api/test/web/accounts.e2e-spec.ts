// Accounts by invitation in a real browser (issue 13): an admin invites, resends and unlocks; the
// invitation page sets a password and signs in; the account page changes it (a fresh session
// here, every other one ended) and signs out everywhere; the reset pages answer alike for every
// address. axe on every new page, at phone and desktop widths.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  expectAccessible,
  expectKeyboardReachable,
  pageSignedInAs,
  PHONE,
  screenshot,
  useBrowserRig,
} from '../support/browser.js';
import { createAccount, TEST_PASSWORD, uniqueEmail } from '../support/factories.js';
import { localPartyId } from '../support/pacts.js';

const rig = useBrowserRig();

async function userIdOf(email: string): Promise<string> {
  const [row]: { id: string }[] = await rig.t.dataSource.query(
    'SELECT id FROM users WHERE email = $1',
    [email],
  );
  if (!row) {
    throw new Error(`no user ${email}`);
  }
  return row.id;
}

/** The newest mailed token of a kind for an account (the mail itself is the lead's pipeline). */
async function tokenFor(userId: string, kind: string): Promise<string> {
  const rows: { token: string }[] = await rig.t.dataSource.query(
    `SELECT data->>'token' AS token FROM notification_events
      WHERE subject_user_id = $1 AND kind = $2 ORDER BY occurred_at DESC LIMIT 1`,
    [userId, kind],
  );
  const token = rows[0]?.token;
  if (!token) {
    throw new Error(`no ${kind} for ${userId}`);
  }
  return token;
}

async function inviteThroughAdminPage(page: Page, email: string, name: string): Promise<void> {
  await page.goto('/admin/users/new');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.locator('#grant0-role').selectOption('officer');
  await page.locator('#grant0-localPartyId').selectOption({ label: 'Lewes Labour' });
  await page.getByRole('button', { name: 'Create account' }).click();
}

describe('accounts by invitation', () => {
  it('lets an admin invite, resend and unlock, then the invitation page sets the password and signs in', async () => {
    const admin = await rig.signedInPage('admin', '/admin/users/new');
    const email = uniqueEmail('rye.invited');
    await inviteThroughAdminPage(admin, email, 'Rye Invited Officer');
    const id = await userIdOf(email);
    await admin.waitForURL((url) => url.pathname === `/admin/users/${id}`);
    expect(await admin.locator('.success').textContent()).toContain('invitation was sent');
    expect(await admin.locator('dl.facts').textContent()).toContain('Invited — not yet accepted');
    expect(await admin.locator('table.account-trail').textContent()).toContain(
      'sent an invitation',
    );
    const first = await tokenFor(id, 'account.invited');
    await admin.getByRole('button', { name: 'Resend invitation' }).click();
    await admin.waitForURL((url) => url.search === '?done=invitation-sent');
    await admin.getByRole('button', { name: 'Unlock' }).click();
    await admin.waitForURL((url) => url.search === '?done=unlocked');
    expect(await admin.locator('table.account-trail').textContent()).toContain('unlocked sign-in');
    await expectAccessible(admin);

    // The first link stopped working when the second was sent.
    const person = await (await rig.person(PHONE)).newPage();
    person.setDefaultTimeout(10_000);
    const stale = await person.goto(`/invitation/${first}`);
    expect(stale?.status()).toBe(400);
    expect(await person.locator('.error-summary').textContent()).toContain(
      'This link has expired or was already used. Ask for a new one.',
    );
    await expectAccessible(person);

    await person.goto(`/invitation/${await tokenFor(id, 'account.invited')}`);
    expect(await person.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Choose your password',
    );
    await expectAccessible(person);
    await expectKeyboardReachable(person);
    await screenshot(person, 'invitation');
    // Two different passwords, then a breached one: each refused beside its field.
    await person.getByLabel('New password', { exact: true }).fill('violet staircase umbrella');
    await person.getByLabel('Repeat the new password').fill('violet staircase umbrela');
    await person.getByRole('button', { name: 'Set my password' }).click();
    await person.waitForSelector('#confirm-error');
    expect(await person.locator('#confirm-error').textContent()).toContain(
      'not the same as the new password',
    );
    await expectAccessible(person);
    await person.getByLabel('New password', { exact: true }).fill('Qwerty123456');
    await person.getByLabel('Repeat the new password').fill('Qwerty123456');
    await person.getByRole('button', { name: 'Set my password' }).click();
    await person.waitForSelector('#password-error');
    expect(await person.locator('#password-error').textContent()).toContain('data breaches');
    // By keyboard alone: type, tab to the next field, submit with Enter.
    await person.getByLabel('New password', { exact: true }).fill('violet staircase umbrella');
    await person.keyboard.press('Tab');
    await person.keyboard.type('violet staircase umbrella');
    await person.keyboard.press('Enter');
    await person.waitForURL((url) => url.pathname === '/account');
    expect(await person.locator('.success').textContent()).toContain('you are signed in');
    expect(await person.locator('dl.facts').textContent()).toContain(email);
    await expectAccessible(person);

    await admin.reload();
    expect(await admin.locator('dl.facts').textContent()).toContain('Active');
    expect(await admin.getByRole('button', { name: 'Resend invitation' }).count()).toBe(0);
  });

  it('answers a coordinator alike for a new address and one that already has an account', async () => {
    const coordinator = await rig.signedInPage('coord.lab.southeast', '/admin/users/new', PHONE);
    const notices: string[] = [];
    for (const email of [uniqueEmail('lewes.new'), 'officer.ld.hastings@pactroom.test']) {
      await inviteThroughAdminPage(coordinator, email, 'Lewes Helper');
      await coordinator.waitForURL((url) => url.pathname === '/admin');
      notices.push(
        ((await coordinator.locator('.success').textContent()) ?? '').replace(email, '<email>'),
      );
    }
    expect(notices[1]).toBe(notices[0]);
    expect(notices[0]).toContain(
      'If the address already has an account, its owner is told instead',
    );
    await expectAccessible(coordinator);
  });

  it('changes the password on the account page: this browser carries on, other sessions end', async () => {
    const account = await createAccount(rig.t, [
      { role: 'officer', localPartyId: await localPartyId(rig.t, 'Lewes Labour') },
    ]);
    const here = await pageSignedInAs(rig, account.email, TEST_PASSWORD, DESKTOP);
    const elsewhere = await pageSignedInAs(rig, account.email, TEST_PASSWORD, PHONE);
    await here.getByRole('link', { name: `Test ${account.email}` }).click();
    await here.waitForURL((url) => url.pathname === '/account');
    await expectAccessible(here);
    await expectKeyboardReachable(here);
    await screenshot(here, 'account');

    await here.getByLabel('Current password').fill('not my password at all');
    await here.getByLabel('New password', { exact: true }).fill('lantern orchard pebble');
    await here.getByLabel('Repeat the new password').fill('lantern orchard pebble');
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.waitForSelector('#currentPassword-error');
    expect(await here.locator('#currentPassword-error').textContent()).toContain(
      'not your current password',
    );
    await expectAccessible(here);

    await here.getByLabel('Current password').fill(TEST_PASSWORD);
    await here.getByLabel('New password', { exact: true }).fill('lantern orchard pebble');
    await here.getByLabel('Repeat the new password').fill('lantern orchard pebble');
    await here.getByRole('button', { name: 'Change password' }).click();
    await here.waitForURL((url) => url.search === '?done=password');
    expect(await here.locator('.success').textContent()).toContain('password was changed');
    await here.goto('/');
    expect(new URL(here.url()).pathname).toBe('/');
    await elsewhere.goto('/');
    expect(new URL(elsewhere.url()).pathname).toBe('/sign-in');

    await here.goto('/account');
    await here.setViewportSize(PHONE);
    await expectAccessible(here);
    await here.getByRole('button', { name: 'Sign out everywhere' }).click();
    await here.waitForURL((url) => url.pathname === '/sign-in');
    expect(await here.locator('.notice').textContent()).toContain('signed out everywhere');
    await here.goto('/account');
    expect(new URL(here.url()).pathname).toBe('/sign-in');
  });

  it('resets a forgotten password through the pages, answering alike for every address', async () => {
    const account = await createAccount(rig.t, [{ role: 'member', party: 'lab' }]);
    const page = await (await rig.person(PHONE)).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL((url) => url.pathname === '/password-reset');
    await expectAccessible(page);
    await expectKeyboardReachable(page);
    await screenshot(page, 'password-reset');

    const answers: string[] = [];
    for (const email of [uniqueEmail('nobody'), account.email]) {
      await page.goto('/password-reset');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page.waitForSelector('.success');
      answers.push(((await page.locator('main').textContent()) ?? '').replace(email, '<email>'));
    }
    expect(answers[1]).toBe(answers[0]);
    await expectAccessible(page);

    await page.goto(`/password-reset/${await tokenFor(account.id, 'account.password-reset')}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Choose a new password',
    );
    await page.setViewportSize(DESKTOP);
    await expectAccessible(page);
    await page.getByLabel('New password', { exact: true }).fill('copper kettle meadow');
    await page.getByLabel('Repeat the new password').fill('copper kettle meadow');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await page.locator('.notice').textContent()).toContain('Sign in with your new password');
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password').fill('copper kettle meadow');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  });
});
