import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: the programmes an agreement covers (codes, e.g. SIP, TRYGGA_HEM), so the statistics
 * page can give an agreement's figures: the cases its parties own in those programmes. Existing
 * agreements cover none until their owner records them.
 */
export class AgreementProgrammes1796622951358 implements MigrationInterface {
  name = 'AgreementProgrammes1796622951358';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agreements"
            ADD "programmes" character varying(30) array NOT NULL DEFAULT '{}'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "agreements" DROP COLUMN "programmes"
        `);
  }
}
