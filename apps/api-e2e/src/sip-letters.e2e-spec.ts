import {
  type CaseDto,
  DEFAULT_HELP_TEXT,
  type HelpTextDto,
  ProtectedIdentityLevel,
  Role,
  type SipMeetingDto,
} from '@samsyn/common';
import type { Pool } from 'pg';
import { count } from './support/db';
import {
  createUsers,
  e2ePool,
  expectStatus,
  PersonnummerGenerator,
  signInAll,
} from './support/fixtures';
import type { ApiClient } from './support/http';
import { pdfText } from '@samsyn/testing';
import { binary, inDays, openSipCase, type SipParties, sipParties } from './support/sip';
import { sleep } from './support/wait';

/**
 * The PDF's text. pdf-parse runs synchronously in a child process and blocks the event loop for
 * seconds on a busy machine; the pause afterwards lets fetch notice keep-alive sockets the API
 * closed meanwhile, so the next request does not go out on a dead one.
 */
async function textOf(pdf: Buffer): Promise<string> {
  const text = pdfText(pdf);
  await sleep(100);
  return text;
}

/**
 * Issue 15 §6 and D13: the kallelse letter for the person (sv/en) with the case owner's
 * where-to-get-help text, the printable inbjudan for an actor outside Samsyn, and D18: a
 * protected person's address never reaches a letter.
 */
