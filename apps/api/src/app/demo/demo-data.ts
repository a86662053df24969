import { OrganisationType, Role } from '@samsyn/common';

/** Demo organisations of Örebro län. Unit and person names are fictional where they name people. */
export interface DemoOrganisation {
  name: string;
  type: OrganisationType;
  municipalityCode?: string;
  units: { name: string; kind: string }[];
}

const MUNICIPALITIES: [string, string][] = [
  ['Askersunds kommun', '1882'],
  ['Degerfors kommun', '1862'],
  ['Hallsbergs kommun', '1861'],
  ['Hällefors kommun', '1863'],
  ['Karlskoga kommun', '1883'],
  ['Kumla kommun', '1881'],
  ['Laxå kommun', '1860'],
  ['Lekebergs kommun', '1814'],
  ['Lindesbergs kommun', '1885'],
  ['Ljusnarsbergs kommun', '1864'],
  ['Nora kommun', '1884'],
  ['Örebro kommun', '1880'],
];

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Region Örebro län',
    type: OrganisationType.Region,
    units: [
      { name: 'Psykiatriska kliniken, Universitetssjukhuset Örebro', kind: 'psychiatry' },
      { name: 'Beroendecentrum Örebro', kind: 'addiction_care' },
      { name: 'Vårdcentralen Tullhus', kind: 'primary_care' },
    ],
  },
  ...MUNICIPALITIES.map(([name, code]) => ({
    name,
    type: OrganisationType.Municipality,
    municipalityCode: code,
    units: [{ name: 'Socialtjänsten, individ- och familjeomsorg', kind: 'social_services' }],
  })),
  {
    name: 'Polisområde Örebro län',
    type: OrganisationType.Police,
    units: [
      { name: 'Lokalpolisområde Örebro', kind: 'local_police_area' },
      { name: 'Lokalpolisområde Sydnärke', kind: 'local_police_area' },
      { name: 'Lokalpolisområde Karlskoga', kind: 'local_police_area' },
      { name: 'Lokalpolisområde Bergslagen', kind: 'local_police_area' },
    ],
  },
  {
    name: 'Kriminalvården Frivård Örebro',
    type: OrganisationType.Probation,
    units: [{ name: 'Frivården Örebro', kind: 'probation_office' }],
  },
  {
    name: 'Länsstyrelsen Örebro län',
    type: OrganisationType.CountyBoard,
    units: [{ name: 'Enheten för social hållbarhet', kind: 'county_board' }],
  },
];

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  organisation: string;
  unit: string;
}

const SOCIAL = 'Socialtjänsten, individ- och familjeomsorg';

/** One demo user per role (and a second social worker in another municipality). */
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'social.orebro',
    displayName: 'Anna Lindqvist',
    roles: [Role.SocialWorker],
    organisation: 'Örebro kommun',
    unit: SOCIAL,
  },
  {
    username: 'social.karlskoga',
    displayName: 'Jonas Ek',
    roles: [Role.SocialWorker],
    organisation: 'Karlskoga kommun',
    unit: SOCIAL,
  },
  {
    username: 'vard.psykiatri',
    displayName: 'Sara Holm',
    roles: [Role.HealthcareStaff],
    organisation: 'Region Örebro län',
    unit: 'Psykiatriska kliniken, Universitetssjukhuset Örebro',
  },
  {
    username: 'polis.orebro',
    displayName: 'Mikael Strand',
    roles: [Role.PoliceOfficer],
    organisation: 'Polisområde Örebro län',
    unit: 'Lokalpolisområde Örebro',
  },
  {
    username: 'frivard.orebro',
    displayName: 'Lena Berg',
    roles: [Role.ProbationOfficer],
    organisation: 'Kriminalvården Frivård Örebro',
    unit: 'Frivården Örebro',
  },
  {
    username: 'samordnare.orebro',
    displayName: 'Karin Nyström',
    roles: [Role.Coordinator],
    organisation: 'Örebro kommun',
    unit: SOCIAL,
  },
  {
    username: 'styrgrupp.lan',
    displayName: 'Per Åkesson',
    roles: [Role.Steering],
    organisation: 'Länsstyrelsen Örebro län',
    unit: 'Enheten för social hållbarhet',
  },
  {
    username: 'admin.orebro',
    displayName: 'Maria Sund',
    roles: [Role.OrgAdmin],
    organisation: 'Örebro kommun',
    unit: SOCIAL,
  },
  {
    username: 'granskare.orebro',
    displayName: 'Olof Wik',
    roles: [Role.Auditor],
    organisation: 'Örebro kommun',
    unit: SOCIAL,
  },
  {
    username: 'sysadmin',
    displayName: 'Systemförvaltare',
    roles: [Role.SystemAdmin],
    organisation: 'Region Örebro län',
    unit: 'Vårdcentralen Tullhus',
  },
];

/** The shared demo password. Demo mode only; printed at start-up in demo mode and nowhere else. */
export const DEMO_PASSWORD = 'samsyn-demo';
