import { createHash, createPublicKey, verify } from 'node:crypto';
import { expect, it } from '@jest/globals';
import { HASTINGS_FOR_LEWES, demoPactFixture, get, inAMonth, post } from '../support/pacts.js';

const f = demoPactFixture([
  'officer.ld.hastings',
  'officer.lab.lewes',
  'officer.lab.hastings',
  'officer.green.pavilion',
  'coord.ld.southeast',
  'coord.lab.southeast',
  'member.lab',
  'member.ld',
  'member.green',
]);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

it('walks Hastings-for-Lewes from proposal to ratification, with a verifiable trail and certificate', async () => {
  const officerLd = f.token('officer.ld.hastings');
  const officerLab = f.token('officer.lab.lewes');

  // The Hastings and Rye Lib Dems propose; proposing signs for them.
  const created = await post(f.t, officerLd, '/api/pacts', {
    title: 'Hastings for Lewes',
    election: 'ge2017',
    localParties: [f.ldHastings, f.labLewes],
    terms: HASTINGS_FOR_LEWES,
    respondBy: inAMonth(),
    propose: true,
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'proposed', currentRevision: 1 });
  expect(created.body.signatures.map((s: { localPartyId: string }) => s.localPartyId)).toEqual([
    f.ldHastings,
  ]);
  const id: string = created.body.id;
  const rev1 = created.body.revision;
  expect(sha256(rev1.canonicalTerms)).toBe(rev1.hash);

  // Lewes Labour counters, adding a commitment: revision 2, signed by Labour only.
  const countered = await post(f.t, officerLab, `/api/pacts/${id}/counter`, {
    baseRevision: 1,
    terms: {
      ...HASTINGS_FOR_LEWES,
      commitments: [{ party: 'ld', text: 'Campaign for Labour in Hastings and Rye' }],
    },
  });
  expect(countered.status).toBe(200);
  expect(countered.body).toMatchObject({ status: 'proposed', currentRevision: 2 });
  expect(countered.body.signatures.map((s: { localPartyId: string }) => s.localPartyId)).toEqual([
    f.labLewes,
  ]);
  const rev2 = countered.body.revision;

  // A signature on the stale revision is refused and changes nothing.
  const stale = await post(f.t, officerLd, `/api/pacts/${id}/sign`, {
    revision: 1,
    hash: rev1.hash,
  });
  expect(stale.status).toBe(409);
  expect(stale.body.code).toBe('STALE_REVISION');
  expect((await get(f.t, officerLd, `/api/pacts/${id}`)).body.signatures).toHaveLength(1);

  // The Lib Dems sign revision 2: every participant has signed.
  const signed = await post(f.t, officerLd, `/api/pacts/${id}/sign`, {
    revision: 2,
    hash: rev2.hash,
  });
  expect(signed.status).toBe(200);
  expect(signed.body.status).toBe('signed');
  expect(signed.body.requiredApprovals).toEqual([
    { party: 'lab', region: 'south-east', status: 'pending', hasCoordinator: true },
    { party: 'ld', region: 'south-east', status: 'pending', hasCoordinator: true },
  ]);

  // Both South East coordinators approve: ratified.
  const ldApproval = await post(f.t, f.token('coord.ld.southeast'), `/api/pacts/${id}/approve`, {
    revision: 2,
    hash: rev2.hash,
  });
  expect(ldApproval.status).toBe(200);
  expect(ldApproval.body.status).toBe('signed');
  const labApproval = await post(f.t, f.token('coord.lab.southeast'), `/api/pacts/${id}/approve`, {
    revision: 2,
    hash: rev2.hash,
  });
  expect(labApproval.status).toBe(200);
  expect(labApproval.body.status).toBe('ratified');

  // Members of both parties see it; a Green member and a non-participant officer get 404.
  for (const who of ['member.lab', 'member.ld']) {
    expect((await get(f.t, f.token(who), `/api/pacts/${id}`)).status).toBe(200);
  }
  for (const who of ['member.green', 'officer.green.pavilion', 'officer.lab.hastings']) {
    const res = await get(f.t, f.token(who), `/api/pacts/${id}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('PACT_NOT_FOUND');
  }

  // The audit trail: one event per change, and it verifies (chain and checkpoint).
  const audit = await get(f.t, f.token('member.ld'), `/api/pacts/${id}/audit`);
  expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
    'pact.drafted',
    'pact.proposed',
    'pact.countered',
    'pact.signed',
    'pact.approved',
    'pact.approved',
  ]);
  const verified = await get(f.t, f.token('member.lab'), `/api/pacts/${id}/audit/verify`);
  expect(verified.body).toMatchObject({
    valid: true,
    events: 6,
    firstBrokenSeq: null,
    head: { seq: 6 },
    checkpoint: { covered: true, valid: true },
  });

  // The certificate: recompute every hash from what it carries, and check the signature.
  const cert = await get(f.t, f.token('member.lab'), `/api/pacts/${id}/certificate`);
  expect(cert.status).toBe(200);
  const { certificate, canonicalPayload, canonicalTerms, publicKey } = cert.body;
  expect(sha256(canonicalTerms)).toBe(rev2.hash);
  expect(certificate.payload.revision).toMatchObject({ number: 2, hash: rev2.hash });
  expect(sha256(canonicalPayload)).toBe(certificate.hash);
  expect(JSON.parse(canonicalPayload)).toEqual(certificate.payload);
  expect(
    verify(
      null,
      Buffer.from(certificate.hash),
      createPublicKey(publicKey),
      Buffer.from(certificate.signature, 'base64'),
    ),
  ).toBe(true);
  expect(certificate.payload.signatures).toHaveLength(2);
  expect(certificate.payload.approvals.map((a: { party: string }) => a.party).sort()).toEqual([
    'lab',
    'ld',
  ]);
  expect(certificate.payload.chainHead).toEqual(verified.body.head);
  // The projection snapshot: the ratified stand-asides projected at central rates, with the same
  // seeded draws as the pact's impact everywhere else (issue 16), on the baseline result.
  expect(certificate.payload.projection).toMatchObject({
    election: 'ge2017',
    transferSet: 'central',
    draws: 2000,
    seed: 1,
    scenario: null,
    projectedOn: 'baseline: GE2017 result',
  });
  expect(
    certificate.payload.projection.seats.map((s: { onsCode: string }) => s.onsCode).sort(),
  ).toEqual(['E14000735', 'E14000786']);
});