describe('SIP letters and the where-to-get-help text', () => {
  let db: Pool;
  let vard: ApiClient;
  let social: ApiClient;
  let regionAdmin: ApiClient;
  let orebroAdmin: ApiClient;
  let steering: ApiClient;
  let ids: SipParties;
  const numbers = new PersonnummerGenerator(77);

  const callMeeting = async (kase: CaseDto, place: string) => {
    const res = await vard.post<SipMeetingDto>(`/api/v1/cases/${kase.id}/sip/meetings`, {
      startsAt: inDays(6),
      endsAt: inDays(6, 11),
      place,
      personParticipates: true,
      relativesParticipate: true,
      invitees: [{ unitId: ids.socialUnit }, { externalActor: 'Försäkringskassan' }],
    });
    expectStatus(res, 201, 'call meeting');
    return res.body;
  };
  const sipCase = (protectedLevel: ProtectedIdentityLevel, lastName: string, address: string) =>
    openSipCase(vard, numbers, {
      description: 'Brevtest',
      birthDate: '1979-05-11',
      firstName: 'Lina',
      lastName,
      person: { address, postalCode: '70361', city: 'Örebro', protectedLevel },
    });

  beforeAll(async () => {
    db = e2ePool(2);
    ids = await sipParties(db);
    await createUsers(db, [
      {
        username: 'letters.regionadmin',
        displayName: 'Regionens administratör',
        roles: [Role.OrgAdmin],
        organisationId: ids.region,
        unitId: null,
      },
    ]);
    const clients = await signInAll([
      'vard.psykiatri',
      'social.orebro',
      'letters.regionadmin',
      'admin.orebro',
      'styrgrupp.lan',
    ]);
    [vard, social, regionAdmin, orebroAdmin, steering] = [
      'vard.psykiatri',
      'social.orebro',
      'letters.regionadmin',
      'admin.orebro',
      'styrgrupp.lan',
    ].map((u) => clients.get(u)!);
  });

  afterAll(async () => {
    await db.end();
  });

  it('D13: the help text starts as the national helplines and only the organisation’s own org_admin changes it', async () => {
    const start = await vard.get<HelpTextDto>(`/api/v1/organisations/${ids.region}/help-text`);
    expectStatus(start, 200, 'GET help text');
    expect(start.body).toMatchObject({ isDefault: true, sv: DEFAULT_HELP_TEXT.sv });
    expect(start.body.sv).toContain('020-50 50 50');
    expect(start.body.en).toContain('116 111');

    const other = await orebroAdmin.request(
      'PATCH',
      `/api/v1/organisations/${ids.region}/help-text`,
      {
        sv: 'Annat',
        en: 'Other',
      },
    );
    expectStatus(other, 403, 'another organisation’s admin');
    const worker = await vard.request('PATCH', `/api/v1/organisations/${ids.region}/help-text`, {
      sv: 'x',
      en: 'y',
    });
    expectStatus(worker, 403, 'a case worker');
    const empty = await regionAdmin.request(
      'PATCH',
      `/api/v1/organisations/${ids.region}/help-text`,
      { sv: '   ', en: 'Help' },
    );
    expectStatus(empty, 400, 'empty Swedish text');

    const sv = `${DEFAULT_HELP_TEXT.sv}\n• Regionens stödmottagning: 019-000 00 00.`;
    const en = `${DEFAULT_HELP_TEXT.en}\n• The region's support clinic: 019-000 00 00.`;
    const saved = await regionAdmin.request<HelpTextDto>(
      'PATCH',
      `/api/v1/organisations/${ids.region}/help-text`,
      { sv, en },
    );
    expectStatus(saved, 200, 'PATCH help text');
    expect(saved.body).toMatchObject({ sv, en, isDefault: false });
    expect(await count('audit_events', `action = 'organisation.help_text'`)).toBeGreaterThan(0);
  });

  it('§6: the kallelse letter for the person in Swedish and English: time, place, who is invited, what a SIP is, where to get help', async () => {
    const kase = await sipCase(ProtectedIdentityLevel.None, 'Brevlund', 'Storgatan 12');
    const meeting = await callMeeting(kase, 'Psykiatriska kliniken, rum 4');
    const before = await count('audit_events', `action = 'sip.letter_print'`);

    const sv = await binary(vard, `/api/v1/sip/meetings/${meeting.id}/letter?lang=sv`);
    expect(sv.status).toBe(200);
    const text = await textOf(sv.body);
    expect(text).toContain('Kallelse till SIP-möte');
    expect(text).toContain('Lina Brevlund');
    expect(text).toContain('Storgatan 12');
    expect(text).toContain('Psykiatriska kliniken, rum 4');
    expect(text).toContain(kase.number);
    expect(text).toContain('Socialtjänsten, individ- och familjeomsorg, Örebro kommun');
    expect(text).toContain('Försäkringskassan');
    expect(text).toContain('Vad är en SIP?');
    expect(text).toContain('Var du kan få hjälp');
    expect(text).toContain('Kvinnofridslinjen');
    expect(text).toContain('Regionens stödmottagning');
    // Units, never staff names.
    expect(text).not.toContain('Sara Holm');

    const en = await textOf(
      (await binary(vard, `/api/v1/sip/meetings/${meeting.id}/letter?lang=en`)).body,
    );
    expect(en).toContain('Invitation to a SIP meeting');
    expect(en).toContain('What is a SIP?');
    expect(en).toContain('Where to get help');
    expect(en).toContain("The region's support clinic");

    expect(await count('audit_events', `action = 'sip.letter_print'`)).toBe(before + 2);
    // Without the meeting's read rights: refused.
    expect((await binary(steering, `/api/v1/sip/meetings/${meeting.id}/letter`)).status).toBe(403);
  });

  it('D18: a protected person’s address is never in the letter', async () => {
    const kase = await sipCase(
      ProtectedIdentityLevel.SkyddadFolkbokforing,
      'Skyddsson',
      'Hemliga vägen 7',
    );
    const meeting = await callMeeting(kase, 'Psykiatriska kliniken, rum 5');
    for (const lang of ['sv', 'en']) {
      const res = await binary(vard, `/api/v1/sip/meetings/${meeting.id}/letter?lang=${lang}`);
      expect(res.status).toBe(200);
      const text = await textOf(res.body);
      expect(text).not.toContain('Hemliga vägen');
      expect(text).not.toContain('70361');
      expect(text).toContain(
        lang === 'sv' ? 'Skyddade personuppgifter' : 'Protected personal data',
      );
    }
  });

  it('§6: a printable inbjudan for the external actor, without personal data', async () => {
    const kase = await sipCase(ProtectedIdentityLevel.None, 'Inbjudansdotter', 'Kungsgatan 3');
    const meeting = await callMeeting(kase, 'Psykiatriska kliniken, rum 6');
    const external = meeting.invitations.find((i) => i.externalActor === 'Försäkringskassan')!;
    const res = await binary(
      vard,
      `/api/v1/sip/meetings/${meeting.id}/invitations/${external.id}/letter?lang=sv`,
    );
    expect(res.status).toBe(200);
    const text = await textOf(res.body);
    expect(text).toContain('Inbjudan till SIP-möte');
    expect(text).toContain('Till: Försäkringskassan');
    expect(text).toContain('Psykiatriska kliniken, rum 6');
    expect(text).not.toContain('Inbjudansdotter');
    expect(text).not.toContain('Kungsgatan');
    const unknown = await binary(
      vard,
      `/api/v1/sip/meetings/${meeting.id}/invitations/00000000-0000-4000-8000-000000000000/letter`,
    );
    expect(unknown.status).toBe(404);
    // The same read rights as the meeting: the invited unit without consent in force reads neither.
    const read = await social.get(`/api/v1/sip/meetings/${meeting.id}`);
    expect((await binary(social, `/api/v1/sip/meetings/${meeting.id}/letter`)).status).toBe(
      read.status,
    );
  });
});
