import { SYSTEM_ACCOUNT_ACTOR, appendAccountChanges } from '../audit/account-trail.js';
import type { DataSource } from 'typeorm';
import type { PasswordHasher } from '../auth/password-hasher.js';
import { DEMO_ACCOUNTS, DEMO_LOCAL_PARTIES, DEMO_PASSWORD } from './demo-accounts.js';

/**
 * Creates the demo local parties and accounts that do not exist yet (by name and email), so it is
 * safe on every start. Never called in production (the config refuses it).
 */
export async function seedDemo(
  dataSource: DataSource,
  hasher: PasswordHasher,
): Promise<{ created: number }> {
  let created = 0;
  await dataSource.transaction(async (manager) => {
    const localPartyIds = new Map<string, string>();
    for (const lp of DEMO_LOCAL_PARTIES) {
      const rows: { id: string }[] = await manager.query(
        `WITH seat AS (SELECT id, region_slug FROM constituencies WHERE boundary_set = '2010' AND ons_code = $3),
              ins AS (INSERT INTO local_parties (party_code, name, region_slug, boundary_set)
                      SELECT $1, $2, region_slug, '2010' FROM seat
                      ON CONFLICT (party_code, name) DO NOTHING RETURNING id),
              link AS (INSERT INTO local_party_constituencies (local_party_id, constituency_id)
                       SELECT ins.id, seat.id FROM ins, seat RETURNING local_party_id)
         SELECT id FROM ins UNION ALL SELECT id FROM local_parties WHERE party_code = $1 AND name = $2`,
        [lp.party, lp.name, lp.constituency],
      );
      const id = rows[0]?.id;
      if (!id) {
        throw new Error(
          `demo local party ${lp.name}: constituency ${lp.constituency} is not loaded`,
        );
      }
      localPartyIds.set(lp.key, id);
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
