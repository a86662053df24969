import { addDays } from '@samsyn/domain';
import type { CreateCaseDto } from '@samsyn/common';

/** Demo cases with fictional people (valid check digits on made-up numbers), created through the real services. */
export interface DemoCase {
  owner: string;
  dto: (ids: { region: string; police: string; probation: string }, today: string) => CreateCaseDto;
  team: { username: string; caseRole: string; protectedIdentityAccess?: boolean }[];
  journal: { category: string; text: string }[];
}

export const DEMO_CASES: DemoCase[] = [
  {
    owner: 'social.orebro',
    dto: ({ region }, today) =>
      ({
        programme: 'SIP',
        description:
          'Behov av samordning mellan vuxenpsykiatrin och socialtjänsten efter utskrivning.',
        participants: [
          {
            role: 'individual',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: '19850412-1230',
              firstName: 'Eva',
              lastName: 'Svensson',
              language: 'sv',
              address: 'Storgatan 12',
              postalCode: '70210',
              city: 'Örebro',
              phone: '070-123 45 67',
            },
          },
        ],
        consents: [
          {
            participantIndex: 0,
            recipientOrganisationIds: [region],
            categories: ['identity', 'contact', 'health', 'coordination'],
            form: 'written',
            givenOn: today,
            validUntil: addDays(today, 365),
          },
        ],
      }) as CreateCaseDto,
    team: [{ username: 'vard.psykiatri', caseRole: 'healthcare_contact' }],
    journal: [
      { category: 'coordination', text: 'SIP-behov identifierat vid utskrivningsplanering.' },
      { category: 'social', text: 'Bistånd till boende utreds.' },
    ],
  },
  {
    owner: 'social.orebro',
    dto: ({ police, probation }, today) =>
      ({
        programme: 'TRYGGA_HEM',
        description: 'Aktualiserad via polisanmälan; koordinatorsgruppen bedömer insatser.',
        participants: [
          {
            role: 'offender',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: '19790203-1231',
              firstName: 'Johan',
              lastName: 'Berg',
              address: 'Västra vägen 3',
              postalCode: '70361',
              city: 'Örebro',
            },
          },
          {
            role: 'victim',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: '19830721-1246',
              firstName: 'Lina',
              lastName: 'Berg',
              address: 'Skyddat boende',
              city: 'Örebro',
              protectedLevel: 'sekretessmarkering',
            },
          },
        ],
        consents: [
          {
            participantIndex: 0,
            recipientOrganisationIds: [police, probation],
            categories: ['identity', 'contact', 'coordination', 'criminal', 'risk'],
            form: 'written',
            givenOn: today,
            validUntil: addDays(today, 365),
          },
        ],
      }) as CreateCaseDto,
    team: [
      { username: 'polis.orebro', caseRole: 'police_contact' },
      { username: 'frivard.orebro', caseRole: 'probation_contact' },
    ],
    journal: [
      { category: 'criminal', text: 'Kontaktförbud meddelat.' },
      { category: 'risk', text: 'FREDA farlighetsbedömning genomförd: förhöjd risk.' },
    ],
  },
  {
    owner: 'vard.psykiatri',
    dto: () =>
      ({
        programme: 'SIP',
        description: 'Kallelse till SIP-möte planeras efter inskrivning.',
        participants: [
          {
            role: 'individual',
            person: {
              personalNumberKind: 'personnummer',
              personalNumber: '19920618-1233',
              firstName: 'Amir',
              lastName: 'Haddad',
              language: 'ar',
              interpreterNeeded: true,
              city: 'Örebro',
            },
          },
        ],
        consents: [],
        municipalityCode: '1880',
      }) as CreateCaseDto,
    team: [],
    journal: [
      { category: 'health', text: 'Patienten önskar SIP; samtycke inhämtas vid nästa besök.' },
    ],
  },
];
