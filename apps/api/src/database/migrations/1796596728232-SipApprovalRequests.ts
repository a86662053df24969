import { MigrationInterface, QueryRunner } from 'typeorm';

export class SipApprovalRequests1796596728232 implements MigrationInterface {
  name = 'SipApprovalRequests1796596728232';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions"
            ADD "sent_for_approval_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions"
            ADD "sent_for_approval_by_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions"
            ADD CONSTRAINT "FK_4ce4d58f68a9cd15e0547a9ede0" FOREIGN KEY ("sent_for_approval_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions" DROP CONSTRAINT "FK_4ce4d58f68a9cd15e0547a9ede0"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions" DROP COLUMN "sent_for_approval_by_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "sip_plan_versions" DROP COLUMN "sent_for_approval_at"
        `);
  }
}
