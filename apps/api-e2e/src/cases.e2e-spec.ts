import {
  AccessBasis,
  CaseAction,
  type CaseDto,
  type CaseSummaryDto,
  type ConsentDto,
  type CreateCaseDto,
  ErrorCode,
  type JournalEntryDto,
  type OrganisationDto,
  OrganisationType,
  ParticipantRole,
  type Page,
  type ProblemDetails,
  type UserSummaryDto,
} from '@samsyn/common';
import { swedishDate, addDays } from '@samsyn/domain';
import { count, sql } from './support/db';
import { ApiClient } from './support/http';

/** A valid personnummer (Luhn check digit) for a birth date and a serial, e.g. 19811218-9876. */
function personnummer(birth: string, serial: number): string {
  const digits = `${birth.slice(2).replace(/-/g, '')}${String(serial).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${birth.replace(/-/g, '')}-${String(serial).padStart(3, '0')}${(10 - (sum % 10)) % 10}`;
}

let serial = 100;
const nextNumber = (birth = '1985-04-12') => personnummer(birth, serial++);
const today = swedishDate(new Date());

/**
 * Issue 3's journeys through the real API and PostgreSQL: the access model (D14–D20) enforced
 * on the server, whatever the client claims.
 */
describe('cases, consent and the access model', () => {
  let social: ApiClient;
  let vard: ApiClient;
  let polis: ApiClient;
  let frivard: ApiClient;
  let samordnare: ApiClient;
  let region: OrganisationDto;
  let police: OrganisationDto;
  let vardUser: UserSummaryDto;
  let polisUser: UserSummaryDto;

  beforeAll(async () => {
    [social, vard, polis, frivard, samordnare] = await Promise.all(
      [
        'social.orebro',
        'vard.psykiatri',
        'polis.orebro',
        'frivard.orebro',
        'samordnare.orebro',
      ].map((u) => ApiClient.signedIn(u)),
    );
    const orgs = (await social.get<Page<OrganisationDto>>('/api/v1/organisations?pageSize=100'))
      .body.items;
    region = orgs.find((o) => o.type === OrganisationType.Region)!;
    police = orgs.find((o) => o.type === OrganisationType.Police)!;
    vardUser = (await social.get<Page<UserSummaryDto>>('/api/v1/users?q=Sara%20Holm')).body
      .items[0];
    polisUser = (await social.get<Page<UserSummaryDto>>('/api/v1/users?q=Mikael%20Strand')).body
      .items[0];
  });

  const sipCase = (
    extra: Partial<CreateCaseDto> = {},
    person: Record<string, unknown> = {},
  ): CreateCaseDto =>
    ({
      programme: 'SIP',
      description: 'Behöver samordning mellan psykiatri och socialtjänst',
      participants: [
        {
          role: 'individual',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: nextNumber(),
            firstName: 'Eva',
            lastName: 'Svensson',
            address: 'Storgatan 1',
            postalCode: '70210',
            city: 'Örebro',
            phone: '070-1234567',
            ...person,
          },
        },
      ],
      ...extra,
    }) as CreateCaseDto;

  const consentFor = (recipients: string[], categories: string[]) => ({
    recipientOrganisationIds: recipients,
    categories,
    form: 'written',
    givenOn: today,
    validUntil: addDays(today, 180),
  });

  describe('D14–D15: a SIP case shared with the region through consent', () => {
    let kase: CaseDto;

    it('a social worker opens a SIP case; the number follows the programme series', async () => {
      const res = await social.post<CaseDto>('/api/v1/cases', sipCase());
      expect(res.status).toBe(201);
      kase = res.body;
      expect(kase.number).toMatch(/^SIP-\d{4}-\d{6}$/);
      expect(kase.status).toBe('need_identified');
      expect(kase.access.basis).toBe(AccessBasis.Owner);
      expect(kase.participants[0].person.address).toBe('Storgatan 1');
    });

    it('D20: a region user on the team sees nothing before consent', async () => {
      const added = await social.post<CaseDto>(`/api/v1/cases/${kase.id}/team`, {
        userId: vardUser.id,
        caseRole: 'healthcare_contact',
      });
      expect(added.status).toBe(201);
      const read = await vard.get<ProblemDetails>(`/api/v1/cases/${kase.id}`);
      expect(read.status).toBe(403);
      // Kept out, the caller is told what they may do instead: ask for emergency access (D17).
      expect(read.body.details).toEqual({
        reason: 'no_consent',
        allowedActions: [CaseAction.EmergencyAccessRequest],
      });
      expect(JSON.stringify(read.body)).not.toMatch(/Svensson|Storgatan/);
      const list = await vard.get<Page<CaseSummaryDto>>(`/api/v1/cases?number=${kase.number}`);
      expect(list.body.total).toBe(0);
      expect((await vard.get(`/api/v1/cases/${kase.id}/journal`)).status).toBe(403);
    });

    it('D14: after consent the region user sees only the consented categories', async () => {
      const subject = kase.participants[0].person.id;
      const consent = await social.post<ConsentDto>(`/api/v1/cases/${kase.id}/consents`, {
        personId: subject,
        ...consentFor([region.id], ['identity', 'health', 'coordination']),
        excludedCategories: ['coordination'],
        exclusionNote: 'Vill inte att vården ser socialtjänstens anteckningar',
      });
      expect(consent.status).toBe(201);
      expect(consent.body.state).toBe('active');
      await social.post(`/api/v1/cases/${kase.id}/journal`, {
        category: 'health',
        text: 'Vårdbehov noterat',
      });
      await social.post(`/api/v1/cases/${kase.id}/journal`, {
        category: 'social',
        text: 'Ekonomiskt bistånd',
      });
      await social.post(`/api/v1/cases/${kase.id}/journal`, {
        category: 'coordination',
        text: 'SIP planeras',
      });

      const read = await vard.get<CaseDto>(`/api/v1/cases/${kase.id}`);
      expect(read.status).toBe(200);
      expect(read.body.access.basis).toBe(AccessBasis.Consent);
      expect(read.body.access.categories).toEqual(['identity', 'health']);
      const person = read.body.participants[0].person;
      expect(person.lastName).toBe('Svensson');
      expect(person.address).toBeNull();
      expect(person.phone).toBeNull();
      expect(person.suppressed).toContain('contact');
      expect(read.body.description).toBeNull(); // coordination was excluded
      const journal = await vard.get<Page<JournalEntryDto>>(`/api/v1/cases/${kase.id}/journal`);
      expect(journal.body.items.map((e) => e.category)).toEqual(['health']);
      const list = await vard.get<Page<CaseSummaryDto>>(`/api/v1/cases?number=${kase.number}`);
      expect(list.body.items.map((c) => c.id)).toEqual([kase.id]);
      expect(list.body.items[0].basis).toBe(AccessBasis.Consent);
    });

    it('D20: the region user may write only in the categories they see, and never manage the case', async () => {
      expect(
        (
          await vard.post(`/api/v1/cases/${kase.id}/journal`, {
            category: 'health',
            text: 'Läkarbesök bokat',
          })
        ).status,
      ).toBe(201);
      expect(
        (await vard.post(`/api/v1/cases/${kase.id}/journal`, { category: 'social', text: 'x' }))
          .status,
      ).toBe(403);
      const current = (await social.get<CaseDto>(`/api/v1/cases/${kase.id}`)).body;
      const patch = await vard.request('PATCH', `/api/v1/cases/${kase.id}`, {
        version: current.version,
        description: 'x',
      });
      expect(patch.status).toBe(403);
      const team = await vard.post(`/api/v1/cases/${kase.id}/team`, {
        userId: polisUser.id,
        caseRole: 'other_actor',
      });
      expect(team.status).toBe(403);
    });

    it('D15: withdrawal takes effect at once — the region loses access on the next request', async () => {
      const consents = (await social.get<ConsentDto[]>(`/api/v1/cases/${kase.id}/consents`)).body;
      const withdrawn = await social.post<ConsentDto>(
        `/api/v1/consents/${consents[0].id}/withdraw`,
        {
          reason: 'Personen återkallade samtycket muntligt',
        },
      );
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.state).toBe('withdrawn');
      expect((await vard.get(`/api/v1/cases/${kase.id}`)).status).toBe(403);
      expect(
        (await vard.get<Page<CaseSummaryDto>>(`/api/v1/cases?number=${kase.number}`)).body.total,
      ).toBe(0);
      // A second withdrawal is a conflict, and the record itself is unchanged (D14: never edited).
      expect((await social.post(`/api/v1/consents/${consents[0].id}/withdraw`, {})).status).toBe(
        409,
      );
      const history = (await social.get<ConsentDto[]>(`/api/v1/cases/${kase.id}/consents`)).body;
      expect(history).toHaveLength(1);
      expect(history[0].categories).toEqual(['identity', 'health', 'coordination']);
    });

    it('D14: a change is a new record that supersedes the old; the database refuses edits', async () => {
      const subject = kase.participants[0].person.id;
      const first = await social.post<ConsentDto>(`/api/v1/cases/${kase.id}/consents`, {
        personId: subject,
        ...consentFor([region.id], ['identity']),
      });
      const second = await social.post<ConsentDto>(`/api/v1/cases/${kase.id}/consents`, {
        personId: subject,
        supersedesId: first.body.id,
        ...consentFor([region.id], ['identity', 'health']),
      });
      expect(second.status).toBe(201);
      const history = (await social.get<ConsentDto[]>(`/api/v1/cases/${kase.id}/consents`)).body;
      expect(history.find((c) => c.id === first.body.id)?.state).toBe('superseded');
      expect(history.find((c) => c.id === second.body.id)?.supersedesId).toBe(first.body.id);
      expect(
        (
          await social.post(`/api/v1/cases/${kase.id}/consents`, {
            personId: subject,
            supersedesId: first.body.id,
            ...consentFor([region.id], ['identity']),
          })
        ).status,
      ).toBe(409);
      await expect(
        sql(`UPDATE consents SET categories = '{health}' WHERE id = $1`, [first.body.id]),
      ).rejects.toThrow(/append-only/);
      await expect(sql(`DELETE FROM consent_withdrawals`)).rejects.toThrow(/append-only/);
      expect((await vard.get<CaseDto>(`/api/v1/cases/${kase.id}`)).body.access.categories).toEqual([
        'identity',
        'health',
      ]);
    });
  });

  describe('D3: Trygga hem — the victim’s whereabouts stay on the victim side', () => {
    let th: CaseDto;
    let victimCase: CaseDto;

    beforeAll(async () => {
      const created = await social.post<CaseDto>('/api/v1/cases', {
        programme: 'TRYGGA_HEM',
        participants: [
          {
            role: 'offender',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: nextNumber('1979-02-03'),
              firstName: 'Johan',
              lastName: 'Berg',
              address: 'Offervägen 9',
              city: 'Örebro',
            },
          },
          {
            role: 'victim',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: nextNumber('1983-07-21'),
              firstName: 'Lina',
              lastName: 'Berg',
              address: 'Hemliga gatan 4',
              city: 'Örebro',
              phone: '070-9999999',
            },
          },
        ],
        consents: [
          {
            participantIndex: 0,
            ...consentFor([police.id], ['identity', 'contact', 'criminal', 'coordination']),
          },
          { participantIndex: 1, ...consentFor([police.id], ['identity', 'contact', 'safety']) },
        ],
      });
      expect(created.status).toBe(201);
      th = created.body;
      await social.post(`/api/v1/cases/${th.id}/team`, {
        userId: polisUser.id,
        caseRole: 'police_contact',
      });
      await social.post(`/api/v1/cases/${th.id}/journal`, {
        category: 'safety',
        text: 'Skyddsplan: skyddat boende',
      });
      await social.post(`/api/v1/cases/${th.id}/journal`, {
        category: 'criminal',
        text: 'Kontaktförbud meddelat',
      });
      const victim = th.participants.find((p) => p.role === ParticipantRole.Victim)!.person;
      victimCase = (
        await social.post<CaseDto>(
          '/api/v1/cases',
          sipCase(
            {},
            { personalNumber: victim.personalNumber!, firstName: 'Lina', lastName: 'Berg' },
          ),
        )
      ).body;
      const linked = await social.post<CaseDto>(`/api/v1/cases/${th.id}/links`, {
        number: victimCase.number,
      });
      expect(linked.status).toBe(201);
      expect(linked.body.linkedCases.map((l) => l.number)).toEqual([victimCase.number]);
    });

    it('a police user on the offender side never sees the victim’s address, even with the victim’s consent', async () => {
      const res = await polis.get<CaseDto>(`/api/v1/cases/${th.id}`);
      expect(res.status).toBe(200);
      const offender = res.body.participants.find(
        (p) => p.role === ParticipantRole.Offender,
      )!.person;
      const victim = res.body.participants.find((p) => p.role === ParticipantRole.Victim)!.person;
      expect(offender.address).toBe('Offervägen 9');
      expect(victim.lastName).toBe('Berg');
      expect(victim.address).toBeNull();
      expect(victim.phone).toBeNull();
      expect(res.body.access.categories).not.toContain('safety');
      expect(JSON.stringify(res.body)).not.toContain('Hemliga gatan');
      const journal = await polis.get<Page<JournalEntryDto>>(`/api/v1/cases/${th.id}/journal`);
      expect(journal.body.items.map((e) => e.category)).toEqual(['criminal']);
      expect(JSON.stringify(journal.body)).not.toContain('skyddat boende');
    });

    it('the linked victim case is not exposed through the link', async () => {
      const res = await polis.get<CaseDto>(`/api/v1/cases/${th.id}`);
      expect(res.body.linkedCases).toEqual([]);
      expect(res.body.hiddenLinkedCases).toBe(1);
      expect(JSON.stringify(res.body)).not.toContain(victimCase.number);
      expect((await polis.get(`/api/v1/cases/${victimCase.id}`)).status).toBe(403);
    });

    it('a victim_support team member sees the victim’s safety data', async () => {
      const frivardUser = (await social.get<Page<UserSummaryDto>>('/api/v1/users?q=Lena%20Berg'))
        .body.items[0];
      await social.post(`/api/v1/cases/${th.id}/team`, {
        userId: frivardUser.id,
        caseRole: 'victim_support',
      });
      const frivardOrg = frivardUser.organisation.id;
      const victimId = th.participants.find((p) => p.role === ParticipantRole.Victim)!.person.id;
      await social.post(`/api/v1/cases/${th.id}/consents`, {
        personId: victimId,
        ...consentFor([frivardOrg], ['identity', 'contact', 'safety']),
      });
      await social.post(`/api/v1/cases/${th.id}/consents`, {
        personId: th.participants[0].person.id,
        ...consentFor([frivardOrg], ['identity', 'safety']),
      });
      const res = await frivard.get<CaseDto>(`/api/v1/cases/${th.id}`);
      expect(res.status).toBe(200);
      expect(
        res.body.participants.find((p) => p.role === ParticipantRole.Victim)!.person.address,
      ).toBe('Hemliga gatan 4');
      expect(res.body.access.categories).toContain('safety');
    });
  });

  describe('D18: protected identities', () => {
    let kase: CaseDto;
    let protectedNumber: string;

    beforeAll(async () => {
      protectedNumber = nextNumber('1990-01-30');
      const res = await social.post<CaseDto>(
        '/api/v1/cases',
        sipCase(
          {
            consents: [
              {
                participantIndex: 0,
                ...consentFor([region.id], ['identity', 'contact', 'health']),
              },
            ] as CreateCaseDto['consents'],
          },
          {
            personalNumber: protectedNumber,
            firstName: 'Skyddad',
            lastName: 'Persson',
            address: 'Skyddsvägen 7',
            protectedLevel: 'skyddad_folkbokforing',
          },
        ),
      );
      expect(res.status).toBe(201);
      kase = res.body;
      await social.post(`/api/v1/cases/${kase.id}/team`, {
        userId: vardUser.id,
        caseRole: 'healthcare_contact',
      });
    });

    it('never appears with name, personnummer or address in any list, search or lookup response', async () => {
      const responses = await Promise.all([
        social.get('/api/v1/cases'),
        social.get(`/api/v1/cases?number=${kase.number}`),
        social.get('/api/v1/cases?programme=SIP&pageSize=100'),
        social.get(`/api/v1/cases/lookup?number=${kase.number}`),
        vard.get('/api/v1/cases'),
        vard.get(`/api/v1/cases?number=${kase.number}`),
      ]);
      for (const res of responses) {
        expect(res.status).toBe(200);
        const text = JSON.stringify(res.body);
        expect(text).not.toContain('Skyddsvägen');
        expect(text).not.toContain('Persson');
        expect(text).not.toContain(protectedNumber.replace('-', ''));
      }
      const row = (await social.get<Page<CaseSummaryDto>>(`/api/v1/cases?number=${kase.number}`))
        .body.items[0];
      expect(row.subjectName).toBeNull();
      expect(row.subjectProtected).toBe(true);
    });

    it('the handler sees the protected fields; a team member without explicit need does not', async () => {
      const own = (await social.get<CaseDto>(`/api/v1/cases/${kase.id}`)).body.participants[0]
        .person;
      expect(own.address).toBe('Skyddsvägen 7');
      const other = await vard.get<CaseDto>(`/api/v1/cases/${kase.id}`);
      const person = other.body.participants[0].person;
      expect(person.protectedIdentity).toBe(true);
      expect(person.personalNumber).toBeNull();
      expect(person.address).toBeNull();
      expect(person.suppressed).toContain('protected');
      expect(JSON.stringify(other.body)).not.toContain('Skyddsvägen');
    });

    it('an error about the person never echoes their data', async () => {
      const res = await social.post<ProblemDetails>(
        '/api/v1/cases',
        sipCase({}, { personalNumber: '19900130-0000', address: 'Skyddsvägen 7' }),
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toMatch(/Skyddsvägen|19900130/);
    });
  });

  describe('D17: emergency access', () => {
    let kase: CaseDto;
    beforeAll(async () => {
      kase = (await social.post<CaseDto>('/api/v1/cases', sipCase())).body;
    });

    it('needs a stated reason, is time-limited, logged and visible on the case', async () => {
      expect((await polis.get(`/api/v1/cases/${kase.id}`)).status).toBe(403);
      const short = await polis.post<ProblemDetails>(`/api/v1/cases/${kase.id}/emergency-access`, {
        reason: 'akut',
      });
      expect(short.status).toBe(400);
      expect(short.body.errors?.[0].field).toBe('reason');
      const granted = await polis.post<{ expiresAt: string }>(
        `/api/v1/cases/${kase.id}/emergency-access`,
        {
          reason: 'Akut hot mot närstående, behöver kontaktuppgifter nu',
        },
      );
      expect(granted.status).toBe(201);
      const minutes = (Date.parse(granted.body.expiresAt) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(50);
      expect(minutes).toBeLessThanOrEqual(60);
      const read = await polis.get<CaseDto>(`/api/v1/cases/${kase.id}`);
      expect(read.status).toBe(200);
      expect(read.body.access.basis).toBe(AccessBasis.Emergency);
      expect(read.body.access.canWrite).toBe(false);
      const events = await sql<{ action: string; emergency: boolean }>(
        `SELECT action, emergency FROM audit_events WHERE $1 = ANY (case_ids) AND user_id = $2 ORDER BY id`,
        [kase.id, polisUser.id],
      );
      expect(events.map((e) => e.action)).toEqual([
        'access.denied',
        'emergency.grant',
        'case.read',
      ]);
      expect(events.filter((e) => e.emergency).map((e) => e.action)).toEqual([
        'emergency.grant',
        'case.read',
      ]);
      const owner = await social.get<CaseDto>(`/api/v1/cases/${kase.id}`);
      expect(owner.body.emergencyAccesses.map((e) => e.user.id)).toEqual([polisUser.id]);
      // Expired: the grant no longer opens the case.
      await sql(
        `UPDATE emergency_accesses SET expires_at = now() - interval '1 minute' WHERE case_id = $1`,
        [kase.id],
      );
      expect((await polis.get(`/api/v1/cases/${kase.id}`)).status).toBe(403);
    });

    it('roles without case work cannot request it', async () => {
      const res = await samordnare.post(`/api/v1/cases/${kase.id}/emergency-access`, {
        reason: 'Vill se ärendet av nyfikenhet, inte ok',
      });
      expect(res.status).toBe(403);
    });
  });

  describe('bad input and conflicts', () => {
    it('a stale update answers 409 with the current version; nothing is overwritten', async () => {
      const kase = (await social.post<CaseDto>('/api/v1/cases', sipCase())).body;
      const first = await social.request<CaseDto>('PATCH', `/api/v1/cases/${kase.id}`, {
        version: kase.version,
        description: 'Första',
      });
      expect(first.status).toBe(200);
      const stale = await social.request<ProblemDetails>('PATCH', `/api/v1/cases/${kase.id}`, {
        version: kase.version,
        description: 'Andra',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe(ErrorCode.VersionConflict);
      expect(stale.body.currentVersion).toBe(first.body.version);
      expect((await social.get<CaseDto>(`/api/v1/cases/${kase.id}`)).body.description).toBe(
        'Första',
      );
    });

    it('a person edit is versioned like the case: a stale one answers 409', async () => {
      const kase = (await social.post<CaseDto>('/api/v1/cases', sipCase())).body;
      const person = kase.participants[0].person;
      const path = `/api/v1/cases/${kase.id}/participants/${person.id}`;
      const first = await social.request<CaseDto>('PATCH', path, {
        version: person.version,
        phone: '070-7654321',
        interpreterNeeded: true,
      });
      expect(first.status).toBe(200);
      expect(first.body.participants[0].person).toMatchObject({
        phone: '070-7654321',
        interpreterNeeded: true,
        address: 'Storgatan 1',
      });
      const stale = await social.request<ProblemDetails>('PATCH', path, {
        version: person.version,
        phone: '070-0000000',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.currentVersion).toBe(first.body.participants[0].person.version);
      const bad = await social.request<ProblemDetails>('PATCH', path, { version: 0, phone: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['phone', 'version']);
    });

    it('the handler must be a case worker of the owning organisation', async () => {
      const kase = (await social.post<CaseDto>('/api/v1/cases', sipCase())).body;
      const auditor = (await social.get<Page<UserSummaryDto>>('/api/v1/users?q=Olof%20Wik')).body
        .items[0];
      for (const handlerId of [auditor.id, vardUser.id]) {
        const res = await social.request<ProblemDetails>('PATCH', `/api/v1/cases/${kase.id}`, {
          version: kase.version,
          handlerId,
        });
        expect(res.status).toBe(400);
        expect(res.body.errors?.[0].field).toBe('handlerId');
      }
    });

    it('status follows the programme’s workflow', async () => {
      const kase = (await social.post<CaseDto>('/api/v1/cases', sipCase())).body;
      const jump = await social.post<ProblemDetails>(`/api/v1/cases/${kase.id}/status`, {
        version: kase.version,
        status: 'planned',
      });
      expect(jump.status).toBe(409);
      expect(jump.body.code).toBe(ErrorCode.InvalidTransition);
      const ok = await social.post<CaseDto>(`/api/v1/cases/${kase.id}/status`, {
        version: kase.version,
        status: 'preparation',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.allowedTransitions).toEqual(['summoned', 'closed']);
      const closed = await social.post<CaseDto>(`/api/v1/cases/${kase.id}/status`, {
        version: ok.body.version,
        status: 'closed',
      });
      expect(closed.body.closed).toBe(true);
      expect(
        (await social.post(`/api/v1/cases/${kase.id}/journal`, { category: 'health', text: 'x' }))
          .status,
      ).toBe(403);
    });

    it('D21: journal entries are signed and append-only; a correction points at the original', async () => {
      const kase = (await social.post<CaseDto>('/api/v1/cases', sipCase())).body;
      const entry = await social.post<JournalEntryDto>(`/api/v1/cases/${kase.id}/journal`, {
        category: 'social',
        text: 'Fel datum angivet',
      });
      expect(entry.body.author.displayName).toBe('Anna Lindqvist');
      const fix = await social.post<JournalEntryDto>(`/api/v1/cases/${kase.id}/journal`, {
        category: 'social',
        text: 'Rättelse: rätt datum',
        correctsId: entry.body.id,
      });
      expect(fix.body.correctsId).toBe(entry.body.id);
      const list = await social.get<Page<JournalEntryDto>>(`/api/v1/cases/${kase.id}/journal`);
      expect(list.body.items.find((e) => e.id === entry.body.id)?.correctedByIds).toEqual([
        fix.body.id,
      ]);
      await expect(
        sql(`UPDATE journal_entries SET text = 'ändrad' WHERE id = $1`, [entry.body.id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        sql(`DELETE FROM journal_entries WHERE id = $1`, [entry.body.id]),
      ).rejects.toThrow(/append-only/);
    });

    it('a minor’s consent needs the guardian’s; a failed open writes nothing', async () => {
      const before = await Promise.all(
        ['cases', 'persons', 'consents', 'case_participants'].map((t) => count(t)),
      );
      const number = nextNumber('2015-05-05');
      const res = await social.post<ProblemDetails>(
        '/api/v1/cases',
        sipCase(
          {
            consents: [
              { participantIndex: 0, ...consentFor([region.id], ['health']) },
            ] as CreateCaseDto['consents'],
          },
          { personalNumber: number },
        ),
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.GuardianConsentRequired);
      expect(res.body.errors?.[0].field).toBe('consents.0.guardian');
      const after = await Promise.all(
        ['cases', 'persons', 'consents', 'case_participants'].map((t) => count(t)),
      );
      expect(after).toEqual(before);
      const withGuardian = await social.post(
        '/api/v1/cases',
        sipCase(
          {
            consents: [
              {
                participantIndex: 0,
                ...consentFor([region.id], ['health']),
                guardian: { name: 'Maria Svensson', givenOn: today },
              },
            ] as CreateCaseDto['consents'],
          },
          { personalNumber: number },
        ),
      );
      expect(withGuardian.status).toBe(201);
    });

    it.each([
      ['unknown programme', { programme: 'NOPE' }, 'programme'],
      [
        'invalid personnummer',
        {},
        'participants.0.person.personalNumber',
        { personalNumber: '19811218-9875' },
      ],
      [
        'samordningsnummer declared as personnummer',
        {},
        'participants.0.person.personalNumberKind',
        { personalNumber: '19811278-9873' },
      ],
      ['no subject', { participants: [] }, 'participants'],
      [
        'consent category outside SIP',
        {
          consents: [
            {
              participantIndex: 0,
              recipientOrganisationIds: [],
              categories: ['criminal'],
              form: 'oral',
              givenOn: today,
              validUntil: today,
            },
          ],
        },
        'consents.0.recipientOrganisationIds',
      ],
    ] as [string, object, string, Record<string, string>?][])(
      '%s → 400 naming the field',
      async (_, extra, field, person = {}) => {
        const res = await social.post<ProblemDetails>('/api/v1/cases', sipCase(extra, person));
        expect(res.status).toBe(400);
        expect(res.body.errors?.map((e) => e.field)).toContain(field);
      },
    );

    it('a region user may not open a Trygga hem case (programme owners are configuration)', async () => {
      const res = await vard.post('/api/v1/cases', {
        ...sipCase(),
        programme: 'TRYGGA_HEM',
        participants: [{ role: 'offender', person: sipCase().participants[0].person }],
      });
      expect(res.status).toBe(403);
    });

    it('D16: disclosure without consent needs a provision and only the owner may record it', async () => {
      const kase = (await social.post<CaseDto>('/api/v1/cases', sipCase())).body;
      await social.post(`/api/v1/cases/${kase.id}/team`, {
        userId: polisUser.id,
        caseRole: 'other_actor',
      });
      expect((await polis.get(`/api/v1/cases/${kase.id}`)).status).toBe(403);
      const missing = await social.post<ProblemDetails>(`/api/v1/cases/${kase.id}/disclosures`, {
        recipientOrganisationId: police.id,
        categories: ['identity'],
        provision: 'other',
        justification: 'Allvarligt hot',
        validUntil: addDays(today, 7),
      });
      expect(missing.status).toBe(400);
      expect(missing.body.errors?.map((e) => e.field)).toContain('provisionText');
      const byPolice = await polis.post(`/api/v1/cases/${kase.id}/disclosures`, {
        recipientOrganisationId: police.id,
        categories: ['identity', 'contact'],
        provision: 'osl_10_18c',
        justification: 'Vi behöver det',
        validUntil: addDays(today, 7),
      });
      expect(byPolice.status).toBe(403);
      const ok = await social.post(`/api/v1/cases/${kase.id}/disclosures`, {
        recipientOrganisationId: police.id,
        categories: ['identity'],
        provision: 'osl_10_18c',
        justification: 'Risk för allvarligt våld mot närstående',
        validUntil: addDays(today, 7),
      });
      expect(ok.status).toBe(201);
      const read = await polis.get<CaseDto>(`/api/v1/cases/${kase.id}`);
      expect(read.status).toBe(200);
      expect(read.body.access.basis).toBe(AccessBasis.LegalBasis);
      expect(read.body.access.categories).toEqual(['identity']);
      expect(read.body.participants[0].person.address).toBeNull();
    });

    it('coordinators (aggregates only, D1) cannot list cases', async () => {
      expect((await samordnare.get('/api/v1/cases')).status).toBe(403);
    });

    it('a page past the end is empty but still reports the caseload’s total', async () => {
      const first = await social.get<Page<CaseSummaryDto>>(
        '/api/v1/cases?includeClosed=true&pageSize=2',
      );
      expect(first.status).toBe(200);
      expect(first.body.total).toBeGreaterThan(2);
      const beyond = await social.get<Page<CaseSummaryDto>>(
        `/api/v1/cases?includeClosed=true&pageSize=2&page=${Math.ceil(first.body.total / 2) + 5}`,
      );
      expect(beyond.status).toBe(200);
      expect(beyond.body.items).toEqual([]);
      expect(beyond.body.total).toBe(first.body.total);
    });
  });
});
