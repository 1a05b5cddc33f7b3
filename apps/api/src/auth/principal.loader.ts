import { Injectable } from '@nestjs/common';
import type { Grant } from '@pactroom/accounts';
import { DataSource } from 'typeorm';
import type { Principal } from './principal.js';

interface PrincipalRow {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  session_revoked: boolean;
  grants: Grant[];
}

/**
 * Loads the user behind a token on every request, in one query: a disabled account, a revoked
 * session (logout, refresh reuse) or changed grants take effect at once, not when the token expires.
 */
@Injectable()
export class PrincipalLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(userId: string, sessionId: string): Promise<Principal | undefined> {
    const rows: PrincipalRow[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.disabled_at IS NOT NULL AS disabled,
              EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.user_id = u.id AND r.revoked_at IS NOT NULL)
                OR NOT EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.user_id = u.id) AS session_revoked,
              COALESCE(json_agg(json_build_object('role', g.role, 'party', g.party_code, 'region', g.region_slug,
                'localPartyId', g.local_party_id) ORDER BY g.role, g.party_code, g.region_slug, g.local_party_id)
                FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
         FROM users u LEFT JOIN grants g ON g.user_id = u.id
        WHERE u.id = $1
        GROUP BY u.id`,
      [userId, sessionId],
    );
    const row = rows[0];
    if (!row || row.disabled || row.session_revoked) {
      return undefined;
    }
    return { userId: row.id, email: row.email, name: row.name, grants: row.grants, sessionId };
  }
}
