import { HASTINGS_FOR_LEWES, inAMonth, localPartyId, post, tokenIn } from '../../support/pacts.js';
import type { TestApp } from '../../support/test-app.js';

/** A pact as the fixtures leave it: its id, status and current revision. */
export interface PactFixture {
  readonly id: string;
  readonly status: string;
  readonly revision: number;
  readonly hash: string;
}

export type PactState = 'draft' | 'proposed' | 'signed' | 'ratified' | 'terminated' | 'withdrawn';

export const COUNTER_TERMS = {
  ...HASTINGS_FOR_LEWES,
  commitments: [{ party: 'ld', text: 'Campaign for Labour in Hastings and Rye' }],
};

/** The demo local parties of Hastings-for-Lewes. */
export async function hastingsForLewesParties(
  t: TestApp,
): Promise<{ ldHastings: string; labLewes: string }> {
  return {
    ldHastings: await localPartyId(t, 'Hastings and Rye Liberal Democrats'),
    labLewes: await localPartyId(t, 'Lewes Labour'),
  };
}

interface PactBody {
  id: string;
  status: string;
  revision: { number: number; hash: string };
}

function expectStep(
  res: { status: number; body: unknown },
  status: number,
  step: string,
): PactBody {
  if (res.status !== status) {
    throw new Error(`fixture step ${step} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as PactBody;
}

const fixtureOf = (body: PactBody): PactFixture => ({
  id: body.id,
  status: body.status,
  revision: body.revision.number,
  hash: body.revision.hash,
});

/**
 * A Hastings-for-Lewes pact in `state`, authored by officer.ld.hastings with Lewes Labour; `signed`
 * once Lewes Labour signs revision 1; `ratified` after a Labour counter (revision 2), the Lib Dem
 * signature and both South East coordinators' approvals; `terminated` after that. `tokens` holds
 * the access tokens of officer.ld.hastings, officer.lab.lewes, coord.ld.southeast and
 * coord.lab.southeast.
 */
export async function createPactIn(
  t: TestApp,
  tokens: Readonly<Record<string, string>>,
  state: PactState,
  title = `Hastings for Lewes (${state})`,
): Promise<PactFixture> {
  const token = (name: string): string => tokenIn(tokens, name);
  const { ldHastings, labLewes } = await hastingsForLewesParties(t);
  const author = token('officer.ld.hastings');
  const partner = token('officer.lab.lewes');
  let pact = fixtureOf(
    expectStep(
      await post(t, author, '/api/pacts', {
        title,
        election: 'ge2017',
        localParties: [ldHastings, labLewes],
        terms: HASTINGS_FOR_LEWES,
        respondBy: inAMonth(),
        propose: state !== 'draft',
      }),
      201,
      `create ${state}`,
    ),
  );
  if (state === 'draft' || state === 'proposed') {
    return pact;
  }
  if (state === 'withdrawn') {
    return fixtureOf(
      expectStep(
        await post(t, author, `/api/pacts/${pact.id}/withdraw`, { reason: 'Fixture' }),
        200,
        'withdraw',
      ),
    );
  }
  if (state === 'signed') {
    return fixtureOf(
      expectStep(
        await post(t, partner, `/api/pacts/${pact.id}/sign`, {
          revision: pact.revision,
          hash: pact.hash,
        }),
        200,
        'sign',
      ),
    );
  }
  pact = fixtureOf(
    expectStep(
      await post(t, partner, `/api/pacts/${pact.id}/counter`, {
        baseRevision: pact.revision,
        terms: COUNTER_TERMS,
      }),
      200,
      'counter',
    ),
  );
  const accept = { revision: pact.revision, hash: pact.hash };
  expectStep(await post(t, author, `/api/pacts/${pact.id}/sign`, accept), 200, 'sign revision 2');
  for (const coordinator of ['coord.ld.southeast', 'coord.lab.southeast']) {
    pact = fixtureOf(
      expectStep(
        await post(t, token(coordinator), `/api/pacts/${pact.id}/approve`, accept),
        200,
        `approve as ${coordinator}`,
      ),
    );
  }
  if (state === 'terminated') {
    pact = fixtureOf(
      expectStep(
        await post(t, partner, `/api/pacts/${pact.id}/terminate`, { reason: 'Fixture' }),
        200,
        'terminate',
      ),
    );
  }
  return pact;
}
