import { ReminderKind } from '@samsyn/common';

/**
 * Reminder e-mail (issue 5, D18). An e-mail leaves the protected systems, so it carries no
 * personal data: only what kind of reminder it is (Swedish and English), the case number and a
 * link; everything else is behind sign-in. Built from those fields alone, so nothing else can
 * slip in.
 */
export const REMINDER_KIND_TEXTS: Readonly<Record<ReminderKind, { sv: string; en: string }>> = {
  [ReminderKind.SystemTest]: { sv: 'Testpåminnelse', en: 'Test reminder' },
  [ReminderKind.SipMeeting]: { sv: 'SIP-möte närmar sig', en: 'A SIP meeting is coming up' },
  [ReminderKind.SipPlanApproval]: {
    sv: 'En SIP-plan väntar på ert godkännande',
    en: 'A SIP plan awaits your approval',
  },
  [ReminderKind.SummonsDeadline]: {
    sv: 'Tidsfristen för en kallelse närmar sig',
    en: 'The deadline of a summons is near',
  },
  [ReminderKind.InvitationUnanswered]: {
    sv: 'En inbjudan är obesvarad',
    en: 'An invitation has not been answered',
  },
  [ReminderKind.PlanFollowUp]: {
    sv: 'Dags att följa upp en plan',
    en: 'A plan is due for follow-up',
  },
  [ReminderKind.MeasureEnding]: { sv: 'En insats upphör snart', en: 'A measure ends soon' },
  [ReminderKind.ConsentExpiring]: { sv: 'Ett samtycke går snart ut', en: 'A consent expires soon' },
  [ReminderKind.CaseInactive]: {
    sv: 'Ärendet har inte haft någon aktivitet på länge',
    en: 'The case has had no activity for a long time',
  },
  [ReminderKind.AgreementFollowUp]: {
    sv: 'En överenskommelse ska följas upp eller löper ut',
    en: 'An agreement is due for follow-up or lapses',
  },
  [ReminderKind.ActionDue]: {
    sv: 'En åtgärd från koordinatorsgruppen ska vara klar snart',
    en: 'A koordinatorsgrupp action is due soon',
  },
  [ReminderKind.RiskReview]: {
    sv: 'En riskbedömning ska ses över',
    en: 'A risk assessment is due for review',
  },
  [ReminderKind.SipCalled]: {
    sv: 'Din enhet är kallad eller inbjuden till ett SIP-möte',
    en: 'Your unit is summoned or invited to a SIP meeting',
  },
};

/** What one e-mail line may say: nothing but these fields. */
export interface ReminderEmailItem {
  kind: ReminderKind;
  caseId: string | null;
  caseNumber: string | null;
  /** For an agreement reminder (D25): the agreement the link opens; no case. */
  agreementId?: string | null;
  /** For a SIP meeting's reminders: the meeting the link opens. */
  meetingId?: string | null;
  /** A copy, to someone else on the case, of a reminder nobody read in time. */
  escalation: boolean;
}

export interface ReminderEmail {
  subject: string;
  text: string;
}

const FOOTER = [
  'Meddelandet innehåller inga personuppgifter. Logga in i Samsyn för att se mer.',
  'This message holds no personal data. Sign in to Samsyn to see more.',
];

/** `${PUBLIC_URL}/arenden/<caseId>`, or Samsyn's start page for a reminder without a case. */
export function caseLink(publicUrl: string, caseId: string | null): string {
  const base = publicUrl.replace(/\/+$/, '');
  return caseId ? `${base}/arenden/${encodeURIComponent(caseId)}` : `${base}/`;
}

/** Where a reminder's link goes: its agreement's page (D25), its SIP meeting, else its case (or the start page). */
export function reminderLink(publicUrl: string, item: ReminderEmailItem): string {
  if (item.agreementId) {
    const base = publicUrl.replace(/\/+$/, '');
    return `${base}/overenskommelser/${encodeURIComponent(item.agreementId)}`;
  }
  if (item.meetingId) {
    const base = publicUrl.replace(/\/+$/, '');
    return `${base}/sip/moten/${encodeURIComponent(item.meetingId)}`;
  }
  return caseLink(publicUrl, item.caseId);
}

function title(item: ReminderEmailItem, lang: 'sv' | 'en'): string {
  const text = REMINDER_KIND_TEXTS[item.kind]?.[lang] ?? item.kind;
  if (!item.escalation) return text;
  return lang === 'sv' ? `Ej läst i tid: ${text}` : `Not read in time: ${text}`;
}

function lines(item: ReminderEmailItem, publicUrl: string, lang: 'sv' | 'en'): string[] {
  const caseLabel = lang === 'sv' ? 'Ärende' : 'Case';
  return [
    `- ${title(item, lang)}`,
    ...(item.caseNumber ? [`  ${caseLabel}: ${item.caseNumber}`] : []),
    `  ${reminderLink(publicUrl, item)}`,
  ];
}

/** One reminder, sent when it is delivered. */
export function reminderEmail(item: ReminderEmailItem, publicUrl: string): ReminderEmail {
  const number = item.caseNumber ? ` (${item.caseNumber})` : '';
  return {
    subject: `Samsyn: ${title(item, 'sv')} / ${title(item, 'en')}${number}`,
    text: [
      'Påminnelse från Samsyn:',
      ...lines(item, publicUrl, 'sv'),
      '',
      'Reminder from Samsyn:',
      ...lines(item, publicUrl, 'en'),
      '',
      ...FOOTER,
      '',
    ].join('\n'),
  };
}

/** The daily digest: every reminder since the previous one, in one e-mail. */
export function digestEmail(items: readonly ReminderEmailItem[], publicUrl: string): ReminderEmail {
  return {
    subject: `Samsyn: dagens påminnelser (${items.length}) / today's reminders (${items.length})`,
    text: [
      'Dagens påminnelser från Samsyn:',
      ...items.flatMap((i) => lines(i, publicUrl, 'sv')),
      '',
      "Today's reminders from Samsyn:",
      ...items.flatMap((i) => lines(i, publicUrl, 'en')),
      '',
      ...FOOTER,
      '',
    ].join('\n'),
  };
}
