import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 16: organisations and units are deactivated, never deleted. */
export class OrganisationsActive1796608781811 implements MigrationInterface {
  name = 'OrganisationsActive1796608781811';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD "active" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(`ALTER TABLE "units" ADD "active" boolean NOT NULL DEFAULT true`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "units" DROP COLUMN "active"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "active"`);
  }
}
