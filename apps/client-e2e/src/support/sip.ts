import type { Locator, Page } from 'playwright-core';
import { answerTo } from './responses';
import { api, personnummer, swedishDay, untilText } from './browser';

/** The demo units that SIP journeys call and are called by. */
export const SOCIAL_UNIT = 'Socialtjänsten, individ- och familjeomsorg';
export const CLINIC = 'Psykiatriska kliniken, Universitetssjukhuset Örebro';

export interface Org {
  id: string;
  name: string;
  units: { id: string; name: string }[];
}

/** The organisations of the demo data with their units, as the signed-in user sees them. */
export async function organisations(page: Page): Promise<Org[]> {
  const res = await api<{ items: Org[] }>(page, 'GET', '/api/v1/organisations?pageSize=100');
  expect(res.status).toBe(200);
  return res.body.items;
}

/** Chooses an option of a Material select from the keyboard (see case-consent-journey). */
export async function choose(
  page: Page,
  scope: Locator,
  label: string,
  option: string | RegExp,
): Promise<void> {
  await scope.getByRole('combobox', { name: label }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

export interface SipCaseOptions {
  description: string;
  person: { firstName: string; lastName: string; birthDate: string };
  /** The other huvudman the person consents to share with (by name). */
  consentTo: string;
  /** Consent categories; identity and coordination unless said. */
  categories?: string[];
  /** A unit of the other huvudman put on the case's team (by organisation and unit name). */
  teamUnit?: { organisation: string; unit: string; caseRole: string };
}

export interface SipCase {
  id: string;
  number: string;
}

/**
 * A precondition of the SIP journeys, set up through the API as the signed-in user (not what the
 * journeys test): a SIP case in Örebro kommun's municipality for one person, with the person's
 * written consent to share with `consentTo`, and optionally a unit of it on the team.
 */
export async function createSipCase(page: Page, options: SipCaseOptions): Promise<SipCase> {
  const orgs = await organisations(page);
  const org = (name: string) => {
    const found = orgs.find((o) => o.name === name);
    if (!found) throw new Error(`no organisation ${name} in the demo data`);
    return found;
  };
  const { person } = options;
  const created = await api<SipCase>(page, 'POST', '/api/v1/cases', {
    programme: 'SIP',
    municipalityCode: '1880',
    description: options.description,
    participants: [
      {
        role: 'individual',
        person: {
          personalNumberKind: 'personnummer',
          personalNumber: personnummer(person.birthDate, 100 + (Date.now() % 800)),
          firstName: person.firstName,
          lastName: person.lastName,
        },
      },
    ],
    consents: [
      {
        participantIndex: 0,
        recipientOrganisationIds: [org(options.consentTo).id],
        categories: options.categories ?? ['identity', 'coordination'],
        form: 'written',
        givenOn: swedishDay(0),
        validUntil: swedishDay(365),
      },
    ],
  });
  expect(created.status).toBe(201);
  const kase = created.body;
  if (options.teamUnit) {
    const { organisation, unit, caseRole } = options.teamUnit;
    const unitId = org(organisation).units.find((u) => u.name === unit)?.id;
    const team = await api(page, 'POST', `/api/v1/cases/${kase.id}/team`, { unitId, caseRole });
    expect(team.status).toBe(201);
  }
  return { id: kase.id, number: kase.number };
}

export interface CallMeetingOptions {
  place: string;
  /** The other huvudman's unit called with a kallelse, as its checkbox reads. */
  called: string;
  /** External actors invited with an inbjudan. */
  actors?: string[];
  /** Runs on each step once it shows, before it is filled in (an axe check, a screenshot). */
  atStep?: (step: 'when' | 'who' | 'person' | 'review') => Promise<void>;
}

/**
 * Calls a SIP meeting through the wizard of the case's SIP tab (open on `page`), as a user does:
 * place, a kallelse to the other huvudman's unit, inbjudningar to external actors, the person's
 * participation as proposed, review and call. Answers the meeting the API created.
 */
export async function callSipMeeting(
  page: Page,
  caseId: string,
  { place, called, actors = [], atStep = () => Promise.resolve() }: CallMeetingOptions,
): Promise<{ id: string; planVersionId: string }> {
  await page.locator('[data-action="sip.call"]').click();
  await page.getByRole('heading', { level: 4, name: 'När och var' }).waitFor();
  await atStep('when');
  const when = page.locator('#sip-step-when');
  await when.getByRole('textbox', { name: 'Plats' }).fill(place);
  await when.getByRole('button', { name: 'Nästa' }).click();

  await page.getByRole('heading', { level: 4, name: 'Vilka' }).waitFor();
  const who = page.locator('#sip-step-who');
  await who
    .getByRole('group', { name: 'Kallelse till den andra huvudmannen' })
    .getByRole('checkbox', { name: called })
    .check();
  for (const [index, actor] of actors.entries()) {
    await who.getByRole('button', { name: 'Lägg till aktör' }).click();
    await who.getByRole('textbox', { name: `Aktör ${index + 1}` }).fill(actor);
  }
  await atStep('who');
  await who.getByRole('button', { name: 'Nästa' }).click();

  await page.getByRole('heading', { level: 4, name: 'Personens deltagande' }).waitFor();
  await atStep('person');
  await page.locator('#sip-step-person').getByRole('button', { name: 'Nästa' }).click();

  await page.getByRole('heading', { level: 4, name: 'Granska och kalla' }).waitFor();
  const review = page.locator('#sip-step-review');
  await untilText(review, actors.at(-1) ?? called.replace(/ \(.*\)$/, ''));
  await atStep('review');
  const response = await answerTo<{ id: string; planVersionId: string }>(
    page,
    (url, method) => url.endsWith(`/cases/${caseId}/sip/meetings`) && method === 'POST',
    () => review.getByRole('button', { name: 'Kalla till mötet' }).click(),
  );
  expect(response.status).toBe(201);
  return response.body;
}
