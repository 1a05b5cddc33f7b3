import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = [
  'audit_log_leaves',
  'audit_tree_nodes',
  'audit_tree_heads',
  'pact_certificates',
];

/**
 * Checkpoints become a Certificate Transparency–style log (RFC 9162): leaves are chain heads,
 * complete subtrees are kept for cheap proofs, and signed tree heads name no pact. Certificates are
 * stored once issued. The full-snapshot checkpoints of `audit_checkpoints` (every pact's id and
 * head in every row, served to anyone signed in) are kept as history — nothing is deleted — but no
 * longer written or served. The first checkpoint after this migration logs every chain's head.
 */
export class CreateAuditLogAndCertificates1764500000000 implements MigrationInterface {
  name = 'CreateAuditLogAndCertificates1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log_leaves" ("leaf_index" bigint NOT NULL, "chain_id" uuid NOT NULL, "seq" integer NOT NULL, "head_hash" character(64) NOT NULL, CONSTRAINT "pk_audit_log_leaves" PRIMARY KEY ("leaf_index"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_log_leaves_chain_id_leaf_index" ON "audit_log_leaves" ("chain_id", "leaf_index")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_audit_log_leaves_chain_id_seq" ON "audit_log_leaves" ("chain_id", "seq")`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_tree_nodes" ("level" smallint NOT NULL, "node_index" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "pk_audit_tree_nodes" PRIMARY KEY ("level", "node_index"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_tree_heads" ("seq" integer NOT NULL, "prev_hash" character(64) NOT NULL, "tree_size" bigint NOT NULL, "root_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "hash" character(64) NOT NULL, "signature" text NOT NULL, "key_id" character(64) NOT NULL, CONSTRAINT "pk_audit_tree_heads" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pact_certificates" ("pact_id" uuid NOT NULL, "event" character varying(16) NOT NULL, "body" text NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_pact_certificates" PRIMARY KEY ("pact_id", "event"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "pact_certificates" ADD CONSTRAINT "fk_pact_certificates_pact_id" FOREIGN KEY ("pact_id") REFERENCES "pacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const table of APPEND_ONLY) {
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER trg_${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...APPEND_ONLY].reverse()) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
