import { AgreementKind, type CreateAgreementDto, OrganisationType } from '@samsyn/common';
import { addDays } from '@samsyn/domain';
import type { OrganisationEntity } from '@samsyn/server';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { AgreementsService } from '../agreements/agreements.service';

/**
 * Two demo agreements (D25) recorded by Örebro kommun's coordinator, with dates relative to
 * today so the demo always shows follow-ups ahead: the region–municipalities agreement on
 * violence in close relationships, which sets the 3-day kallelse rule (D10) and, as its §7
 * says, "gäller tills vidare" (no end date, issue 17 §6), and the municipality–police
 * samverkansöverenskommelse with its fixed period.
 */
export async function seedDemoAgreements(
  agreements: AgreementsService,
  asUser: (username: string) => AuthenticatedUser,
  orgs: readonly OrganisationEntity[],
  today: string,
): Promise<void> {
  const coordinator = asUser('samordnare.orebro');
  const byName = (name: string) => {
    const org = orgs.find((o) => o.name === name);
    if (!org) throw new Error(`demo data: unknown organisation ${name}`);
    return org.id;
  };
  const regionMunicipalities: CreateAgreementDto = {
    title:
      'Överenskommelse om samverkan mellan Region Örebro län och kommunerna i Örebro län – våld i nära relationer',
    kind: AgreementKind.RegionMunicipality,
    validFrom: addDays(today, -300),
    // §7 "Giltighet och uppföljning": it is valid until further notice.
    validUntil: null,
    partyOrganisationIds: orgs
      .filter((o) => o.type === OrganisationType.Region || o.type === OrganisationType.Municipality)
      .map((o) => o.id),
    followUps: [
      // §7: the parties follow up the goals together, by its three indicators, every year.
      { label: 'Uppföljning', dueOn: addDays(today, 20) },
      { label: 'Årlig uppföljning', dueOn: addDays(today, 20 + 365) },
    ],
    summonsDaysAfterDischargeReady: 3,
    firstMeetingDaysAfterRequest: null,
    programmes: ['SIP', 'TRYGGA_HEM'],
    notes:
      'Den som har huvudansvar kallar till SIP. Efter utskrivning från slutenvård skickar regionens öppenvård kallelsen inom 3 dagar från att patienten är utskrivningsklar.',
  };
  const municipalityPolice: CreateAgreementDto = {
    title: 'Samverkansöverenskommelse mellan Örebro kommun och lokalpolisområde Örebro',
    kind: AgreementKind.Cooperation,
    validFrom: addDays(today, -100),
    validUntil: addDays(today, 630),
    partyOrganisationIds: [byName('Örebro kommun'), byName('Polisområde Örebro län')],
    followUps: [
      { label: 'Uppföljning av gemensam lägesbild', dueOn: addDays(today, 80) },
      { label: 'Årlig uppföljning', dueOn: addDays(today, 265) },
    ],
    programmes: ['TRYGGA_HEM'],
    notes: 'Medborgarlöften och gemensam lägesbild följs upp i styrgruppen.',
  };
  await agreements.create(coordinator, regionMunicipalities);
  await agreements.create(coordinator, municipalityPolice);
}
