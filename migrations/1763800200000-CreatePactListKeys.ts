import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keys each pact is filed under in its current state, in SQL: the same rule as `listKeysOf`
 * (libs/negotiation/src/list-keys.ts). Viewer keys: author; once proposed, officers of every
 * participant and coordinators of every participating party in each region the pact touches
 * (participants' own regions and the current revision's stand-aside regions); members of every
 * participating party once ratified or terminated. Then each viewer key (but the author's once
 * proposed: its officers look under `officer:`), and `all` (an admin's), qualified by each filter
 * term the pact matches: its status, each participating party, each
 * region it touches, each seat of a current stand-aside. The e2e tests check the two agree on
 * every pact they make.
 */
const CURRENT_LIST_KEYS_SQL = `
  WITH current_stand_asides AS (
    SELECT sa.pact_id, sa.region_slug, sa.ons_code FROM pact_stand_asides sa
      JOIN pacts cur ON cur.id = sa.pact_id AND sa.revision_number = cur.current_revision
  ), regions AS (
    SELECT pact_id, region_slug FROM pact_participants
    UNION
    SELECT pact_id, region_slug FROM current_stand_asides
  ), viewers AS (
    SELECT 'author:' || p.author_local_party_id AS key, p.id AS pact_id FROM pacts p
    UNION
    SELECT 'officer:' || pp.local_party_id, p.id
      FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
     WHERE p.proposed_at IS NOT NULL
    UNION
    SELECT 'coordinator:' || pp.party_code || ':' || r.region_slug, p.id
      FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
      JOIN regions r ON r.pact_id = p.id
     WHERE p.proposed_at IS NOT NULL
    UNION
    SELECT 'member:' || pp.party_code, p.id
      FROM pacts p JOIN pact_participants pp ON pp.pact_id = p.id
     WHERE p.status IN ('ratified', 'terminated')
  ), terms AS (
    SELECT id AS pact_id, 'status:' || status AS term FROM pacts
    UNION
    SELECT pact_id, 'party:' || party_code FROM pact_participants
    UNION
    SELECT pact_id, 'region:' || region_slug FROM regions
    UNION
    SELECT pact_id, 'seat:' || ons_code FROM current_stand_asides
  ), qualified_by AS (
    SELECT v.key, v.pact_id FROM viewers v JOIN pacts p ON p.id = v.pact_id
     WHERE p.proposed_at IS NULL OR v.key NOT LIKE 'author:%'
    UNION ALL
    SELECT 'all', id FROM pacts
  ), filed AS (
    SELECT key, pact_id FROM viewers
    UNION ALL
    SELECT q.key || '|' || t.term, q.pact_id FROM qualified_by q JOIN terms t ON t.pact_id = q.pact_id
  )
  SELECT f.key, p.created_at AS pact_created_at, p.id AS pact_id
    FROM filed f JOIN pacts p ON p.id = f.pact_id`;

/**
 * The list index (apps/api/src/pacts/entities/pact-list-key.entity.ts): "the pacts I may see,
 * newest first" — filtered or not — reads one short index range per key of the user instead of
 * filtering every pact.
 * Filled here for the pacts that exist; the app adds keys with every change after that.
 */
export class CreatePactListKeys1763800200000 implements MigrationInterface {
  name = 'CreatePactListKeys1763800200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pact_list_keys" ("key" character varying(160) NOT NULL, "pact_created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "pact_id" uuid NOT NULL, CONSTRAINT "pk_pact_list_keys" PRIMARY KEY ("key", "pact_created_at", "pact_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_list_keys" ADD CONSTRAINT "fk_pact_list_keys_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "pact_list_keys" ("key", "pact_created_at", "pact_id")
       SELECT * FROM (${CURRENT_LIST_KEYS_SQL}) k ORDER BY 1, 2, 3`,
    );
    // Append-only like the revisions and the audit trail (the function comes with those tables).
    await queryRunner.query(
      `CREATE TRIGGER trg_pact_list_keys_append_only BEFORE UPDATE OR DELETE ON "pact_list_keys" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_pact_list_keys_no_truncate BEFORE TRUNCATE ON "pact_list_keys" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pact_list_keys"`);
  }
}
