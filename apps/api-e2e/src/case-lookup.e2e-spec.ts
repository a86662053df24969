import {
  AccessBasis,
  CaseAction,
  type CaseDto,
  type CaseLookupDto,
  type CreateCaseDto,
  type EmergencyAccessDto,
  ErrorCode,
  type MeDto,
  type ProblemDetails,
} from '@samsyn/common';
import { count, sql } from './support/db';
import { createCase, PersonnummerGenerator } from './support/fixtures';
import { ApiClient, type HttpResult } from './support/http';

const numbers = new PersonnummerGenerator(181);
const REASON = 'Akut hot mot närstående; behöver se kontaktuppgifterna nu.';

const sipCase = (firstName: string, extra: Partial<CreateCaseDto> = {}): CreateCaseDto =>
  ({
    programme: 'SIP',
    description: 'Samordning behövs',
    participants: [
      {
        role: 'individual',
        person: {
          personalNumberKind: 'personnummer',
          personalNumber: numbers.forBirthDate('1971-08-19'),
          firstName,
          lastName: 'Nummerlös',
        },
      },
    ],
    ...extra,
  }) as CreateCaseDto;

/**
 * What a caller can tell from an answer: its status, its body without the request id (which
 * differs per request anyway) and the headers that describe the body. Two answers that are equal
 * here tell the caller nothing apart.
 */
function answer(res: HttpResult): unknown {
  const { requestId, ...body } = res.body as ProblemDetails;
  expect(typeof requestId).toBe('string');
  return {
    status: res.status,
    body,
    headers: Object.fromEntries(
      ['content-type', 'content-length', 'cache-control'].map((h) => [h, res.headers.get(h)]),
    ),
  };
}

/** The audit events `userId` caused after event `afterId`, as the log keeps them. */
async function eventsSince(userId: string, afterId: string) {
  return sql<{ action: string; outcome: string; case_ids: string[]; emergency: boolean }>(
    `SELECT action, outcome, case_ids, emergency FROM audit_events
     WHERE user_id = $1 AND id > $2 ORDER BY id`,
    [userId, afterId],
  );
}

async function lastEventId(): Promise<string> {
  const [row] = await sql<{ id: string }>(
    'SELECT coalesce(max(id), 0)::text AS id FROM audit_events',
  );
  return row.id;
}

/**
 * Issue 18 §7: case numbers are sequential, so looking one up must not tell "no such case" from
 * "not yours"; emergency access by number (D17) is the one step that tells, and it is audited.
 */
