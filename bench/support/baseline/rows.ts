// The baseline's writes, as bare statements on one pg client inside the caller's transaction: what
// the app's TypeORM code writes for a signature (the pact row, the chained audit events) and for a
// new session (the refresh token), without entities or query runners.
import { createHash } from 'node:crypto';
import type { Pact, PactEvent } from '@pactroom/negotiation';
import type pg from 'pg';
import { chainPactEvent } from '../../../apps/api/src/audit/audit-log.js';
import { AUDIT_EVENT_COLUMNS, auditEventValues } from '../audit-rows.js';

const REFRESH_TTL_MS = 30 * 86_400_000;

/** The new signatures and the pact row (what savePactChanges writes for a sign). */
export async function saveSignature(client: pg.PoolClient, before: Pact, after: Pact, at: Date) {
  const old = new Set(before.signatures.map((s) => `${s.localPartyId}|${s.revision}`));
  for (const s of after.signatures) {
    if (!old.has(`${s.localPartyId}|${s.revision}`)) {
      await client.query(
        `INSERT INTO pact_signatures (pact_id, revision_number, local_party_id, hash, user_id, signed_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [after.id, s.revision, s.localPartyId, s.hash, s.userId, s.signedAt],
      );
    }
  }
  await client.query(
    `UPDATE pacts SET status = $2, current_revision = $3, proposed_at = $4, updated_at = $5 WHERE id = $1`,
    [after.id, after.status, after.revision.number, after.proposedAt, at],
  );
}

/** Reads the chain head and inserts each event chained to it (what appendPactEvents does). */
export async function appendEvents(
  client: pg.PoolClient,
  events: readonly PactEvent[],
  by: { userId: string; name: string },
) {
  for (const event of events) {
    const { rows } = await client.query<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_events WHERE pact_id = $1 ORDER BY seq DESC LIMIT 1',
      [event.pactId],
    );
    const chained = chainPactEvent(rows[0] ?? null, event, by);
    await client.query(
      `INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      auditEventValues(chained),
    );
  }
}

/** A new session's refresh token, stored as the SHA-256 of its secret (what RefreshTokenService issues). */
export async function insertRefreshToken(
  client: pg.PoolClient,
  token: { id: string; familyId: string; userId: string; secret: string; issuedAt: Date },
) {
  await client.query(
    `INSERT INTO refresh_tokens (id, family_id, user_id, secret_hash, issued_at, expires_at, used_at, revoked_at)
     VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL)`,
    [
      token.id,
      token.familyId,
      token.userId,
      createHash('sha256').update(token.secret).digest('hex'),
      token.issuedAt,
      new Date(token.issuedAt.getTime() + REFRESH_TTL_MS),
    ],
  );
}
