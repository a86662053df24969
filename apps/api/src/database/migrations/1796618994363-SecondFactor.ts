import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, the second factor: a user's authenticator (TOTP secret encrypted under SECRETS_KEY,
 * confirmed or not, the last time step used), single-use recovery codes stored as keyed hashes,
 * pending sign-ins awaiting their second factor, and the organisations' `require_second_factor`
 * (on for every existing organisation; the demo seed turns it off for its own).
 */
export class SecondFactor1796618994363 implements MigrationInterface {
  name = 'SecondFactor1796618994363';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "user_totp" (
                "user_id" uuid NOT NULL,
                "secret_encrypted" text NOT NULL,
                "confirmed_at" TIMESTAMP WITH TIME ZONE,
                "last_used_step" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_04aa6aca4a656f0d4e1fd30ab10" PRIMARY KEY ("user_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "user_recovery_codes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "code_hash" character varying(64) NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_411939add58ed0eceffd39973cf" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_f659216e26d0ef1238379cbf40" ON "user_recovery_codes" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "sign_in_challenges" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" character varying(64) NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_f57d5bce65af0940271d12af92d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_0b592d23b431d52c753feec384" ON "sign_in_challenges" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_45e4c7c3d74ec916c3e89ba499" ON "sign_in_challenges" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations"
            ADD "require_second_factor" boolean NOT NULL DEFAULT true
        `);
    await queryRunner.query(`
            ALTER TABLE "user_totp"
            ADD CONSTRAINT "FK_04aa6aca4a656f0d4e1fd30ab10" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "user_recovery_codes"
            ADD CONSTRAINT "FK_f659216e26d0ef1238379cbf40c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sign_in_challenges"
            ADD CONSTRAINT "FK_45e4c7c3d74ec916c3e89ba499b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sign_in_challenges" DROP CONSTRAINT "FK_45e4c7c3d74ec916c3e89ba499b"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_recovery_codes" DROP CONSTRAINT "FK_f659216e26d0ef1238379cbf40c"
        `);
    await queryRunner.query(`
            ALTER TABLE "user_totp" DROP CONSTRAINT "FK_04aa6aca4a656f0d4e1fd30ab10"
        `);
    await queryRunner.query(`
            ALTER TABLE "organisations" DROP COLUMN "require_second_factor"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_45e4c7c3d74ec916c3e89ba499"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_0b592d23b431d52c753feec384"
        `);
    await queryRunner.query(`
            DROP TABLE "sign_in_challenges"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_f659216e26d0ef1238379cbf40"
        `);
    await queryRunner.query(`
            DROP TABLE "user_recovery_codes"
        `);
    await queryRunner.query(`
            DROP TABLE "user_totp"
        `);
  }
}
