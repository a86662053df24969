import type { Browser, Page } from 'playwright-core';
import {
  api,
  expectAccessible,
  launchBrowser,
  openPage,
  personnummer,
  signIn,
  swedishDay,
  type TestPage,
  until,
  untilAttribute,
  untilCount,
} from './support/browser';
import { offeredActions, offeredActionsRefused } from './support/offered-actions';

/*
 * Issue 15: nothing a page offers is refused by the server. As the police, social services and
 * the log reviewer: the caseload, every tab of the cases (and the page a case the caller may not
 * open shows instead), and the review page. Each offered `[data-action]` control must be in what
 * the API allows — per record where it carries `data-action-id` — and the page must have no axe
 * violations. The Trygga hem case is in the Örebro group's caseload with records of both agencies.
 */

interface CaseRef {
  id: string;
  number: string;
}

/** Waits until the case page has settled: a heading, and no tab content still loading. */
async function untilCaseSettled(page: Page): Promise<void> {
  await until(page, 'the case page loaded, with no tab still fetching', () => {
    if (document.querySelector('.case-status p.muted')) return false; // "Hämtar ärendet…"
    if (document.querySelector('#no-access-title')) return true;
    // A tab switch is over: no body animating, and the body left behind holds nothing any more
    // (during the switch both are in the page, part visible and part hidden, which axe reads
    // as a button without a name).
    if (document.querySelector('.mat-tab-body-animating')) return false;
    const bodies = document.querySelectorAll('.mat-mdc-tab-body:not(.mat-mdc-tab-body-active)');
    if (Array.from(bodies).some((b) => b.querySelector('.mat-mdc-tab-body-content > *')))
      return false;
    const active = document.querySelector('.mat-mdc-tab-body-active .mat-mdc-tab-body-content');
    if (!active?.querySelector('h2, h3')) return false;
    return !Array.from(active.querySelectorAll<HTMLElement>('[role="status"]')).some((el) =>
      /Hämtar/.test(el.textContent ?? ''),
    );
  });
}

async function checkCasePage(page: Page, username: string, kase: CaseRef): Promise<void> {
  await page.goto(`/arenden/${kase.id}`);
  await untilCaseSettled(page);
  const tabs = page.getByRole('tab');
  const names = await tabs.allTextContents();
  const where = (tab: string) => `${username} on ${kase.number} (${tab})`;
  if (!names.length) {
    // Kept out of the case: the page offers what the 403 allows (emergency access) and no more.
    expect(await offeredActionsRefused(page, {})).toEqual([]);
    await expectAccessible(page, where('no access'));
    return;
  }
  for (let i = 0; i < names.length; i++) {
    const tab = tabs.nth(i);
    await tab.click();
    await untilAttribute(tab, 'aria-selected', 'true');
    await untilCaseSettled(page);
    const refused = await offeredActionsRefused(page, {});
    expect({ where: where(names[i].trim()), refused }).toEqual({
      where: where(names[i].trim()),
      refused: [],
    });
    await expectAccessible(page, where(names[i].trim()));
  }
}

