import { SYSTEM_ACCOUNT_ACTOR, appendAccountChanges } from '../audit/account-trail.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { PasswordHasher } from '../auth/password-hasher.js';
import {
  DEMO_ACCOUNTS,
  DEMO_LOCAL_PARTIES,
  DEMO_PASSWORD,
  type DemoLocalParty,
} from './demo-accounts.js';

/**
 * Creates the demo local parties and accounts that do not exist yet (by name and email), and gives
 * the demo local parties the seats they lack (2010 and 2024 boundaries), so it is safe on every
 * start and brings older demo databases up to date. Never called in production (the config
 * refuses it).
 */
export async function seedDemo(
  dataSource: DataSource,
  hasher: PasswordHasher,
): Promise<{ created: number }> {
  let created = 0;
  await dataSource.transaction(async (manager) => {
    const localPartyIds = new Map<string, string>();
    for (const lp of DEMO_LOCAL_PARTIES) {
      localPartyIds.set(lp.key, await seedLocalParty(manager, lp));
    }
    for (const account of DEMO_ACCOUNTS) {
      const exists: unknown[] = await manager.query('SELECT 1 FROM users WHERE email = $1', [
        account.email,
      ]);
      if (exists.length > 0) {
        continue;
      }
      const [user]: { id: string }[] = await manager.query(
        'INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id',
        [account.email, account.name, await hasher.hash(DEMO_PASSWORD)],
      );
      const localPartyId = account.localParty ? localPartyIds.get(account.localParty) : undefined;
      await manager.query(
        `INSERT INTO grants (user_id, role, party_code, region_slug, local_party_id)
         SELECT $1, $2, COALESCE($3, lp.party_code), COALESCE($4, lp.region_slug), lp.id
           FROM (SELECT NULL) AS one LEFT JOIN local_parties lp ON lp.id = $5::uuid`,
        [
          user?.id,
          account.role,
          account.party ?? null,
          account.region ?? null,
          localPartyId ?? null,
        ],
      );
      // The demo accounts' trails start like any other: created, by the platform (the seed).
      const grants: {
        role: string;
        party: string | null;
        region: string | null;
        local_party_id: string | null;
      }[] = await manager.query(
        'SELECT role, party_code AS party, region_slug AS region, local_party_id FROM grants WHERE user_id = $1',
        [user?.id],
      );
      if (user) {
        await appendAccountChanges(manager, user.id, SYSTEM_ACCOUNT_ACTOR, [
          {
            action: 'account.created',
            payload: {
              email: account.email,
              name: account.name,
              disabled: false,
              grants: grants.map((g) => ({
                role: g.role,
                party: g.party,
                region: g.region,
                localPartyId: g.local_party_id,
              })),
            },
          },
        ]);
      }
      created++;
    }
  });
  return { created };
}

/**
 * The demo local party's id, created (with its seats on both boundary sets) if no local party of
 * its party has its name; an existing one gets the seats it has never had — not one removed by
 * hand (its row is kept, marked), nor one another active local party of its party covers.
 * What the seed does is recorded in the local party's history, by the platform.
 */
async function seedLocalParty(manager: EntityManager, lp: DemoLocalParty): Promise<string> {
  const codes = Object.entries(lp.constituencies);
  const seats: { id: number; region_slug: string }[] = await manager.query(
    `SELECT id, region_slug FROM constituencies
      WHERE (boundary_set, ons_code) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))`,
    [codes.map(([set]) => set), codes.map(([, code]) => code)],
  );
  const region = seats[0]?.region_slug;
  if (seats.length !== codes.length || region === undefined) {
    throw new Error(
      `demo local party ${lp.name}: a constituency of ${codes.join(', ')} is not loaded`,
    );
  }
  const [existing]: { id: string }[] = await manager.query(
    `SELECT id FROM local_parties WHERE party_code = $1 AND lower(name) = lower($2)
      ORDER BY retired_at NULLS FIRST, created_at LIMIT 1`,
    [lp.party, lp.name],
  );
  let id = existing?.id;
  if (!id) {
    const [row]: { id: string }[] = await manager.query(
      'INSERT INTO local_parties (party_code, name, region_slug) VALUES ($1, $2, $3) RETURNING id',
      [lp.party, lp.name, region],
    );
    id = row?.id;
    if (!id) {
      throw new Error('INSERT … RETURNING gave no row');
    }
    await seedEvent(manager, id, 'local_party.created', { party: lp.party, name: lp.name, region });
  }
  const added: { ons_code: string; boundary_set: string }[] = await manager.query(
    `WITH added AS (
       INSERT INTO local_party_constituencies (local_party_id, constituency_id)
       SELECT $1, seat FROM unnest($2::int[]) AS seat
        WHERE NOT EXISTS (SELECT 1 FROM local_party_constituencies oc JOIN local_parties o ON o.id = oc.local_party_id
                           WHERE oc.constituency_id = seat AND oc.removed_at IS NULL AND o.id <> $1
                             AND o.party_code = $3 AND o.retired_at IS NULL)
       ON CONFLICT (local_party_id, constituency_id) DO NOTHING RETURNING constituency_id)
     SELECT c.ons_code, c.boundary_set FROM added JOIN constituencies c ON c.id = added.constituency_id
      ORDER BY c.boundary_set, c.ons_code`,
    [id, seats.map((s) => s.id), lp.party],
  );
  if (added.length > 0) {
    const seatsAdded = added.map((a) => ({
      constituency: a.ons_code,
      boundarySet: a.boundary_set,
    }));
    await seedEvent(manager, id, 'local_party.edited', { added: seatsAdded, removed: [] });
  }
  return id;
}

async function seedEvent(
  manager: EntityManager,
  localPartyId: string,
  action: string,
  payload: object,
): Promise<void> {
  await manager.query(
    `INSERT INTO local_party_events (local_party_id, action, actor_user_id, actor_role, payload)
     VALUES ($1, $2, NULL, 'system', $3::jsonb)`,
    [localPartyId, action, JSON.stringify(payload)],
  );
}
