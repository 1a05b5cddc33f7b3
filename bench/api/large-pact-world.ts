// The people and local parties large-pact needs, written straight into the bench's database: for a
// pact of P participants and S stand-asides, S seats (2010 boundaries, the GE2019 contest on GE2017
// results) each with one stand-aside, and P local parties of three parties covering them, each with
// its own officer; one coordinator per party and region. Every account has the demo password, so
// officers sign in over the API and through the sign-in page like anyone else.
//
// Stand-aside i is in seat i: party PARTIES[i mod 3] stands aside for PARTIES[(i + 1) mod 3]. With
// P ≥ S each stand-aside has a one-seat local party of its own and the other P − S participants are
// the beneficiaries' one-seat local parties (the Unite to Remain shape: 71 branches standing aside,
// 60 benefiting); with P < S a local party covers several seats of its party and region (at most
// 40, the API's limit). Each size's local parties are retired after it, so the next may cover the
// same seats (one active local party of a party per seat).
import type pg from 'pg';

export const PARTIES = ['ld', 'green', 'lab'] as const;
/** The API's most seats per local party (MAX_LOCAL_PARTY_SEATS). */
const MAX_SEATS = 40;

export interface Seat {
  readonly id: number;
  readonly onsCode: string;
  readonly region: string;
}

export interface Branch {
  readonly id: string;
  readonly party: string;
  readonly region: string;
  readonly officerEmail: string;
}

export interface LargePactWorld {
  readonly branches: Branch[];
  readonly standAsides: { party: string; constituency: string; beneficiary: string }[];
}

/** Seats no existing local party covers (the demo's), sorted by region then code. */
export async function freeSeats(client: pg.Client): Promise<Seat[]> {
  const { rows } = await client.query<{ id: number; ons_code: string; region_slug: string }>(
    `SELECT c.id, c.ons_code, c.region_slug FROM constituencies c
      WHERE c.boundary_set = '2010'
        AND NOT EXISTS (SELECT 1 FROM local_party_constituencies lpc WHERE lpc.constituency_id = c.id)
      ORDER BY c.region_slug, c.ons_code`,
  );
  return rows.map((r) => ({ id: r.id, onsCode: r.ons_code, region: r.region_slug }));
}

interface Plan {
  readonly party: string;
  readonly region: string;
  readonly seats: Seat[];
}

type StandAside = LargePactWorld['standAsides'][number];

/**
 * S stand-asides over the free seats: one per seat (party i mod 3 for party i + 1 mod 3), then, past
 * the last seat, a second party in the same seats for the same beneficiary (as in Unite to Remain's
 * Welsh seats, where two parties stood aside for one).
 */
function standAsidesOf(seats: readonly Seat[], count: number): (StandAside & { seat: Seat })[] {
  if (count > 2 * seats.length) {
    throw new Error(`large-pact: ${count} stand-asides need more than ${seats.length} seats`);
  }
  // Two stand-asides are a swap between two parties (Hastings for Lewes); more cycle over three.
  const cycle = count < 3 ? 2 : 3;
  return Array.from({ length: count }, (_, i) => {
    const k = i % seats.length;
    const seat = seats[k];
    const party = PARTIES[(i < seats.length ? k : k + 2) % cycle] ?? 'ld';
    const beneficiary = PARTIES[(k + 1) % cycle] ?? 'lab';
    return { seat, party, constituency: seat.onsCode, beneficiary };
  });
}

