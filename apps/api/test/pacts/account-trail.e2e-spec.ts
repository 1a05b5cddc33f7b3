// Issue 10 item 7: account management leaves a hash-chained trail, logged like pact chains, and a
// pact's trail and certificate name the signer as they were when they signed.
import { describe, expect, it } from '@jest/globals';
import type { AccountEvent, AuditTrailVerification } from '@pactroom/audit-chain';
import { TreeHeadError } from '@pactroom/audit-chain';
import type { ChainLogVerification } from '../../src/audit/audit.service.js';
import { CheckpointService } from '../../src/audit/checkpoint.service.js';
import { createAccount, login, uniqueEmail } from '../support/factories.js';
import { auditOf, snapshot, t, tamper, token, useAuditApp } from '../support/audit-fixture.js';
import { HASTINGS_FOR_LEWES, get, inAMonth, localPartyId, post } from '../support/pacts.js';

useAuditApp();

const PASSWORD = 'a-long-enough-password';
const patch = (who: string, path: string, body: object) =>
  t.http
    .patch(path)
    .set('authorization', `Bearer ${token(who)}`)
    .send(body);

async function trailOf(who: string, id: string): Promise<AccountEvent[]> {
  const res = await get(t, token(who), `/api/users/${id}/audit`);
  expect(res.status).toBe(200);
  return (res.body as { items: AccountEvent[] }).items;
}

async function verifyAccount(id: string): Promise<ChainLogVerification> {
  const res = await get(t, token('admin'), `/api/users/${id}/audit/verify`);
  expect(res.status).toBe(200);
  return res.body as ChainLogVerification;
}

/**
 * A Lewes Labour officer invited by the Labour South East coordinator, as in the issue; with
 * `accept`, the officer has accepted the invitation and chosen PASSWORD (issue 13: coordinators
 * invite, they never set a password).
 */
async function officerByCoordinator(
  name: string,
  accept = true,
): Promise<{ id: string; email: string }> {
  const email = uniqueEmail('lewes-officer');
  const res = await post(t, token('coord.lab.southeast'), '/api/users', {
    email,
    name,
    grants: [{ role: 'officer', localPartyId: await localPartyId(t, 'Lewes Labour') }],
  });
  expect(res.status).toBe(202);
  const [row]: { id: string; token: string }[] = await t.dataSource.query(
    `SELECT u.id, e.data->>'token' AS token FROM users u
       JOIN notification_events e ON e.subject_user_id = u.id AND e.kind = 'account.invited'
      WHERE u.email = $1`,
    [email],
  );
  if (!row) {
    throw new Error('no invitation');
  }
  if (accept) {
    const accepted = await t.http
      .post('/api/auth/invitations/accept')
      .send({ token: row.token, password: PASSWORD });
    expect(accepted.status).toBe(204);
  }
  return { id: row.id, email };
}

