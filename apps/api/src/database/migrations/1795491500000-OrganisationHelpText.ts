import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where to get help (D13, issue 15): a Swedish and an English text per organisation, seeded with
 * the national helplines (a copy of DEFAULT_HELP_TEXT as it was, so this migration never changes).
 */
const SV = [
  'Här kan du få stöd och hjälp:',
  '• Kvinnofridslinjen, för dig som utsatts för våld, hot eller kränkningar: 020-50 50 50 (dygnet runt, avgiftsfritt).',
  '• Välj att sluta, för dig som utövar eller är rädd att utöva våld mot en närstående: 020-555 666.',
  '• Polisen: 114 14. Ring 112 vid akut fara.',
  '• 1177 Vårdguiden, sjukvårdsrådgivning: 1177.',
  '• BRIS, för barn och unga: 116 111.',
].join('\n');
const EN = [
  'Where to get support and help:',
  '• Kvinnofridslinjen, for anyone subjected to violence, threats or abuse: 020-50 50 50 (around the clock, free of charge).',
  '• Välj att sluta, for anyone who uses or fears using violence against someone close: 020-555 666.',
  '• The police: 114 14. Call 112 in an emergency.',
  '• 1177 Vårdguiden, healthcare advice: 1177.',
  '• BRIS, for children and young people: 116 111.',
].join('\n');

export class OrganisationHelpText1795491500000 implements MigrationInterface {
  name = 'OrganisationHelpText1795491500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisations" ADD "help_text_sv" text`);
    await queryRunner.query(`ALTER TABLE "organisations" ADD "help_text_en" text`);
    await queryRunner.query(`UPDATE "organisations" SET "help_text_sv" = $1, "help_text_en" = $2`, [
      SV,
      EN,
    ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "help_text_en"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "help_text_sv"`);
  }
}