describe('no case-existence oracle: lookup and emergency access by number', () => {
  let social: ApiClient;
  let polis: ApiClient;
  let vard: ApiClient;
  let samordnare: ApiClient;
  let polisId: string;
  /** An Örebro case the police have no relation to. */
  let hidden: CaseDto;
  /** A number in the same series that no case has. */
  let missing: string;
  /** The police user's grants so far (other specs share the database). */
  const grants = () => count('emergency_accesses', 'user_id = $1', [polisId]);

  beforeAll(async () => {
    [social, polis, vard, samordnare] = await Promise.all(
      ['social.orebro', 'polis.orebro', 'vard.psykiatri', 'samordnare.orebro'].map((u) =>
        ApiClient.signedIn(u),
      ),
    );
    polisId = (await polis.get<MeDto>('/api/v1/me')).body.id;
    hidden = await createCase(social, sipCase('Dold'));
    missing = hidden.number.replace(/\d{6}$/, '999999');
    expect(await count('cases', 'number = $1', [missing])).toBe(0);
  });

  const lookup = (client: ApiClient, number: string) =>
    client.get<CaseLookupDto & ProblemDetails>(`/api/v1/cases/lookup?number=${number}`);
  const requestByNumber = (client: ApiClient, caseNumber: string, reason = REASON) =>
    client.post<EmergencyAccessDto & ProblemDetails>('/api/v1/emergency-accesses', {
      caseNumber,
      reason,
    });

  describe('GET /cases/lookup', () => {
    it('answers a number without a case and a case the caller may not see identically', async () => {
      expect((await polis.get(`/api/v1/cases/${hidden.id}`)).status).toBe(403);
      const since = await lastEventId();
      const none = await lookup(polis, missing);
      const notYours = await lookup(polis, hidden.number);

      expect(answer(notYours)).toEqual(answer(none));
      expect(none.status).toBe(404);
      expect(none.body.code).toBe(ErrorCode.NotFound);
      // What the caller may do next, from their role alone: ask for emergency access by number.
      expect(none.body.details).toEqual({ allowedActions: [CaseAction.EmergencyAccessRequest] });
      const text = JSON.stringify(notYours.body);
      for (const secret of [hidden.id, 'SIP', 'Dold', 'Nummerlös'])
        expect(text).not.toContain(secret);

      // Audited alike, and naming no case (the caller's own reviewers would see its number).
      expect(await eventsSince(polisId, since)).toEqual([
        { action: 'case.lookup', outcome: 'denied', case_ids: [], emergency: false },
        { action: 'case.lookup', outcome: 'denied', case_ids: [], emergency: false },
      ]);
    });

    it('answers a case the caller may see as before', async () => {
      const own = await lookup(social, hidden.number);
      expect(own.status).toBe(200);
      expect(own.body).toEqual({
        id: hidden.id,
        number: hidden.number,
        programme: 'SIP',
        hasAccess: true,
      });
    });

    it('refuses a role outside case work alike, whatever the number', async () => {
      const none = await lookup(samordnare, missing);
      const notYours = await lookup(samordnare, hidden.number);
      expect(none.status).toBe(403);
      expect(answer(notYours)).toEqual(answer(none));
    });
  });

  describe('POST /cases/:id/links', () => {
    it('answers a case the caller may not open as a number without a case', async () => {
      const own = await createCase(social, sipCase('Egen'));
      const regionCase = await createCase(vard, sipCase('Regionens', { municipalityCode: '1880' }));
      expect((await social.get(`/api/v1/cases/${regionCase.id}`)).status).toBe(403);
      const regionMissing = regionCase.number.replace(/\d{6}$/, '999999');
      expect(await count('cases', 'number = $1', [regionMissing])).toBe(0);

      const path = `/api/v1/cases/${own.id}/links`;
      const none = await social.post<ProblemDetails>(path, { number: regionMissing });
      const notYours = await social.post<ProblemDetails>(path, { number: regionCase.number });
      expect(answer(notYours)).toEqual(answer(none));
      expect(none.status).toBe(400);
      expect(none.body.errors?.map((e) => [e.field, e.code])).toEqual([['number', 'unknownCase']]);
      expect(await count('case_links', 'case_id = $1', [own.id])).toBe(0);
    });
  });

  describe('POST /emergency-accesses (by number, D17)', () => {
    it('refuses alike, before looking the number up, what does not depend on the case', async () => {
      const before = await grants();
      for (const [client, reason, status] of [
        [polis, 'för kort', 400],
        [samordnare, REASON, 403],
      ] as const) {
        const none = await requestByNumber(client, missing, reason);
        const notYours = await requestByNumber(client, hidden.number, reason);
        expect(none.status).toBe(status);
        expect(answer(notYours)).toEqual(answer(none));
      }
      const malformed = await requestByNumber(polis, 'SIP-2026-12');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors?.map((e) => e.field)).toEqual(['caseNumber']);
      expect(await grants()).toBe(before);
    });

    it('a number without a case: 404, audited, nothing granted', async () => {
      const before = await grants();
      const since = await lastEventId();
      const none = await requestByNumber(polis, missing);
      expect(none.status).toBe(404);
      expect(none.body.code).toBe(ErrorCode.NotFound);
      expect(await eventsSince(polisId, since)).toEqual([
        { action: 'emergency.grant', outcome: 'denied', case_ids: [], emergency: false },
      ]);
      expect(await grants()).toBe(before);
    });

    it('an existing case with a reason: granted, audited, then found and opened', async () => {
      const before = await grants();
      const since = await lastEventId();
      const granted = await requestByNumber(polis, hidden.number);
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({
        caseId: hidden.id,
        caseNumber: hidden.number,
        reason: REASON,
        user: { id: polisId },
        reviewedAt: null,
      });
      const minutes = (Date.parse(granted.body.expiresAt) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(50);
      expect(minutes).toBeLessThanOrEqual(60);
      expect(await eventsSince(polisId, since)).toEqual([
        { action: 'emergency.grant', outcome: 'allowed', case_ids: [hidden.id], emergency: true },
      ]);

      // The grant is the step that told: now the lookup finds the case and the case opens.
      const found = await lookup(polis, hidden.number);
      expect([found.status, found.body.id, found.body.hasAccess]).toEqual([200, hidden.id, true]);
      const read = await polis.get<CaseDto>(`/api/v1/cases/${hidden.id}`);
      expect(read.status).toBe(200);
      expect(read.body.access.basis).toBe(AccessBasis.Emergency);
      // Listed on the case for the owner, to be reviewed.
      const owner = await social.get<CaseDto>(`/api/v1/cases/${hidden.id}`);
      expect(owner.body.emergencyAccesses.map((e) => e.user.id)).toEqual([polisId]);

      // While it runs, a second request is refused (the caller can see the case anyway).
      const again = await requestByNumber(polis, hidden.number);
      expect(again.status).toBe(409);
      expect(await grants()).toBe(before + 1);
    });
  });
});