describe('offered actions are allowed actions (issue 15)', () => {
  let browser: Browser;
  let setup: TestPage;
  /** Cases the spec opens, so that what it does leaves the demo cases as they were. */
  const cases: CaseRef[] = [];
  const serial = 600 + (Date.now() % 300);
  /** The police's control measure on the Trygga hem case. */
  let policeMeasureId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    setup = await openPage(browser);
    const page = setup.page;
    await signIn(page, 'social.orebro');
    const orgs = await api<{ items: { id: string; name: string }[] }>(
      page,
      'GET',
      `/api/v1/organisations?q=${encodeURIComponent('Polisområde Örebro län')}`,
    );
    const police = orgs.body.items.find((o) => o.name === 'Polisområde Örebro län')?.id;
    const users = await api<{ items: { id: string }[] }>(
      page,
      'GET',
      '/api/v1/users?q=polis.orebro',
    );
    expect(users.body.items).toHaveLength(1);
    // A Trygga hem case of Örebro kommun with the police on the team under consent: the issue's
    // "police see Ändra uppgifter, Registrera samtycke …".
    const th = await api<CaseRef & { participants: { person: { id: string } }[] }>(
      page,
      'POST',
      '/api/v1/cases',
      {
        programme: 'TRYGGA_HEM',
        participants: [
          {
            role: 'offender',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: personnummer('1977-05-05', serial),
              firstName: 'Erbjuden',
              lastName: 'Åtgärd',
            },
          },
        ],
        consents: [
          {
            participantIndex: 0,
            recipientOrganisationIds: [police],
            categories: ['identity', 'coordination', 'criminal'],
            form: 'written',
            givenOn: new Date().toISOString().slice(0, 10),
            validUntil: `${new Date().getFullYear() + 1}-01-31`,
          },
        ],
      },
    );
    expect(th.status).toBe(201);
    const team = await api(page, 'POST', `/api/v1/cases/${th.body.id}/team`, {
      userId: users.body.items[0].id,
      caseRole: 'police_contact',
    });
    expect(team.status).toBe(201);
    // In the Örebro group's caseload, with a notification and an incident of social services'
    // and a control measure of the police's: each record's correct and remove are its recorder's.
    const groups = await api<{ id: string; municipalityCode: string }[]>(
      page,
      'GET',
      '/api/v1/trygga-hem/groups',
    );
    const enrolled = await api(page, 'POST', '/api/v1/trygga-hem/cases', {
      caseId: th.body.id,
      groupId: groups.body.find((g) => g.municipalityCode === '1880')!.id,
      priority: 'C',
      priorityBasis: 'Hot mot partner.',
    });
    expect(enrolled.status).toBe(201);
    const day = swedishDay();
    for (const [path, body] of [
      ['notifications', { method: 'letter', deliveredOn: day, deliveredBy: 'Socialsekreterare' }],
      ['incidents', { occurredOn: day, kind: 'threat' }],
    ] as const)
      expect(
        (await api(page, 'POST', `/api/v1/trygga-hem/cases/${th.body.id}/${path}`, body)).status,
      ).toBe(201);
    const polis = await openPage(browser);
    try {
      await signIn(polis.page, 'polis.orebro');
      const measure = await api<{ controlMeasures: { id: string }[] }>(
        polis.page,
        'POST',
        `/api/v1/trygga-hem/cases/${th.body.id}/control-measures`,
        { kind: 'kontaktforbud', startsOn: day },
      );
      expect(measure.status).toBe(201);
      policeMeasureId = measure.body.controlMeasures[0].id;
    } finally {
      await polis.context.close();
    }
    // A SIP case of Örebro kommun the police have no relation to.
    const sip = await api<CaseRef>(page, 'POST', '/api/v1/cases', {
      programme: 'SIP',
      participants: [
        {
          role: 'individual',
          person: {
            personalNumberKind: 'personnummer',
            personalNumber: personnummer('1988-08-08', serial),
            firstName: 'Annan',
            lastName: 'Åtgärd',
          },
        },
      ],
    });
    expect(sip.status).toBe(201);
    cases.push(th.body, sip.body);
  });

  afterAll(async () => {
    await setup?.context.close();
    await browser?.close();
  });

  for (const username of ['polis.orebro', 'social.orebro']) {
    describe(username, () => {
      let user: TestPage;

      beforeAll(async () => {
        user = await openPage(browser);
        await signIn(user.page, username);
      });

      afterAll(() => user?.context.close());

      it('the caseload offers nothing the server refuses', async () => {
        const { page } = user;
        await page.goto('/arenden');
        await page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
        await page.getByRole('table', { name: /^Ärenden \(\d+\)$/ }).waitFor();
        expect(await offeredActionsRefused(page, {})).toEqual([]);
        await expectAccessible(page, `${username} caseload`);
      });

      it('every tab of the Trygga hem case offers only what the server allows', async () => {
        await checkCasePage(user.page, username, cases[0]);
      });

      it('the SIP case offers only what the server allows (the police: emergency access)', async () => {
        await checkCasePage(user.page, username, cases[1]);
        if (username === 'polis.orebro') {
          // Kept out, the police are offered emergency access — and the server allows it.
          const offered = await offeredActions(user.page);
          expect(offered).toEqual([{ action: 'emergencyAccess.request', id: null }]);
        }
      });
    });
  }

  it('on the Trygga hem tab the police may correct their own record, not social services’', async () => {
    const polis = await openPage(browser);
    try {
      const { page } = polis;
      await signIn(page, 'polis.orebro');
      await page.goto(`/arenden/${cases[0].id}?flik=tryggahem`);
      await untilCaseSettled(page);
      await page
        .locator(`[data-action="th.correctRecord"][data-action-id="${policeMeasureId}"]`)
        .waitFor();
      expect(await offeredActionsRefused(page, {})).toEqual([]);
      const offered = await offeredActions(page);
      const own = offered.filter((o) => o.id === policeMeasureId).map((o) => o.action);
      expect(own.sort()).toEqual(['th.correctRecord', 'th.removeRecord']);
      // The notification and incident are social services': the police may record, not correct.
      expect(offered.filter((o) => o.action === 'th.correctRecord')).toEqual([
        { action: 'th.correctRecord', id: policeMeasureId },
      ]);
      for (const add of ['th.addNotification', 'th.addIncident', 'th.addControlMeasure'])
        expect(offered).toContainEqual({ action: add, id: null });
      // No social category: no offers; no safety category: no skyddsplan.
      for (const absent of ['th.addOffer', 'th.saveSafetyPlan'])
        expect(offered.map((o) => o.action)).not.toContain(absent);
      await expectAccessible(page, 'polis.orebro on the Trygga hem tab');
    } finally {
      await polis.context.close();
    }
  });

  it('the police are not offered the owner actions the issue names', async () => {
    const polis = await openPage(browser);
    try {
      await signIn(polis.page, 'polis.orebro');
      await polis.page.goto(`/arenden/${cases[0].id}?flik=samtycke`);
      await untilCaseSettled(polis.page);
      await polis.page.getByRole('heading', { level: 2, name: 'Samtycken' }).waitFor();
      const offered = (await offeredActions(polis.page)).map((o) => o.action);
      for (const refused of ['consent.record', 'consent.replace', 'disclosure.record'])
        expect(offered).not.toContain(refused);
      // The consent naming the police may be withdrawn by them (D15), and is offered.
      expect(offered).toContain('consent.withdraw');
    } finally {
      await polis.context.close();
    }
  });

  it('the log reviewer is offered reviews only of accesses whose log they may open', async () => {
    // Emergency access by a region user to an Örebro case (Örebro's to review), and by an
    // Örebro user to a region case (the region's: Örebro's reviewer cannot open its log).
    const vard = await openPage(browser);
    const reviewer = await openPage(browser);
    try {
      await signIn(vard.page, 'vard.psykiatri');
      const reason = 'Akut behov: patienten uppger hot, behöver se samordningen.';
      const toOrebro = await api(
        vard.page,
        'POST',
        `/api/v1/cases/${cases[1].id}/emergency-access`,
        {
          reason,
        },
      );
      expect(toOrebro.status).toBe(201);
      const regionCase = await api<CaseRef>(vard.page, 'POST', '/api/v1/cases', {
        programme: 'SIP',
        participants: [
          {
            role: 'individual',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: personnummer('1966-06-06', serial),
              firstName: 'Region',
              lastName: 'Åtgärd',
            },
          },
        ],
        municipalityCode: '1880',
      });
      expect(regionCase.status).toBe(201);
      const toRegion = await api(
        setup.page,
        'POST',
        `/api/v1/cases/${regionCase.body.id}/emergency-access`,
        { reason },
      );
      expect(toRegion.status).toBe(201);

      const page = reviewer.page;
      await signIn(page, 'granskare.orebro');
      await page.goto('/granskning');
      await page.getByRole('heading', { level: 1, name: 'Granskning' }).waitFor();
      const grants = page.getByRole('table', { name: /^Ej granskade nödåtkomster \(\d+\)$/ });
      await grants.getByRole('row', { name: new RegExp(regionCase.body.number) }).waitFor();
      expect(await offeredActionsRefused(page, {})).toEqual([]);
      // The region case's row offers neither its log nor a review; the Örebro case's row does.
      const regionRow = grants.getByRole('row', { name: new RegExp(regionCase.body.number) });
      await regionRow
        .getByText('Granskas av loggansvarig i ärendets ägande organisation')
        .waitFor();
      const orebroRow = grants.getByRole('row', { name: new RegExp(cases[1].number) }).first();
      await orebroRow.getByRole('button', { name: /^Markera granskad: nödåtkomsten/ }).waitFor();
      // Outside the caseload: Örebro's user on the region case. Its log is the region's, so the
      // number is text, not a link to a log that would answer 403.
      const outside = page.getByRole('table', { name: /^Åtkomster utanför ärendelistan/ });
      await outside.getByText(regionCase.body.number).first().waitFor();
      await untilCount(outside.getByRole('link', { name: regionCase.body.number }), 0);
      expect(await offeredActionsRefused(page, {})).toEqual([]);
      await expectAccessible(page, 'granskare.orebro review page');
    } finally {
      await vard.context.close();
      await reviewer.context.close();
    }
  });

  it('the log reviewer, who takes no part in case work, is offered nothing on the case pages', async () => {
    const reviewer = await openPage(browser);
    try {
      const { page } = reviewer;
      await signIn(page, 'granskare.orebro');
      // The caseload says they have none; a case page sends them to the review page.
      await page.goto('/arenden');
      await page.getByRole('heading', { level: 1, name: 'Mina ärenden' }).waitFor();
      expect(await offeredActionsRefused(page, {})).toEqual([]);
      await expectAccessible(page, 'granskare.orebro caseload');
      await page.goto(`/arenden/${cases[0].id}`);
      await until(page, 'the review page', () => location.pathname === '/granskning');
      await page.getByRole('heading', { level: 1, name: 'Granskning' }).waitFor();
      await page.getByRole('table', { name: /^Ej granskade nödåtkomster \(\d+\)$/ }).waitFor();
      expect(await offeredActionsRefused(page, {})).toEqual([]);
    } finally {
      await reviewer.context.close();
    }
  });
});
