import { describe, expect, it } from '@jest/globals';
import { MAX_LOCAL_PARTY_SEATS } from '../../src/local-parties/dto/local-party.dto.js';
import {
  MAX_PACT_COMMITMENTS,
  MAX_PACT_PARTICIPANTS,
  MAX_PACT_STAND_ASIDES,
} from '../../src/pacts/dto/pact-limits.js';
import { createAccount, createLocalParty, login } from '../support/factories.js';
import { demoPactFixture, HASTINGS_FOR_LEWES, inAMonth, post } from '../support/pacts.js';
import { branchOf, uniteToRemain } from '../support/unite-to-remain.js';

// Issue 14, national pacts: the size limits of a pact and of a local party (set from measured cost,
// bench/api/large-pact.ts) are in the OpenAPI as maxItems; one over answers 400 naming the field,
// at the limit is accepted; the 2019 Unite to Remain pact as one pact of local parties fits.

const f = demoPactFixture(['admin', 'officer.ld.hastings', 'coord.lab.southeast']);

type Schema = { properties: Record<string, { maxItems?: number; minItems?: number }> };

const uuids = (n: number) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const standAsides = (n: number) =>
  Array.from({ length: n }, () => ({ party: 'ld', constituency: 'E14000735', beneficiary: 'lab' }));
const commitments = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ party: 'lab', text: `Commitment ${i}` }));

const createPact = (body: object) =>
  f.create({ title: 'Limits', election: 'ge2017', ...body }, 'officer.ld.hastings');

/** The 400's fields, so a test can say which one was named. */
const fieldsOf = (body: { code: string; details?: { field: string }[] }) => ({
  code: body.code,
  fields: (body.details ?? []).map((d) => d.field),
});

describe('size limits in the OpenAPI', () => {
  it('documents each limit as maxItems, the same constant the validation uses', async () => {
    const res = await f.t.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    const schemas = res.body.components.schemas as Record<string, Schema>;
    expect(schemas.CreatePactDto?.properties.localParties).toMatchObject({
      minItems: 2,
      maxItems: MAX_PACT_PARTICIPANTS,
    });
    expect(schemas.TermsDto?.properties.standAsides?.maxItems).toBe(MAX_PACT_STAND_ASIDES);
    expect(schemas.TermsDto?.properties.commitments?.maxItems).toBe(MAX_PACT_COMMITMENTS);
    for (const dto of ['CreateLocalPartyDto', 'UpdateLocalPartyDto']) {
      expect(schemas[dto]?.properties.constituencies?.maxItems).toBe(MAX_LOCAL_PARTY_SEATS);
    }
    // Large enough for Unite to Remain as one pact of local parties: 131 participants, 71 legs.
    expect(MAX_PACT_PARTICIPANTS).toBeGreaterThanOrEqual(131);
    expect(MAX_PACT_STAND_ASIDES).toBeGreaterThanOrEqual(71);
  });
});

