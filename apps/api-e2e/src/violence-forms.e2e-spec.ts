import {
  type CaseDto,
  type CoordinatorGroupDto,
  type CreateCaseDto,
  ErrorCode,
  type IncidentDto,
  IncidentKind,
  type ProblemDetails,
  type SipOverviewDto,
  type TryggaHemCaseDto,
  VIOLENCE_FORMS,
  ViolenceForm,
} from '@samsyn/common';
import { addDays, swedishDate } from '@samsyn/domain';
import { count, sql } from './support/db';
import { createCase, expectStatus, PersonnummerGenerator } from './support/fixtures';
import { ApiClient } from './support/http';

const today = swedishDate(new Date());
const numbers = new PersonnummerGenerator(71);
/** A municipality no other spec uses, so this spec's cases meet no other spec's figures. */
const MUNICIPALITY = '1885';
const TH = '/api/v1/trygga-hem';

/** A person of this spec's family, born on `birthDate`. */
const person = (birthDate: string, firstName: string) => ({
  personalNumberKind: 'personnummer',
  personalNumber: numbers.forBirthDate(birthDate),
  firstName,
  lastName: 'Formsson',
});

/** The field errors of a 400, as `field code` pairs. */
function fieldErrors(res: { status: number; body: unknown }): string[] {
  expect(res.status).toBe(400);
  const problem = res.body as ProblemDetails;
  expect(problem.code).toBe(ErrorCode.ValidationFailed);
  return (problem.errors ?? []).map((e) => `${e.field} ${e.code}`);
}

/** The message of the 400's first error on `violenceForms` (what a person reads). */
function violenceFormsMessage(res: { body: unknown }): string {
  return (res.body as ProblemDetails).errors!.find((e) => e.field === 'violenceForms')!.message;
}

/**
 * Issue 15: forms of violence (Region–kommuner agreement §2) recorded on Trygga hem incidents
 * and on violence-related SIP cases — stored once each in the agreement's order, read back,
 * validated (400 naming what to send), corrected under the record's version (409 when stale)
 * with the previous forms in the history, and checked by the database as well.
 */
