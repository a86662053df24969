import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time set-password codes (issue 16): a new user's first password and an administrator's
 * reset. Only the code's SHA-256 is kept; one row per user at most.
 */
export class PasswordResetTokens1796619065281 implements MigrationInterface {
  name = 'PasswordResetTokens1796619065281';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "password_reset_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" character varying(64) NOT NULL,
                "purpose" character varying(20) NOT NULL,
                "issued_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d16bebd73e844c48bca50ff8d3d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_52ac39dd8a28730c63aeb428c9" ON "password_reset_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_91185d86d5d7557b19abbb2868" ON "password_reset_tokens" ("token_hash")
        `);
    await queryRunner.query(`
            ALTER TABLE "password_reset_tokens"
            ADD CONSTRAINT "FK_52ac39dd8a28730c63aeb428c9c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "password_reset_tokens" DROP CONSTRAINT "FK_52ac39dd8a28730c63aeb428c9c"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_91185d86d5d7557b19abbb2868"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_52ac39dd8a28730c63aeb428c9"
        `);
    await queryRunner.query(`
            DROP TABLE "password_reset_tokens"
        `);
  }
}
