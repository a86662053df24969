import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreement may have no last valid day: it is valid until further notice ("gäller tills
 * vidare", issue 17 §6). Reverting fails while such agreements exist: it cannot invent an end.
 */
export class AgreementsUntilFurtherNotice1796621333215 implements MigrationInterface {
  name = 'AgreementsUntilFurtherNotice1796621333215';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b845f0fffceb982c318b5e9811"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreements"
            ALTER COLUMN "valid_until" DROP NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b845f0fffceb982c318b5e9811" ON "agreements" ("valid_from", "valid_until")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b845f0fffceb982c318b5e9811"
        `);
    await queryRunner.query(`
            ALTER TABLE "agreements"
            ALTER COLUMN "valid_until"
            SET NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b845f0fffceb982c318b5e9811" ON "agreements" USING btree ("valid_from", "valid_until")
        `);
  }
}
