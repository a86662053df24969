import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: forms of violence (Region–kommuner agreement §2) on Trygga hem incidents and on SIP
 * cases marked violence-related, as a checked `varchar(40)[]` the statistics can count.
 */
export class ViolenceForms1796607256099 implements MigrationInterface {
  name = 'ViolenceForms1796607256099';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sip_details"
            ADD "violence_forms" character varying(40) array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD "violence_forms" character varying(40) array NOT NULL DEFAULT '{}'
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details"
            ADD CONSTRAINT "chk_sip_details_violence_forms_related" CHECK (
                    "violence_related"
                    OR "violence_forms" = '{}'
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details"
            ADD CONSTRAINT "chk_sip_details_violence_forms" CHECK (
                    "violence_forms" <@ ARRAY ['physical', 'psychological', 'sexual', 'economic', 'honour_related', 'child_marriage', 'forced_marriage', 'genital_mutilation', 'trafficking', 'violence_against_children', 'digital']::varchar []
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents"
            ADD CONSTRAINT "chk_trygga_hem_incident_violence_forms" CHECK (
                    "violence_forms" <@ ARRAY ['physical', 'psychological', 'sexual', 'economic', 'honour_related', 'child_marriage', 'forced_marriage', 'genital_mutilation', 'trafficking', 'violence_against_children', 'digital']::varchar []
                )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP CONSTRAINT "chk_trygga_hem_incident_violence_forms"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details" DROP CONSTRAINT "chk_sip_details_violence_forms"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details" DROP CONSTRAINT "chk_sip_details_violence_forms_related"
        `);
    await queryRunner.query(`
            ALTER TABLE "trygga_hem_incidents" DROP COLUMN "violence_forms"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_details" DROP COLUMN "violence_forms"
        `);
  }
}