describe('Forms of violence on incidents and SIP cases (issue 15)', () => {
  let social: ApiClient;
  let vard: ApiClient;

  beforeAll(async () => {
    [social, vard] = await Promise.all(
      ['social.orebro', 'vard.psykiatri'].map((u) => ApiClient.signedIn(u)),
    );
  });

  describe('a Trygga hem incident', () => {
    let kase: CaseDto;
    let incident: IncidentDto;

    const profile = async () => (await social.get<TryggaHemCaseDto>(`${TH}/cases/${kase.id}`)).body;
    const incidents = () => count('trygga_hem_incidents', 'case_id = $1', [kase.id]);
    const stored = async (id: string) =>
      (
        await sql<{ violence_forms: string[]; version: number }>(
          'SELECT violence_forms, version FROM trygga_hem_incidents WHERE id = $1',
          [id],
        )
      )[0];
    const add = (body: Record<string, unknown>) =>
      social.post<TryggaHemCaseDto>(`${TH}/cases/${kase.id}/incidents`, {
        occurredOn: addDays(today, -1),
        kind: 'physical_violence',
        ...body,
      });

    beforeAll(async () => {
      const samordnare = await ApiClient.signedIn('samordnare.orebro');
      const group = await samordnare.post<CoordinatorGroupDto>(`${TH}/groups`, {
        name: 'Koordinatorsgruppen Lindesberg',
        municipalityCode: MUNICIPALITY,
      });
      expectStatus(group, 201, 'group');
      const [member] = await sql<{ id: string }>(
        `SELECT id FROM users WHERE username = 'social.orebro'`,
      );
      expectStatus(
        await samordnare.post(`${TH}/groups/${group.body.id}/members`, { userId: member.id }),
        201,
        'member',
      );
      kase = await createCase(social, {
        programme: 'TRYGGA_HEM',
        municipalityCode: MUNICIPALITY,
        teamRole: 'victim_support',
        participants: [
          { role: 'offender', person: person('1975-02-02', 'Kent') },
          { role: 'victim', person: person('1983-03-03', 'Eva') },
        ],
      } as unknown as CreateCaseDto);
      expectStatus(
        await social.post(`${TH}/cases`, {
          caseId: kase.id,
          groupId: group.body.id,
          priority: 'B',
          priorityBasis: 'Våld och kontroll av ekonomin.',
        }),
        201,
        'enrol',
      );
    });

    it('is recorded with its forms, each once, in the agreement’s order, and read back', async () => {
      const writes = await count(
        'audit_events',
        `action = 'trygga_hem.write' AND $1 = ANY(case_ids)`,
        [kase.id],
      );
      const res = await add({
        violenceForms: [ViolenceForm.Digital, ViolenceForm.Economic, ViolenceForm.Physical],
        note: 'Slag och kontroll av bankkort och telefon.',
      });
      expectStatus(res, 201, 'incident');
      incident = res.body.incidents![0];
      const expected = [ViolenceForm.Physical, ViolenceForm.Economic, ViolenceForm.Digital];
      expect(incident).toMatchObject({ version: 1, violenceForms: expected });
      expect((await profile()).incidents!.find((i) => i.id === incident.id)!.violenceForms).toEqual(
        expected,
      );
      expect(await stored(incident.id)).toEqual({ violence_forms: expected, version: 1 });
      expect(
        await count('audit_events', `action = 'trygga_hem.write' AND $1 = ANY(case_ids)`, [
          kase.id,
        ]),
      ).toBe(writes + 1);
    });

    it('without forms: none recorded (the field is optional)', async () => {
      const res = await add({ kind: IncidentKind.Threat });
      expectStatus(res, 201, 'incident without forms');
      const threat = res.body.incidents!.find((i) => i.kind === IncidentKind.Threat)!;
      expect(threat.violenceForms).toEqual([]);
      expect((await stored(threat.id)).violence_forms).toEqual([]);
    });

    it.each<[string, unknown, string]>([
      ['an unknown form', ['physical', 'stalking'], 'violenceForms isEnum'],
      ['a form twice', ['sexual', 'sexual'], 'violenceForms arrayUnique'],
      ['one form not in a list', 'physical', 'violenceForms isArray'],
      ['a list of objects', [{ form: 'physical' }], 'violenceForms isEnum'],
    ])('%s → 400 naming the field, and nothing written', async (_what, violenceForms, error) => {
      const before = await incidents();
      const res = await add({ violenceForms });
      expect(fieldErrors(res)).toContain(error);
      expect(await incidents()).toBe(before);
    });

    it('a 400 says what to send, without echoing the value sent', async () => {
      const res = await add({ violenceForms: ['stalking'] });
      const message = violenceFormsMessage(res);
      for (const form of VIOLENCE_FORMS) expect(message).toContain(form);
      expect(message).not.toContain('stalking');
      expect(violenceFormsMessage(await add({ violenceForms: ['digital', 'digital'] }))).toBe(
        'violenceForms must name each form of violence only once',
      );
    });

    it('a correction replaces the forms, keeps the previous ones in the history and bumps the version', async () => {
      const res = await social.request<TryggaHemCaseDto>(
        'PATCH',
        `${TH}/incidents/${incident.id}`,
        {
          version: 1,
          reason: 'Även psykiskt våld enligt polisanmälan; det ekonomiska var inte styrkt.',
          violenceForms: [ViolenceForm.Psychological, ViolenceForm.Physical, ViolenceForm.Digital],
        },
      );
      expectStatus(res, 200, 'correction');
      const corrected = res.body.incidents!.find((i) => i.id === incident.id)!;
      expect(corrected.version).toBe(2);
      expect(corrected.violenceForms).toEqual([
        ViolenceForm.Physical,
        ViolenceForm.Psychological,
        ViolenceForm.Digital,
      ]);
      expect(corrected.revisions).toEqual([
        expect.objectContaining({
          kind: 'correction',
          previous: {
            violenceForms: [ViolenceForm.Physical, ViolenceForm.Economic, ViolenceForm.Digital],
          },
        }),
      ]);
      expect(await stored(incident.id)).toEqual({
        violence_forms: ['physical', 'psychological', 'digital'],
        version: 2,
      });
    });

    it('the same forms in another order change nothing (422); a stale version is 409', async () => {
      const same = await social.request<ProblemDetails>('PATCH', `${TH}/incidents/${incident.id}`, {
        version: 2,
        reason: 'Samma former i annan ordning',
        violenceForms: [ViolenceForm.Digital, ViolenceForm.Psychological, ViolenceForm.Physical],
      });
      expect(same.status).toBe(422);
      const stale = await social.request<ProblemDetails>(
        'PATCH',
        `${TH}/incidents/${incident.id}`,
        {
          version: 1,
          reason: 'Samtidig ändring',
          violenceForms: [],
        },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe(ErrorCode.VersionConflict);
      expect(stale.body.currentVersion).toBe(2);
      expect(await stored(incident.id)).toEqual({
        violence_forms: ['physical', 'psychological', 'digital'],
        version: 2,
      });
    });

    it('a correction with a bad form is 400; an empty list removes them all', async () => {
      const bad = await social.request('PATCH', `${TH}/incidents/${incident.id}`, {
        version: 2,
        reason: 'Fel kod',
        violenceForms: ['honour'],
      });
      expect(fieldErrors(bad)).toContain('violenceForms isEnum');
      const cleared = await social.request<TryggaHemCaseDto>(
        'PATCH',
        `${TH}/incidents/${incident.id}`,
        { version: 2, reason: 'Formerna var inte utredda.', violenceForms: [] },
      );
      expectStatus(cleared, 200, 'clear');
      const after = cleared.body.incidents!.find((i) => i.id === incident.id)!;
      expect(after.violenceForms).toEqual([]);
      expect(after.revisions.at(-1)!.previous).toEqual({
        violenceForms: ['physical', 'psychological', 'digital'],
      });
    });

    it('the database refuses an unknown form even without the API', async () => {
      await expect(
        sql(`UPDATE trygga_hem_incidents SET violence_forms = '{stalking}' WHERE id = $1`, [
          incident.id,
        ]),
      ).rejects.toThrow(/chk_trygga_hem_incident_violence_forms/);
    });
  });

  describe('a SIP case with violence', () => {
    let kase: CaseDto;

    const put = (body: Record<string, unknown>) =>
      vard.request<SipOverviewDto>('PUT', `/api/v1/cases/${kase.id}/sip`, {
        requestedOn: today,
        ...body,
      });
    const stored = async () =>
      (
        await sql<{ violence_related: boolean; violence_forms: string[]; version: number }>(
          'SELECT violence_related, violence_forms, version FROM sip_details WHERE case_id = $1',
          [kase.id],
        )
      )[0];
    const settingsAudits = () =>
      count('audit_events', `action = 'sip.settings' AND $1 = ANY(case_ids)`, [kase.id]);

    beforeAll(async () => {
      kase = await createCase(vard, {
        programme: 'SIP',
        municipalityCode: MUNICIPALITY,
        participants: [{ role: 'individual', person: person('1990-10-10', 'Sara') }],
      } as unknown as CreateCaseDto);
    });

    it('records the forms with the violence flag and reads them back in order', async () => {
      const res = await put({
        violenceRelated: true,
        violenceForms: [ViolenceForm.HonourRelated, ViolenceForm.Psychological],
      });
      expectStatus(res, 200, 'settings');
      expect(res.body.settings).toMatchObject({
        violenceRelated: true,
        violenceForms: [ViolenceForm.Psychological, ViolenceForm.HonourRelated],
        version: 1,
      });
      const read = await vard.get<SipOverviewDto>(`/api/v1/cases/${kase.id}/sip`);
      expect(read.body.settings!.violenceForms).toEqual(['psychological', 'honour_related']);
      expect(await settingsAudits()).toBe(1);
    });

    it('settings saved without the field keep the recorded forms', async () => {
      const res = await put({ violenceRelated: true, version: 1, dischargeReadyOn: today });
      expectStatus(res, 200, 'settings without forms');
      expect(res.body.settings).toMatchObject({
        violenceForms: ['psychological', 'honour_related'],
        version: 2,
      });
    });

    it('a stale version is 409 and changes nothing', async () => {
      const res = await put({
        violenceRelated: true,
        violenceForms: [ViolenceForm.Sexual],
        version: 1,
      });
      expect(res.status).toBe(409);
      expect((res.body as unknown as ProblemDetails).code).toBe(ErrorCode.VersionConflict);
      expect(await stored()).toEqual({
        violence_related: true,
        violence_forms: ['psychological', 'honour_related'],
        version: 2,
      });
    });

    it('forms on a case that is not violence-related, or unknown forms, are 400 and change nothing', async () => {
      const audits = await settingsAudits();
      const contradictory = await put({
        violenceRelated: false,
        violenceForms: [ViolenceForm.Physical],
        version: 2,
      });
      expect(fieldErrors(contradictory)).toEqual(['violenceForms notViolenceRelated']);
      expect(violenceFormsMessage(contradictory)).toMatch(/set violenceRelated to true/);
      expect(
        fieldErrors(await put({ violenceRelated: true, violenceForms: ['x'], version: 2 })),
      ).toEqual(['violenceForms isEnum']);
      expect(await stored()).toMatchObject({ violence_related: true, version: 2 });
      expect(await settingsAudits()).toBe(audits);
    });

    it('unmarking violence clears the forms', async () => {
      const res = await put({ violenceRelated: false, version: 2 });
      expectStatus(res, 200, 'unmark');
      expect(res.body.settings).toMatchObject({ violenceRelated: false, violenceForms: [] });
      expect(await stored()).toEqual({ violence_related: false, violence_forms: [], version: 3 });
    });

    it('the database refuses forms on a case that is not violence-related', async () => {
      await expect(
        sql(`UPDATE sip_details SET violence_forms = '{physical}' WHERE case_id = $1`, [kase.id]),
      ).rejects.toThrow(/chk_sip_details_violence_forms_related/);
    });
  });
});
