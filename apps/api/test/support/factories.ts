import { randomBytes } from 'node:crypto';
import type { Grant } from '@pactroom/accounts';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import type { TestApp } from './test-app.js';

export const TEST_PASSWORD = 'correct-horse-battery';

let hashOnce: Promise<string> | undefined;

/** A unique email for this test run. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}.${randomBytes(4).toString('hex')}@pactroom.test`;
}

/** Inserts a local party covering one 2010-boundary constituency; returns its id. */
export async function createLocalParty(
  t: TestApp,
  party: string,
  constituency: string,
  name = `${party} ${constituency} ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const rows: { id: string }[] = await t.dataSource.query(
    `WITH seat AS (SELECT id, region_slug FROM constituencies WHERE boundary_set = '2010' AND ons_code = $3),
          lp AS (INSERT INTO local_parties (party_code, name, region_slug, boundary_set) SELECT $1, $2, region_slug, '2010' FROM seat RETURNING id)
     INSERT INTO local_party_constituencies (local_party_id, constituency_id) SELECT lp.id, seat.id FROM lp, seat RETURNING local_party_id AS id`,
    [party, name, constituency],
  );
  const id = rows[0]?.id;
  if (!id) {
    throw new Error(`no constituency ${constituency}`);
  }
  return id;
}

/** Inserts an account with these grants (password TEST_PASSWORD); returns its id and email. */
export async function createAccount(
  t: TestApp,
  grants: Partial<Grant>[],
  email = uniqueEmail(),
): Promise<{ id: string; email: string }> {
  hashOnce ??= t.app.get(PasswordHasher).hash(TEST_PASSWORD);
  const [user]: { id: string }[] = await t.dataSource.query(
    'INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id',
    [email, `Test ${email}`, await hashOnce],
  );
  if (!user) {
    throw new Error('user not created');
  }
  for (const g of grants) {
    await t.dataSource.query(
      `INSERT INTO grants (user_id, role, party_code, region_slug, local_party_id)
       SELECT $1, $2, COALESCE($3, lp.party_code), COALESCE($4, lp.region_slug), $5::uuid
         FROM (SELECT 1) one LEFT JOIN local_parties lp ON lp.id = $5::uuid`,
      [user.id, g.role, g.party ?? null, g.region ?? null, g.localPartyId ?? null],
    );
  }
  return { id: user.id, email };
}

/** Signs in over HTTP and returns the token pair and user. */
export async function login(
  t: TestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<{ accessToken: string; refreshToken: string; userId: string }> {
  const res = await t.http.post('/api/auth/login').send({ email, password });
  if (res.status !== 200) {
    throw new Error(`login ${email} → ${res.status} ${JSON.stringify(res.body)}`);
  }
  const body = res.body as { accessToken: string; refreshToken: string; user: { id: string } };
  return { accessToken: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id };
}

/** `Authorization` header value for a token. */
export const bearer = (token: string) => `Bearer ${token}`;
