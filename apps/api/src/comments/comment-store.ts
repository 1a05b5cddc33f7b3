import type { CommentAnchor } from '@pactroom/negotiation';
import type { EntityManager } from 'typeorm';

// Every comment statement: the app's reads and writes of `pact_comments`, and the consultations a
// member is asked in on a revision (what lets a member read and write there). The rules (anchors,
// text, who takes part) are libs/negotiation's.

/** A comment as stored, with its author's and local party's names. */
export interface CommentRow {
  readonly id: string;
  /** Order of writing (a bigint, as text). */
  readonly seq: string;
  readonly revision: number;
  readonly anchor: CommentAnchor;
  readonly text: string;
  readonly authorName: string;
  readonly authorRole: 'officer' | 'national' | 'coordinator' | 'member';
  readonly localPartyName: string | null;
  readonly party: string;
  readonly region: string | null;
  readonly createdAt: Date;
}

/** A new comment: who wrote it, in which capacity. */
export interface NewComment {
  readonly id: string;
  readonly pactId: string;
  readonly revision: number;
  readonly anchor: CommentAnchor;
  readonly text: string;
  readonly authorId: string;
  readonly authorRole: CommentRow['authorRole'];
  readonly localPartyId: string | null;
  readonly party: string;
  readonly region: string | null;
  readonly createdAt: Date;
}

const COLUMNS = `c.id, c.seq, c.revision, c.anchor, c.text, u.name AS "authorName", c.author_role AS "authorRole",
  lp.name AS "localPartyName", c.party_code AS party, c.region_slug AS region, c.created_at AS "createdAt"`;

/** A page of a revision's comments in the order written, after the one numbered `afterSeq`. */
export function commentPage(
  manager: EntityManager,
  pactId: string,
  revision: number,
  afterSeq: number,
  limit: number,
): Promise<CommentRow[]> {
  return manager.query<CommentRow[]>(
    `SELECT ${COLUMNS} FROM pact_comments c
       JOIN users u ON u.id = c.author_id
       LEFT JOIN local_parties lp ON lp.id = c.local_party_id
      WHERE c.pact_id = $1 AND c.revision = $2 AND c.seq > $3
      ORDER BY c.seq
      LIMIT $4`,
    [pactId, revision, afterSeq, limit],
  );
}

/** One comment by id, as listed. */
export async function commentById(
  manager: EntityManager,
  id: string,
): Promise<CommentRow | undefined> {
  const [row] = await manager.query<CommentRow[]>(
    `SELECT ${COLUMNS} FROM pact_comments c
       JOIN users u ON u.id = c.author_id
       LEFT JOIN local_parties lp ON lp.id = c.local_party_id
      WHERE c.id = $1`,
    [id],
  );
  return row;
}

/** Records a comment (append-only). */
export async function insertComment(manager: EntityManager, c: NewComment): Promise<void> {
  await manager.query(
    `INSERT INTO pact_comments (id, pact_id, revision, anchor, text, author_id, author_role,
       local_party_id, party_code, region_slug, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      c.id,
      c.pactId,
      c.revision,
      JSON.stringify(c.anchor),
      c.text,
      c.authorId,
      c.authorRole,
      c.localPartyId,
      c.party,
      c.region,
      c.createdAt,
    ],
  );
}

/** A consultation a member is asked in, on one revision of a pact. */
export interface ElectorConsultation {
  readonly id: string;
  readonly party: string;
  readonly region: string;
  /** Open now: not ended and its closing time still ahead. */
  readonly open: boolean;
}

/**
 * The consultations on revision `revision` of the pact that list the user among those consulted,
 * open ones first; `lock` takes a shared lock on them, so a close waits for a comment being
 * written (and the comment for the close).
 */
export function electorConsultations(
  manager: EntityManager,
  pactId: string,
  revision: number,
  userId: string,
  now: Date,
  lock: '' | 'FOR SHARE OF c' = '',
): Promise<ElectorConsultation[]> {
  return manager.query<ElectorConsultation[]>(
    `SELECT c.id, c.party_code AS party, c.region_slug AS region,
            (c.ended_at IS NULL AND c.closes_at > $4) AS "open"
       FROM consultations c
       JOIN consultation_electors e ON e.consultation_id = c.id AND e.user_id = $3
      WHERE c.pact_id = $1 AND c.revision = $2
      ORDER BY "open" DESC, c.party_code, c.region_slug ${lock}`,
    [pactId, revision, userId, now],
  );
}
