import {
  type SipLanguage,
  SipMeetingState,
  type SipMeasureDto,
  type SipPersonViewDto,
  type SipPlanDto,
  type SipMeetingDto,
} from '@samsyn/common';
import { createEvent, type EventAttributes } from 'ics';

/**
 * The SIP's documents: the printable plan (D13, D18) and the meeting's calendar file. Both are
 * built from DTOs that were already filtered by the access policy; neither ever receives a
 * protected person's contact data.
 */

const STANDARD_FONTS = {
  Helvetica: {
    normal: 'Helvetica',
    bold: 'Helvetica-Bold',
    italics: 'Helvetica-Oblique',
    bolditalics: 'Helvetica-BoldOblique',
  },
};
const FONT_NAMES = new Set(Object.values(STANDARD_FONTS.Helvetica));

interface PdfKitDocument {
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
  end(): void;
}

interface PdfPrinter {
  createPdfKitDocument(definition: unknown): Promise<PdfKitDocument>;
}

type PrinterClass = new (
  fonts: unknown,
  virtualFs: undefined,
  urlResolver: { resolve(): void; resolved(): Promise<void> },
  localAccessPolicy: (path: string) => boolean,
) => PdfPrinter;

// pdfmake 0.3 ships CommonJS without types; the printer is its server-side entry point.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Printer = (require('pdfmake/js/Printer') as { default: PrinterClass }).default;

const TEXT = {
  sv: {
    title: 'Samordnad individuell plan (SIP)',
    case: 'Ärende',
    version: 'Version',
    agreed: 'Överenskommen',
    person: 'Personen',
    name: 'Namn',
    personalNumber: 'Personnummer',
    address: 'Adress',
    protected: 'Skyddade personuppgifter – uppgifterna visas inte',
    withheld: 'Uppgifterna visas inte',
    leadPrincipal: 'Huvudansvar',
    followUp: 'Nästa uppföljning',
    needs: 'Behov',
    goals: 'Mål',
    ownWords: 'med egna ord',
    measures: 'Insatser',
    measure: 'Insats',
    responsible: 'Ansvarig',
    period: 'Period',
    status: 'Status',
    approvals: 'Godkänd av',
    personAgreed: 'Personens samtycke till planen registrerat',
    help: 'Var du kan få hjälp',
    none: '–',
    open: 'tills vidare',
    statuses: {
      planned: 'planerad',
      ongoing: 'pågår',
      completed: 'avslutad',
      cancelled: 'avbruten',
    },
  },
  en: {
    title: 'Coordinated individual plan (SIP)',
    case: 'Case',
    version: 'Version',
    agreed: 'Agreed',
    person: 'The person',
    name: 'Name',
    personalNumber: 'Personal identity number',
    address: 'Address',
    protected: 'Protected personal data – not shown',
    withheld: 'Not shown',
    leadPrincipal: 'Overall responsibility (huvudansvar)',
    followUp: 'Next follow-up',
    needs: 'Needs',
    goals: 'Goals',
    ownWords: 'in own words',
    measures: 'Measures',
    measure: 'Measure',
    responsible: 'Responsible',
    period: 'Period',
    status: 'Status',
    approvals: 'Approved by',
    personAgreed: 'The person’s agreement to the plan is recorded',
    help: 'Where to get help',
    none: '–',
    open: 'until further notice',
    statuses: {
      planned: 'planned',
      ongoing: 'ongoing',
      completed: 'completed',
      cancelled: 'cancelled',
    },
  },
} as const;

function responsibleOf(m: SipMeasureDto): string {
  return [m.organisation?.name ?? m.actorName, m.unit?.name].filter(Boolean).join(', ');
}

