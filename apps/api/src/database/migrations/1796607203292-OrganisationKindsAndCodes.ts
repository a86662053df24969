import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: two more organisation kinds (school, other) for the programmes that come later, and
 * the codes an organisation is known by (organisationsnummer, HSA-id).
 */
export class OrganisationKindsAndCodes1796607203292 implements MigrationInterface {
  name = 'OrganisationKindsAndCodes1796607203292';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // ADD VALUE runs in a transaction on PostgreSQL ≥ 12; nothing in this migration uses the values.
    await queryRunner.query(`ALTER TYPE "organisation_type" ADD VALUE IF NOT EXISTS 'school'`);
    await queryRunner.query(`ALTER TYPE "organisation_type" ADD VALUE IF NOT EXISTS 'other'`);
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD "organisation_number" character varying(11)`,
    );
    await queryRunner.query(`ALTER TABLE "organisations" ADD "hsa_id" character varying(31)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "hsa_id"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "organisation_number"`);
    // PostgreSQL cannot drop an enum value: rebuild the type without school and other.
    await queryRunner.query(`ALTER TYPE "organisation_type" RENAME TO "organisation_type_old"`);
    await queryRunner.query(
      `CREATE TYPE "organisation_type" AS ENUM('region', 'municipality', 'police', 'probation', 'county_board')`,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ALTER COLUMN "type" TYPE "organisation_type" USING "type"::text::"organisation_type"`,
    );
    await queryRunner.query(`DROP TYPE "organisation_type_old"`);
  }
}
