import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions keep the browser's User-Agent from sign-in (issue 16), so that "Mitt konto" can show
 * which device each session is; nullable, as older sessions and some clients have none.
 */
export class SessionUserAgent1796619076202 implements MigrationInterface {
  name = 'SessionUserAgent1796619076202';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "user_sessions"
            ADD "user_agent" character varying(200)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "user_sessions" DROP COLUMN "user_agent"
        `);
  }
}