/** The agreed plan as a PDF in Swedish or English, with the standard Helvetica fonts (Latin-1 covers å, ä, ö). */
export async function planPdf(
  plan: SipPlanDto,
  person: SipPersonViewDto | null,
  lang: SipLanguage,
  /** Where to get help (D13): the case owner's organisation's text in `lang`. */
  helpText?: string,
): Promise<Buffer> {
  const t = TEXT[lang];
  const personLines: string[] = [];
  if (!person) personLines.push(t.withheld);
  else {
    personLines.push(`${t.name}: ${[person.firstName, person.lastName].filter(Boolean).join(' ')}`);
    if (person.protectedIdentity) personLines.push(t.protected);
    else {
      if (person.personalNumber) personLines.push(`${t.personalNumber}: ${person.personalNumber}`);
      const address = [person.address, [person.postalCode, person.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ');
      if (address) personLines.push(`${t.address}: ${address}`);
    }
  }
  const definition = {
    info: { title: `${t.title} ${plan.caseNumber}` },
    language: lang,
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    styles: {
      h1: { fontSize: 16, bold: true },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
    },
    content: [
      { text: t.title, style: 'h1' },
      `${t.case}: ${plan.caseNumber} · ${t.version} ${plan.number} · ${t.agreed}: ${plan.agreedAt?.slice(0, 10) ?? t.none}`,
      { text: t.person, style: 'h2' },
      ...personLines,
      { text: `${t.leadPrincipal}: ${plan.leadPrincipal?.name ?? t.none}`, style: 'h2' },
      `${t.followUp}: ${plan.followUpDate ?? t.none}`,
      { text: t.needs, style: 'h2' },
      plan.needs.length ? { ul: plan.needs.map((n) => n.text) } : t.none,
      { text: t.goals, style: 'h2' },
      plan.goals.length
        ? { ul: plan.goals.map((g) => (g.ownWords ? `”${g.text}” (${t.ownWords})` : g.text)) }
        : t.none,
      { text: t.measures, style: 'h2' },
      {
        table: {
          headerRows: 1,
          widths: ['*', '*', 'auto', 'auto'],
          body: [
            [t.measure, t.responsible, t.period, t.status].map((text) => ({ text, bold: true })),
            ...plan.measures.map((m) => [
              m.description,
              responsibleOf(m),
              `${m.startDate} – ${m.endDate ?? t.open}`,
              t.statuses[m.status],
            ]),
          ],
        },
      },
      { text: t.approvals, style: 'h2' },
      {
        ul: plan.approvals.map(
          (a) => `${a.organisation.name}${a.approvedAt ? ` (${a.approvedAt.slice(0, 10)})` : ''}`,
        ),
      },
      plan.personAgreement ? { text: t.personAgreed, margin: [0, 6, 0, 0] } : '',
      ...(helpText ? [{ text: t.help, style: 'h2' }, helpText] : []),
    ],
  };
  return renderPdf(definition);
}

/** A pdfmake document definition as a PDF, with the built-in Helvetica fonts only. */
export async function renderPdf(definition: object): Promise<Buffer> {
  const printer = new Printer(
    STANDARD_FONTS,
    undefined,
    { resolve: () => undefined, resolved: () => Promise.resolve() },
    // Only the built-in PDF fonts: no file or URL is ever read.
    (path) => FONT_NAMES.has(path),
  );
  const doc = await printer.createPdfKitDocument(definition);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

function utcParts(iso: string): [number, number, number, number, number] {
  const d = new Date(iso);
  return [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
  ];
}

/** The bare address of a sender such as `Samsyn <samsyn@example.se>` or `samsyn@example.se`. */
export function mailAddress(from: string): string {
  const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  return (angled ? angled[1] : from).trim();
}

/**
 * The meeting as an iCalendar file: time, place or link, the case number and who called it.
 * Never the person's name or address (D18): the file leaves Samsyn for any calendar.
 * ORGANIZER needs a mailto (RFC 5545): the calling unit's address when units have one, else the
 * configured sender (`MAIL_FROM`); units carry no address today.
 */
export function meetingIcs(
  meeting: Omit<SipMeetingDto, 'allowedActions' | 'attendance'>,
  publicUrl: string,
  organizerEmail: string,
): string {
  const event: EventAttributes = {
    uid: `${meeting.id}@samsyn`,
    sequence: meeting.version,
    start: utcParts(meeting.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcParts(meeting.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `SIP-möte ${meeting.caseNumber}`,
    description: `Kallelse/inbjudan från ${meeting.callingUnit.name}, ${meeting.callingOrganisation.name}. Ärende ${meeting.caseNumber}.`,
    location: meeting.place ?? meeting.videoLink ?? undefined,
    url: `${publicUrl.replace(/\/$/, '')}/sip/moten/${meeting.id}`,
    status: meeting.state === SipMeetingState.Cancelled ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: meeting.callingUnit.name, email: mailAddress(organizerEmail) },
    productId: 'samsyn/sip',
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw new Error('calendar file could not be built');
  return value;
}