/** Which seats each of the P local parties covers. */
function layout(legs: readonly (StandAside & { seat: Seat })[], participants: number): Plan[] {
  const standing = legs.map(({ seat, party }) => ({ seat, party }));
  if (participants >= legs.length) {
    const benefiting = legs
      .slice(0, participants - legs.length)
      .map(({ seat, beneficiary }) => ({ seat, party: beneficiary }));
    if (benefiting.length < participants - legs.length) {
      throw new Error(`large-pact: ${participants} participants need more stand-asides`);
    }
    return [...standing, ...benefiting].map(({ seat, party }) => ({
      party,
      region: seat.region,
      seats: [seat],
    }));
  }
  // Fewer participants than stand-asides: one local party per party and region, split (largest
  // first) until there are P of them.
  const groups = new Map<string, Plan>();
  for (const { seat, party } of standing) {
    const key = `${party}|${seat.region}`;
    const group = groups.get(key) ?? { party, region: seat.region, seats: [] };
    group.seats.push(seat);
    groups.set(key, group);
  }
  const plans = [...groups.values()];
  for (;;) {
    plans.sort((a, b) => b.seats.length - a.seats.length);
    const largest = plans[0];
    const tooBig = largest !== undefined && largest.seats.length > MAX_SEATS;
    if (!largest || (plans.length >= participants && !tooBig) || largest.seats.length < 2) {
      break;
    }
    const half = Math.ceil(largest.seats.length / 2);
    plans.splice(
      0,
      1,
      { ...largest, seats: largest.seats.slice(0, half) },
      {
        ...largest,
        seats: largest.seats.slice(half),
      },
    );
  }
  if (plans.length !== participants) {
    throw new Error(`large-pact: cannot lay ${legs.length} stand-asides over ${participants}`);
  }
  return plans;
}

/**
 * Creates the local parties and officers of one size (`tag` keeps names unique) and returns them
 * with the stand-asides; `seats` must be free of active local parties of the three parties.
 */
export async function createWorld(
  client: pg.Client,
  seats: readonly Seat[],
  size: { participants: number; standAsides: number },
  tag: string,
  passwordHash: string,
): Promise<LargePactWorld> {
  const legs = standAsidesOf(seats, size.standAsides);
  const plans = layout(legs, size.participants);
  const branches: Branch[] = [];
  await client.query('BEGIN');
  for (const [i, plan] of plans.entries()) {
    const name = `Bench ${tag} ${plan.party} ${i}`;
    const lp = await client.query<{ id: string }>(
      `INSERT INTO local_parties (party_code, name, region_slug) VALUES ($1, $2, $3) RETURNING id`,
      [plan.party, name, plan.region],
    );
    const id = lp.rows[0]?.id ?? '';
    await client.query(
      `INSERT INTO local_party_constituencies (local_party_id, constituency_id)
       SELECT $1, unnest($2::int[])`,
      [id, plan.seats.map((s) => s.id)],
    );
    const officerEmail = `bench.${tag}.${i}@pactroom.test`;
    await insertAccount(client, officerEmail, `Officer ${i} of ${name}`, passwordHash, {
      role: 'officer',
      party: plan.party,
      region: plan.region,
      localPartyId: id,
    });
    branches.push({ id, party: plan.party, region: plan.region, officerEmail });
  }
  await client.query('COMMIT');
  const standAsides = legs.map(({ party, constituency, beneficiary }) => ({
    party,
    constituency,
    beneficiary,
  }));
  return { branches, standAsides };
}

/** A coordinator for `party` in `region`; returns the account's email. */
export async function createCoordinator(
  client: pg.Client,
  party: string,
  region: string,
  passwordHash: string,
): Promise<string> {
  const email = `bench.coord.${party}.${region}@pactroom.test`;
  await insertAccount(client, email, `Coordinator ${party} ${region}`, passwordHash, {
    role: 'coordinator',
    party,
    region,
    localPartyId: null,
  });
  return email;
}

/** Retires a size's local parties (nothing is deleted), freeing their seats for the next size. */
export async function retireWorld(client: pg.Client, world: LargePactWorld): Promise<void> {
  await client.query(
    `UPDATE local_parties SET retired_at = now(), retirement_reason = 'bench size done'
      WHERE id = ANY($1::uuid[])`,
    [world.branches.map((b) => b.id)],
  );
}

async function insertAccount(
  client: pg.Client,
  email: string,
  name: string,
  passwordHash: string,
  grant: { role: string; party: string; region: string; localPartyId: string | null },
): Promise<void> {
  const user = await client.query<{ id: string }>(
    'INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id',
    [email, name, passwordHash],
  );
  await client.query(
    `INSERT INTO grants (user_id, role, party_code, region_slug, local_party_id)
     VALUES ($1, $2, $3, $4, $5)`,
    [user.rows[0]?.id, grant.role, grant.party, grant.region, grant.localPartyId],
  );
}