describe('one over a limit is refused with 400 naming the field; at the limit it is not', () => {
  it('participants', async () => {
    const over = await createPact({ localParties: uuids(MAX_PACT_PARTICIPANTS + 1) });
    expect(over.status).toBe(400);
    expect(fieldsOf(over.body)).toEqual({ code: 'VALIDATION_FAILED', fields: ['localParties'] });
    // At the limit the body is valid; these made-up ids then fail as unknown local parties.
    const at = await createPact({ localParties: uuids(MAX_PACT_PARTICIPANTS) });
    expect(at.status).not.toBe(400);
    expect(at.status).toBeLessThan(500);
  });

  it('stand-asides', async () => {
    const over = await createPact({
      terms: { standAsides: standAsides(MAX_PACT_STAND_ASIDES + 1), commitments: [] },
    });
    expect(over.status).toBe(400);
    expect(fieldsOf(over.body)).toEqual({
      code: 'VALIDATION_FAILED',
      fields: ['terms.standAsides'],
    });
    // At the limit the body passes validation; the repeated leg is then a problem of the terms.
    const at = await createPact({
      terms: { standAsides: standAsides(MAX_PACT_STAND_ASIDES), commitments: [] },
    });
    expect(at.status).toBe(422);
    expect(at.body.code).toBe('INVALID_TERMS');
  });

  it('commitments', async () => {
    const over = await createPact({
      terms: { ...HASTINGS_FOR_LEWES, commitments: commitments(MAX_PACT_COMMITMENTS + 1) },
    });
    expect(over.status).toBe(400);
    expect(fieldsOf(over.body)).toEqual({
      code: 'VALIDATION_FAILED',
      fields: ['terms.commitments'],
    });
    const at = await createPact({
      terms: { ...HASTINGS_FOR_LEWES, commitments: commitments(MAX_PACT_COMMITMENTS) },
    });
    expect(at.status).toBe(201);
    expect(at.body.revision.terms.commitments).toHaveLength(MAX_PACT_COMMITMENTS);
  });

  it('seats of a local party', async () => {
    const seats = (n: number) =>
      Array.from({ length: n }, (_, i) => `E140${String(i).padStart(5, '0')}`);
    const body = (n: number) => ({ party: 'lab', name: `Limits ${n}`, constituencies: seats(n) });
    const over = await post(
      f.t,
      f.token('admin'),
      '/api/local-parties',
      body(MAX_LOCAL_PARTY_SEATS + 1),
    );
    expect(over.status).toBe(400);
    expect(fieldsOf(over.body)).toEqual({ code: 'VALIDATION_FAILED', fields: ['constituencies'] });
    // At the limit the body is valid (these codes are then checked against the seats: 4xx, not 400).
    const at = await post(f.t, f.token('admin'), '/api/local-parties', body(MAX_LOCAL_PARTY_SEATS));
    expect(at.status).not.toBe(400);
    expect(at.status).toBeLessThan(500);
  });
});

describe('a national pact of local parties at the participant limit', () => {
  it('takes Unite to Remain (60 seats, 71 stand-asides, 3 parties) with every branch taking part', async () => {
    const { seats, legs } = uniteToRemain();
    expect(seats).toHaveLength(60);
    expect(legs).toHaveLength(71);
    const standing = [];
    for (const leg of legs) {
      standing.push(await branchOf(f.t, leg.party, leg.constituency));
    }
    const benefiting = [];
    for (const s of seats) {
      benefiting.push(await branchOf(f.t, s.beneficiary, s.onsCode));
    }
    // Up to the limit with Lib Dem branches elsewhere (in seats no Unite to Remain leg touches).
    const utr = new Set(seats.map((s) => s.onsCode));
    const spare: { ons_code: string }[] = await f.t.dataSource.query(
      `SELECT c.ons_code FROM constituencies c
        WHERE c.boundary_set = '2010' AND c.country = 'England'
          AND NOT EXISTS (SELECT 1 FROM local_party_constituencies lpc WHERE lpc.constituency_id = c.id)
        ORDER BY c.ons_code`,
    );
    const participants = [...standing, ...benefiting];
    for (const { ons_code } of spare.filter((s) => !utr.has(s.ons_code))) {
      if (participants.length === MAX_PACT_PARTICIPANTS) {
        break;
      }
      participants.push(await createLocalParty(f.t, 'ld', ons_code));
    }
    expect(new Set(participants).size).toBe(MAX_PACT_PARTICIPANTS);
    const author = await createAccount(f.t, [{ role: 'officer', localPartyId: standing[0] }]);
    const token = (await login(f.t, author.email)).accessToken;
    const body = {
      title: 'Unite to Remain',
      contest: 'ge2019',
      election: 'ge2017',
      localParties: participants,
      terms: { standAsides: legs, commitments: [] },
      respondBy: inAMonth(),
      propose: true,
    };
    const res = await post(f.t, token, '/api/pacts', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'proposed', contest: 'ge2019' });
    expect(res.body.participants).toHaveLength(MAX_PACT_PARTICIPANTS);
    expect(res.body.revision.terms.standAsides).toHaveLength(71);
    // One more participant is refused before anything is looked up.
    const over = await post(f.t, token, '/api/pacts', {
      ...body,
      localParties: [...participants, '00000000-0000-4000-8000-000000000001'],
    });
    expect(over.status).toBe(400);
    expect(fieldsOf(over.body)).toEqual({ code: 'VALIDATION_FAILED', fields: ['localParties'] });
  });
});
