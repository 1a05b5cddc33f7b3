// Who the seeded pacts are between, read from the booted database so the seed writes the ids the
// app assigned: the demo accounts, the demo local parties and the election's seat → region map,
// and the two pairings of the seed (seed.ts says why two).
import type { Actor, Grant, Participant, StandAside } from '@pactroom/negotiation';
import type pg from 'pg';

export const ELECTION = 'ge2017';
/** The contest pacts on GE2017 results are for. */
export const CONTEST = 'ge2019';

/** The demo accounts and local parties the seeded pacts are between. */
export interface World {
  readonly actors: ReadonlyMap<string, Actor>;
  readonly localParties: ReadonlyMap<string, Participant>;
  readonly regions: ReadonlyMap<string, string>;
}

/** Reads users with their grants, the demo local parties and the election's seat → region map. */
export async function loadWorld(client: pg.ClientBase): Promise<World> {
  const users = await client.query<{ id: string; email: string; grants: Grant[] }>(
    `SELECT u.id, u.email,
            COALESCE(json_agg(json_build_object('role', g.role, 'party', g.party_code, 'region', g.region_slug,
              'localPartyId', g.local_party_id)) FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
       FROM users u LEFT JOIN grants g ON g.user_id = u.id GROUP BY u.id`,
  );
  const parties = await client.query<{
    id: string;
    name: string;
    party_code: string;
    region_slug: string;
    constituencies: string[];
  }>(
    `SELECT lp.id, lp.name, lp.party_code, lp.region_slug,
            ARRAY(SELECT c.ons_code FROM local_party_constituencies lc JOIN constituencies c ON c.id = lc.constituency_id
                   WHERE lc.local_party_id = lp.id ORDER BY c.ons_code) AS constituencies
       FROM local_parties lp`,
  );
  const seats = await client.query<{ ons_code: string; region_slug: string }>(
    `SELECT c.ons_code, c.region_slug FROM elections e
       JOIN constituency_results r ON r.election_code = e.code JOIN constituencies c ON c.id = r.constituency_id
      WHERE e.code = $1`,
    [ELECTION],
  );
  return {
    actors: new Map(users.rows.map((u) => [u.email, { userId: u.id, grants: u.grants }])),
    localParties: new Map(
      parties.rows.map((p) => [
        p.name,
        {
          localPartyId: p.id,
          party: p.party_code,
          region: p.region_slug,
          constituencies: p.constituencies,
        },
      ]),
    ),
    regions: new Map(seats.rows.map((s) => [s.ons_code, s.region_slug])),
  };
}

export interface Pairing {
  readonly key: 'A' | 'B';
  readonly participants: readonly Participant[];
  readonly author: Actor;
  readonly counterpart: Actor;
  readonly coordinators: readonly Actor[];
  readonly termChoices: readonly (readonly StandAside[])[];
  readonly titles: readonly string[];
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`seed: no ${what} (were the demo accounts seeded?)`);
  }
  return value;
}

export function pairings(world: World): Pairing[] {
  const actor = (email: string) => required(world.actors.get(email), `account ${email}`);
  const lp = (name: string) => required(world.localParties.get(name), `local party ${name}`);
  const ldStandsAside = { party: 'ld', constituency: 'E14000735', beneficiary: 'lab' };
  const labStandsAside = { party: 'lab', constituency: 'E14000786', beneficiary: 'ld' };
  return [
    {
      key: 'A',
      participants: [lp('Hastings and Rye Liberal Democrats'), lp('Lewes Labour')],
      author: actor('officer.ld.hastings@pactroom.test'),
      counterpart: actor('officer.lab.lewes@pactroom.test'),
      coordinators: [
        actor('coord.ld.southeast@pactroom.test'),
        actor('coord.lab.southeast@pactroom.test'),
      ],
      termChoices: [[ldStandsAside, labStandsAside], [ldStandsAside], [labStandsAside]],
      titles: ['Hastings for Lewes', 'East Sussex swap', 'Rye and Lewes understanding'],
    },
    {
      key: 'B',
      participants: [lp('Hastings and Rye Labour'), lp('Brighton Pavilion Green Party')],
      author: actor('officer.lab.hastings@pactroom.test'),
      counterpart: actor('officer.green.pavilion@pactroom.test'),
      coordinators: [
        actor('coord.lab.southeast@pactroom.test'),
        actor('coord.green.southeast@pactroom.test'),
      ],
      termChoices: [[{ party: 'green', constituency: 'E14000598', beneficiary: 'lab' }]],
      titles: ['Pavilion for Hastings', 'Brighton understanding'],
    },
  ];
}