describe('the account-management trail', () => {
  it('records creating, signing with, disabling and renaming an account — by whom, as what', async () => {
    const officer = await officerByCoordinator('Lee Short-Lived');
    const ldHastings = await localPartyId(t, 'Hastings and Rye Liberal Democrats');
    const created = await post(t, token('officer.ld.hastings'), '/api/pacts', {
      title: 'Signed by an account that no longer acts',
      election: 'ge2017',
      localParties: [ldHastings, await localPartyId(t, 'Lewes Labour')],
      terms: HASTINGS_FOR_LEWES,
      respondBy: inAMonth(),
      propose: true,
    });
    expect(created.status).toBe(201);
    const pact = created.body as { id: string; revision: { number: number; hash: string } };
    const revision = { revision: pact.revision.number, hash: pact.revision.hash };
    const { accessToken } = await login(t, officer.email, PASSWORD);
    const signed = await post(t, accessToken, `/api/pacts/${pact.id}/sign`, revision);
    expect(signed.status).toBe(200);
    expect(
      (await patch('coord.lab.southeast', `/api/users/${officer.id}`, { disabled: true })).status,
    ).toBe(200);
    for (const who of ['coord.ld.southeast', 'coord.lab.southeast']) {
      expect((await post(t, token(who), `/api/pacts/${pact.id}/approve`, revision)).status).toBe(
        200,
      );
    }
    // Renamed after the fact: the pact's trail and certificate keep the name it signed under.
    expect(
      (await patch('admin', `/api/users/${officer.id}`, { name: 'Someone Else' })).status,
    ).toBe(200);

    const trail = await trailOf('coord.lab.southeast', officer.id);
    expect(trail.map((e) => e.action)).toEqual([
      'account.created',
      'account.invited',
      'account.activated',
      'account.disabled',
      'account.renamed',
    ]);
    expect(trail[2]?.actor).toMatchObject({ userId: officer.id, role: 'account-holder' });
    expect(trail[0]).toMatchObject({
      accountId: officer.id,
      actor: {
        role: 'coordinator',
        party: 'lab',
        region: 'south-east',
        name: 'Labour South East Coordinator',
      },
      payload: {
        email: officer.email,
        name: 'Lee Short-Lived',
        disabled: false,
        grants: [{ role: 'officer', party: 'lab', region: 'south-east' }],
      },
    });
    expect(trail[4]).toMatchObject({
      actor: { role: 'admin', name: 'Platform Admin' },
      payload: { from: 'Lee Short-Lived', to: 'Someone Else' },
    });
    expect(JSON.stringify(trail)).not.toContain(PASSWORD);

    const signedEvent = (await auditOf(pact.id)).find((e) => e.action === 'pact.signed');
    expect(signedEvent?.actor).toMatchObject({ userId: officer.id, name: 'Lee Short-Lived' });
    const certificate = await get(t, token('member.lab'), `/api/pacts/${pact.id}/certificate`);
    expect(certificate.status).toBe(200);
    const signatures = (
      JSON.parse(certificate.text) as {
        certificate: { payload: { signatures: { userId: string; userName: string }[] } };
      }
    ).certificate.payload.signatures;
    expect(signatures.find((s) => s.userId === officer.id)?.userName).toBe('Lee Short-Lived');
    expect(signatures.map((s) => s.userName)).toContain('Hastings LD Officer');
  });

  it('records a password change without the password, and nothing for an edit that changes nothing', async () => {
    const officer = await officerByCoordinator('Pat Unchanged');
    // Only an administrator may set someone's password (issue 13).
    expect(
      (
        await patch('admin', `/api/users/${officer.id}`, {
          name: 'Pat Unchanged',
          password: 'another-long-password',
        })
      ).status,
    ).toBe(200);
    const trail = await trailOf('admin', officer.id);
    expect(trail.map((e) => [e.action, e.payload])).toEqual([
      ['account.created', expect.anything()],
      ['account.invited', { expiresAt: expect.any(String) }],
      ['account.activated', {}],
      ['account.password_set', {}],
    ]);
    expect(JSON.stringify(trail)).not.toContain('another-long-password');
    const grants = await patch('coord.lab.southeast', `/api/users/${officer.id}`, {
      grants: [{ role: 'member', party: 'lab', region: 'south-east' }],
    });
    expect(grants.status).toBe(200);
    expect((await trailOf('admin', officer.id)).at(-1)).toMatchObject({
      action: 'account.grants_changed',
      payload: {
        from: [{ role: 'officer', party: 'lab', region: 'south-east' }],
        to: [{ role: 'member', party: 'lab', region: 'south-east', localPartyId: null }],
      },
    });
  });

  it('starts the trail of an account found without one with what was found', async () => {
    const local = await localPartyId(t, 'Lewes Labour');
    const bare = await createAccount(t, [{ role: 'officer', localPartyId: local }]);
    expect(await trailOf('admin', bare.id)).toEqual([]);
    expect((await patch('admin', `/api/users/${bare.id}`, { disabled: true })).status).toBe(200);
    const trail = await trailOf('admin', bare.id);
    expect(trail.map((e) => [e.action, e.actor.role])).toEqual([
      ['account.recorded', 'system'],
      ['account.disabled', 'admin'],
    ]);
    expect(trail[0]?.payload).toMatchObject({ email: bare.email, disabled: false });
  });

  it('gives the demo accounts a trail from the seed', async () => {
    const me = await get(t, token('officer.lab.lewes'), '/api/me');
    const trail = await trailOf('coord.lab.southeast', (me.body as { id: string }).id);
    expect(trail).toMatchObject([{ action: 'account.created', actor: { role: 'system' } }]);
  });

  it('shows a trail only to those who manage the account: 404 otherwise, 403 to non-managers', async () => {
    const officer = await officerByCoordinator('Scoped Person', false);
    expect(
      (await get(t, token('coord.ld.southeast'), `/api/users/${officer.id}/audit`)).status,
    ).toBe(404);
    expect(
      (await get(t, token('coord.ld.southeast'), `/api/users/${officer.id}/audit/verify`)).status,
    ).toBe(404);
    expect((await get(t, token('member.lab'), `/api/users/${officer.id}/audit`)).status).toBe(403);
    const absent = await get(
      t,
      token('coord.ld.southeast'),
      '/api/users/00000000-0000-4000-8000-000000000000/audit',
    );
    expect(absent.status).toBe(404);
  });
});

describe('account chains in the audit log', () => {
  it('are checkpointed, proven, and caught when edited or deleted after logging', async () => {
    const officer = await officerByCoordinator('Logged Person', false);
    const checkpoints = t.app.get(CheckpointService);
    await checkpoints.createCheckpoint();
    const verified = await verifyAccount(officer.id);
    expect(verified).toMatchObject({
      valid: true,
      events: 2, // created, invited
      checkpoint: { covered: true, loggedSeq: 2, valid: true },
    });

    const restore = await snapshot(officer.id, [['account_audit_events', 'account_id']]);
    try {
      await tamper([
        [
          `UPDATE account_audit_events SET payload = jsonb_set(payload, '{name}', '"Forged"') WHERE account_id = $1`,
          [officer.id],
        ],
      ]);
      expect(await verifyAccount(officer.id)).toMatchObject({
        valid: false,
        problem: 'HASH_MISMATCH',
        firstBrokenSeq: 1,
      });
      const all = (await get(t, token('admin'), '/api/audit/verify'))
        .body as AuditTrailVerification;
      expect(all.valid).toBe(false);
      expect(all.accounts.find((a) => a.accountId === officer.id)).toMatchObject({
        valid: false,
        problem: 'HASH_MISMATCH',
      });

      await tamper([['DELETE FROM account_audit_events WHERE account_id = $1', [officer.id]]]);
      const gone = (await get(t, token('admin'), '/api/audit/verify'))
        .body as AuditTrailVerification;
      expect(gone.missingPacts).toContain(officer.id);
      await expect(checkpoints.createCheckpoint()).rejects.toBeInstanceOf(TreeHeadError);
    } finally {
      await restore();
    }
    expect(await verifyAccount(officer.id)).toMatchObject({ valid: true });
    expect(
      ((await get(t, token('admin'), '/api/audit/verify')).body as { valid: boolean }).valid,
    ).toBe(true);
  });
});
