import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data (parties, regions, elections, results), local parties, accounts and auth state. */
export class CreateFoundationSchema1763800000000 implements MigrationInterface {
  name = 'CreateFoundationSchema1763800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_attempt_buckets" ("key" character varying(300) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL, CONSTRAINT "pk_login_attempt_buckets" PRIMARY KEY ("key", "window_start"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_login_attempt_buckets_window_start" ON "login_attempt_buckets"  ("window_start")`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "password_hash" character varying(200) NOT NULL, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_users_email" UNIQUE ("email"), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL, "family_id" uuid NOT NULL, "user_id" uuid NOT NULL, "secret_hash" character(64) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_family_id" ON "refresh_tokens"  ("family_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "regions" ("slug" character varying(32) NOT NULL, "name" character varying(64) NOT NULL, "country" character varying(32) NOT NULL, CONSTRAINT "pk_regions" PRIMARY KEY ("slug"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "constituencies" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "boundary_set" character varying(4) NOT NULL, "ons_code" character varying(9) NOT NULL, "name" character varying(100) NOT NULL, "region_slug" character varying(32) NOT NULL, "country" character varying(32) NOT NULL, CONSTRAINT "uq_constituencies_boundary_set_ons_code" UNIQUE ("boundary_set", "ons_code"), CONSTRAINT "pk_constituencies" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "parties" ("code" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "colour" character varying(7) NOT NULL, CONSTRAINT "pk_parties" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "local_parties" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "party_code" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "region_slug" character varying(32) NOT NULL, "boundary_set" character varying(4) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_local_parties_party_code_name" UNIQUE ("party_code", "name"), CONSTRAINT "pk_local_parties" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "local_party_constituencies" ("local_party_id" uuid NOT NULL, "constituency_id" integer NOT NULL, CONSTRAINT "pk_local_party_constituencies" PRIMARY KEY ("local_party_id", "constituency_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "elections" ("code" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "held_on" date NOT NULL, "boundary_set" character varying(4) NOT NULL, "source_sha256" character(64) NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_elections" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "constituency_results" ("election_code" character varying(16) NOT NULL, "constituency_id" integer NOT NULL, "electorate" integer NOT NULL, "valid_votes" integer NOT NULL, "winner_party" character varying(16) NOT NULL, "majority" integer NOT NULL, CONSTRAINT "ck_constituency_results_counts" CHECK ("valid_votes" >= 0 AND "valid_votes" <= "electorate" AND "majority" >= 0), CONSTRAINT "pk_constituency_results" PRIMARY KEY ("election_code", "constituency_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "candidates" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "election_code" character varying(16) NOT NULL, "constituency_id" integer NOT NULL, "party_code" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "votes" integer NOT NULL, "elected" boolean NOT NULL, CONSTRAINT "ck_candidates_votes" CHECK ("votes" >= 0), CONSTRAINT "pk_candidates" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_candidates_election_code_constituency_id" ON "candidates"  ("election_code", "constituency_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "constituency_votes" ("election_code" character varying(16) NOT NULL, "constituency_id" integer NOT NULL, "party_code" character varying(16) NOT NULL, "votes" integer NOT NULL, CONSTRAINT "ck_constituency_votes_votes" CHECK ("votes" >= 0), CONSTRAINT "pk_constituency_votes" PRIMARY KEY ("election_code", "constituency_id", "party_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "party_code" character varying(16), "region_slug" character varying(32), "local_party_id" uuid, CONSTRAINT "ck_grants_scope" CHECK (("role" = 'admin' AND "party_code" IS NULL AND "region_slug" IS NULL AND "local_party_id" IS NULL) OR ("role" = 'coordinator' AND "party_code" IS NOT NULL AND "region_slug" IS NOT NULL AND "local_party_id" IS NULL) OR ("role" = 'officer' AND "party_code" IS NOT NULL AND "region_slug" IS NOT NULL AND "local_party_id" IS NOT NULL) OR ("role" = 'member' AND "party_code" IS NOT NULL)), CONSTRAINT "pk_grants" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_grants_user_id" ON "grants"  ("user_id")`);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constituencies" ADD CONSTRAINT "fk_constituencies_region_slug" FOREIGN KEY ("region_slug") REFERENCES "regions"("slug") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_parties" ADD CONSTRAINT "fk_local_parties_party_code" FOREIGN KEY ("party_code") REFERENCES "parties"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_parties" ADD CONSTRAINT "fk_local_parties_region_slug" FOREIGN KEY ("region_slug") REFERENCES "regions"("slug") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_party_constituencies" ADD CONSTRAINT "fk_local_party_constituencies_local_party_id" FOREIGN KEY ("local_party_id") REFERENCES "local_parties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "local_party_constituencies" ADD CONSTRAINT "fk_local_party_constituencies_constituency_id" FOREIGN KEY ("constituency_id") REFERENCES "constituencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constituency_results" ADD CONSTRAINT "fk_constituency_results_election_code" FOREIGN KEY ("election_code") REFERENCES "elections"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constituency_results" ADD CONSTRAINT "fk_constituency_results_constituency_id" FOREIGN KEY ("constituency_id") REFERENCES "constituencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constituency_results" ADD CONSTRAINT "fk_constituency_results_winner_party" FOREIGN KEY ("winner_party") REFERENCES "parties"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidates" ADD CONSTRAINT "fk_candidates_election_code_constituency_id" FOREIGN KEY ("election_code", "constituency_id") REFERENCES "constituency_results"("election_code","constituency_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "candidates" ADD CONSTRAINT "fk_candidates_party_code" FOREIGN KEY ("party_code") REFERENCES "parties"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constituency_votes" ADD CONSTRAINT "fk_constituency_votes_election_code_constituency_id" FOREIGN KEY ("election_code", "constituency_id") REFERENCES "constituency_results"("election_code","constituency_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "constituency_votes" ADD CONSTRAINT "fk_constituency_votes_party_code" FOREIGN KEY ("party_code") REFERENCES "parties"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grants" ADD CONSTRAINT "fk_grants_user_id" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grants" ADD CONSTRAINT "fk_grants_party_code" FOREIGN KEY ("party_code") REFERENCES "parties"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grants" ADD CONSTRAINT "fk_grants_region_slug" FOREIGN KEY ("region_slug") REFERENCES "regions"("slug") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "grants" ADD CONSTRAINT "fk_grants_local_party_id" FOREIGN KEY ("local_party_id") REFERENCES "local_parties"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE "grants", "login_attempt_buckets", "refresh_tokens", "users", "local_party_constituencies", "local_parties", "candidates", "constituency_votes", "constituency_results", "constituencies", "elections", "regions", "parties"`,
    );
  }
}
