import type { EntityManager } from 'typeorm';
import type { FactsSource, NamesRow } from './message-facts.js';

/** One inbox item with its event and the names its message mentions. */
export interface InboxRow extends FactsSource, NamesRow {
  readonly id: string;
  readonly createdAt: Date;
  /** `created_at` to the microsecond, as PostgreSQL writes it: the keyset cursor's first part. */
  readonly createdKey: string;
  readonly readAt: Date | null;
}

/**
 * A person's inbox, newest first, `limit` items older than `before` (the cursor of the last item
 * shown), with the same names a mail resolves (message-facts.ts) in one query.
 */
export function inboxPage(
  manager: EntityManager,
  userId: string,
  limit: number,
  before?: { createdKey: string; id: string },
): Promise<InboxRow[]> {
  return manager.query<InboxRow[]>(
    `SELECT i.id, i.user_id AS "userId", i.kind, i.created_at AS "createdAt",
            to_json(i.created_at) #>> '{}' AS "createdKey", i.read_at AS "readAt",
            e.pact_id AS "pactId", e.actor_user_id AS "actorUserId", e.data,
            r.name AS "recipient", a.name AS "actor", p.title, p.respond_by AS "respondBy",
            lp.name AS "localParty", rg.name AS "region", a.name AS "invitedBy"
       FROM inbox_items i
       JOIN notification_events e ON e.id = i.event_id
       JOIN users r ON r.id = i.user_id
       LEFT JOIN users a ON a.id = e.actor_user_id
       LEFT JOIN pacts p ON p.id = e.pact_id
       LEFT JOIN local_parties lp ON lp.id::text = e.data ->> 'actorLocalPartyId'
       LEFT JOIN regions rg ON rg.slug = e.data ->> 'actorRegion'
      WHERE i.user_id = $1
        AND ($3::timestamptz IS NULL OR (i.created_at, i.id) < ($3::timestamptz, $4::uuid))
      ORDER BY i.created_at DESC, i.id DESC
      LIMIT $2`,
    [userId, limit, before?.createdKey ?? null, before?.id ?? null],
  );
}

/** Marks one of the person's items read (if it is theirs); its pact, or undefined if not theirs. */
export async function markItemRead(
  manager: EntityManager,
  userId: string,
  itemId: string,
): Promise<{ pactId: string | null; consultationId: string | null } | undefined> {
  // Reading an item already read keeps the first time it was read. (A CTE, so the driver answers
  // rows: an UPDATE's own answer through TypeORM is [rows, count].)
  const [row] = await manager.query<{ pactId: string | null; consultationId: string | null }[]>(
    `WITH marked AS (
       UPDATE inbox_items i SET read_at = COALESCE(i.read_at, now())
         FROM notification_events e
        WHERE i.id = $2 AND i.user_id = $1 AND e.id = i.event_id
        RETURNING e.pact_id AS "pactId", e.data ->> 'consultationId' AS "consultationId")
     SELECT * FROM marked`,
    [userId, itemId],
  );
  return row;
}
