import type { QueryRunner } from 'typeorm';

/**
 * Makes tables append-only: triggers calling `pactroom_refuse_change()` (created by the
 * foundation migration) refuse every UPDATE, DELETE and TRUNCATE. For new migrations; the ones
 * already landed keep their own statements, which this reproduces.
 */
export async function makeAppendOnly(
  queryRunner: QueryRunner,
  tables: readonly string[],
): Promise<void> {
  for (const table of tables) {
    await queryRunner.query(
      `CREATE TRIGGER trg_${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION pactroom_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION pactroom_refuse_change()`,
    );
  }
}

/** Drops the triggers of {@link makeAppendOnly} (for a migration's `down`). */
export async function dropAppendOnly(
  queryRunner: QueryRunner,
  tables: readonly string[],
): Promise<void> {
  for (const table of tables) {
    await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_no_truncate ON "${table}"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS trg_${table}_append_only ON "${table}"`);
  }
}
