import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in through an organisation's identity provider (issue 16): the started, not yet returned
 * sign-ins (a cookie's token hash, used once), and on a session the provider it came through, for
 * RP-initiated logout.
 */
export class OidcSignIn1796619014643 implements MigrationInterface {
  name = 'OidcSignIn1796619014643';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "oidc_transactions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" character varying(64) NOT NULL,
                "provider_key" character varying(50) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_fed796625ba49266cdd65584d7a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_fc2763ce8d42734323d454b77b" ON "oidc_transactions" ("token_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_45fc1b2547778ba4defaa399e6" ON "oidc_transactions" ("expires_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "user_sessions"
            ADD "oidc_provider" character varying(50)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "user_sessions" DROP COLUMN "oidc_provider"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_45fc1b2547778ba4defaa399e6"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_fc2763ce8d42734323d454b77b"
        `);
    await queryRunner.query(`
            DROP TABLE "oidc_transactions"
        `);
  }
}
