import type { SipLanguage, SipMeetingDto, SipPersonViewDto } from '@samsyn/common';
import { renderPdf } from './sip-documents';

/**
 * Letters for a called SIP meeting (issue 15 §6, D7, D13, D18): the kallelse for the person and
 * the printable inbjudan for an actor outside Samsyn. Built from DTOs that the access policy
 * already filtered: who is invited is named by unit and organisation, never by staff; a
 * protected person's address and personnummer never reach a letter.
 */

const TEXT = {
  sv: {
    kallelseTitle: 'Kallelse till SIP-möte',
    inbjudanTitle: 'Inbjudan till SIP-möte',
    to: 'Till',
    protected: 'Skyddade personuppgifter – adressen skrivs inte ut',
    case: 'Ärende',
    when: 'Tid',
    where: 'Plats',
    video: 'Videolänk',
    calledBy: 'Kallad av',
    invited: 'Kallade och inbjudna',
    you: 'Du är välkommen att delta.',
    relatives: 'Du får gärna ta med en närstående.',
    whatTitle: 'Vad är en SIP?',
    what: 'En samordnad individuell plan (SIP) görs när du behöver insatser från både kommunen och regionen. På mötet kommer ni tillsammans överens om vilka insatser du behöver, vem som ansvarar för vad och när planen ska följas upp. Planen görs bara om du vill, och du kan avbryta när du vill.',
    inbjudan:
      'Ni är inbjudna till ett möte om en samordnad individuell plan (SIP). Den kallande enheten lämnar de uppgifter om personen som hen har samtyckt till att ni får.',
    help: 'Var du kan få hjälp',
    minutes: 'kl.',
  },
  en: {
    kallelseTitle: 'Invitation to a SIP meeting',
    inbjudanTitle: 'Invitation to a SIP meeting',
    to: 'To',
    protected: 'Protected personal data – the address is not printed',
    case: 'Case',
    when: 'Time',
    where: 'Place',
    video: 'Video link',
    calledBy: 'Called by',
    invited: 'Summoned and invited',
    you: 'You are welcome to take part.',
    relatives: 'You are welcome to bring someone close to you.',
    whatTitle: 'What is a SIP?',
    what: 'A coordinated individual plan (SIP, samordnad individuell plan) is made when you need support from both the municipality and the region. At the meeting you agree together on the support you need, who is responsible for what and when the plan is followed up. A plan is made only if you want it, and you can stop at any time.',
    inbjudan:
      'You are invited to a meeting about a coordinated individual plan (SIP). The calling unit gives you the information about the person that they have agreed you may receive.',
    help: 'Where to get help',
    minutes: '',
  },
} as const;

function when(meeting: SipMeetingDto, lang: SipLanguage): string {
  const fmt = (iso: string, opts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
      timeZone: 'Europe/Stockholm',
      ...opts,
    }).format(new Date(iso));
  const day = fmt(meeting.startsAt, {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  const time = (iso: string) => fmt(iso, { hour: '2-digit', minute: '2-digit' });
  return `${day} ${TEXT[lang].minutes} ${time(meeting.startsAt)}–${time(meeting.endsAt)}`.replace(
    /\s+/g,
    ' ',
  );
}

/** Who is summoned and invited: units and organisations, or the actor's name; never staff. */
function invitedLines(meeting: SipMeetingDto): string[] {
  return meeting.invitations.map((i) =>
    i.unit
      ? [i.unit.name, i.organisation?.name].filter(Boolean).join(', ')
      : (i.externalActor ?? ''),
  );
}

function meetingBlock(meeting: SipMeetingDto, lang: SipLanguage): unknown[] {
  const t = TEXT[lang];
  return [
    `${t.case}: ${meeting.caseNumber}`,
    `${t.when}: ${when(meeting, lang)}`,
    ...(meeting.place ? [`${t.where}: ${meeting.place}`] : []),
    ...(meeting.videoLink ? [`${t.video}: ${meeting.videoLink}`] : []),
    `${t.calledBy}: ${meeting.callingUnit.name}, ${meeting.callingOrganisation.name}`,
    { text: t.invited, style: 'h2' },
    { ul: invitedLines(meeting) },
  ];
}

const STYLES = {
  h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
  h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
};

/** The kallelse for the person, with where to get help (D13). */
export function kallelseLetterPdf(
  meeting: SipMeetingDto,
  person: SipPersonViewDto | null,
  helpText: string,
  lang: SipLanguage,
): Promise<Buffer> {
  const t = TEXT[lang];
  const addressee: string[] = [];
  if (person) {
    const name = [person.firstName, person.lastName].filter(Boolean).join(' ');
    if (name) addressee.push(`${t.to}: ${name}`);
    if (person.protectedIdentity) addressee.push(t.protected);
    else {
      if (person.address) addressee.push(person.address);
      const city = [person.postalCode, person.city].filter(Boolean).join(' ');
      if (city) addressee.push(city);
    }
  }
  return renderPdf({
    info: { title: `${t.kallelseTitle} ${meeting.caseNumber}` },
    language: lang,
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    styles: STYLES,
    content: [
      { text: t.kallelseTitle, style: 'h1' },
      ...addressee,
      { text: '', margin: [0, 4] },
      ...meetingBlock(meeting, lang),
      { text: t.you, margin: [0, 8, 0, 0] },
      ...(meeting.relativesParticipate ? [t.relatives] : []),
      { text: t.whatTitle, style: 'h2' },
      t.what,
      { text: t.help, style: 'h2' },
      helpText,
    ],
  });
}

/** The printable inbjudan for an actor outside Samsyn (or any invited party): no personal data. */
export function invitationLetterPdf(
  meeting: SipMeetingDto,
  addressee: string,
  lang: SipLanguage,
): Promise<Buffer> {
  const t = TEXT[lang];
  return renderPdf({
    info: { title: `${t.inbjudanTitle} ${meeting.caseNumber}` },
    language: lang,
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    styles: STYLES,
    content: [
      { text: t.inbjudanTitle, style: 'h1' },
      `${t.to}: ${addressee}`,
      { text: t.inbjudan, margin: [0, 6, 0, 6] },
      ...meetingBlock(meeting, lang),
      { text: t.whatTitle, style: 'h2' },
      t.what,
    ],
  });
}
