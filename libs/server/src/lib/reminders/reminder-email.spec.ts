import { ReminderKind } from '@samsyn/common';
import { caseLink, digestEmail, REMINDER_KIND_TEXTS, reminderEmail } from './reminder-email';

const caseId = '3f0e4a52-1d7c-4c55-9a51-5a1d2b3c4d5e';

describe('reminder e-mail', () => {
  it('holds the kind in Swedish and English, the case number and the link, nothing else', () => {
    const mail = reminderEmail(
      {
        kind: ReminderKind.ConsentExpiring,
        caseId,
        caseNumber: 'SIP-2026-000123',
        escalation: false,
      },
      'https://samsyn.example.se/',
    );
    expect(mail.subject).toBe(
      'Samsyn: Ett samtycke går snart ut / A consent expires soon (SIP-2026-000123)',
    );
    expect(mail.text).toContain('Ett samtycke går snart ut');
    expect(mail.text).toContain('A consent expires soon');
    expect(mail.text).toContain('Ärende: SIP-2026-000123');
    expect(mail.text).toContain(`https://samsyn.example.se/arenden/${caseId}`);
    // Every line is fixed text, the kind, the number or the link.
    const allowed = [
      ...Object.values(REMINDER_KIND_TEXTS).flatMap((t) => [t.sv, t.en]),
      'SIP-2026-000123',
      caseId,
    ];
    for (const line of mail.text.split('\n').filter(Boolean))
      expect(
        /^(Påminnelse från Samsyn:|Reminder from Samsyn:|Meddelandet|This message)/.test(line) ||
          allowed.some((a) => line.includes(a)),
      ).toBe(true);
  });

  it('says that an escalation was not read in time', () => {
    const mail = reminderEmail(
      { kind: ReminderKind.PlanFollowUp, caseId, caseNumber: 'TH-2026-000001', escalation: true },
      'http://localhost:3000',
    );
    expect(mail.subject).toContain('Ej läst i tid: Dags att följa upp en plan');
    expect(mail.text).toContain('Not read in time: A plan is due for follow-up');
  });

  it('links to the start page when a reminder has no case', () => {
    const mail = reminderEmail(
      { kind: ReminderKind.SystemTest, caseId: null, caseNumber: null, escalation: false },
      'http://localhost:3000',
    );
    expect(mail.subject).toBe('Samsyn: Testpåminnelse / Test reminder');
    expect(mail.text).toContain('http://localhost:3000/\n');
    expect(mail.text).not.toContain('Ärende:');
  });

  it('links an agreement reminder (D25) to the agreement page, not a case', () => {
    const agreementId = '7b7e3c1a-2f4d-4e5a-8b6c-9d0e1f2a3b4c';
    const mail = reminderEmail(
      {
        kind: ReminderKind.AgreementFollowUp,
        caseId: null,
        caseNumber: null,
        agreementId,
        escalation: false,
      },
      'https://samsyn.example.se/',
    );
    expect(mail.subject).toContain('En överenskommelse ska följas upp eller löper ut');
    expect(mail.text).toContain(`https://samsyn.example.se/overenskommelser/${agreementId}\n`);
    expect(mail.text).not.toContain('/arenden/');
    expect(mail.text).not.toContain('Ärende:');
  });

  it('links a kallelse notification (sip_called) to the meeting, with the case number only', () => {
    const meetingId = '5a5e3c1a-2f4d-4e5a-8b6c-9d0e1f2a3b4c';
    const mail = reminderEmail(
      {
        kind: ReminderKind.SipCalled,
        caseId: '6b6e3c1a-2f4d-4e5a-8b6c-9d0e1f2a3b4c',
        caseNumber: 'SIP-2026-000009',
        meetingId,
        escalation: false,
      },
      'https://samsyn.example.se',
    );
    expect(mail.subject).toContain('Din enhet är kallad eller inbjuden till ett SIP-möte');
    expect(mail.text).toContain(`https://samsyn.example.se/sip/moten/${meetingId}\n`);
  });

  it('lists every reminder of the day in a digest', () => {
    const mail = digestEmail(
      [
        {
          kind: ReminderKind.CaseInactive,
          caseId,
          caseNumber: 'SIP-2026-000001',
          escalation: false,
        },
        { kind: ReminderKind.SipMeeting, caseId, caseNumber: 'SIP-2026-000002', escalation: false },
      ],
      'http://localhost:3000',
    );
    expect(mail.subject).toBe("Samsyn: dagens påminnelser (2) / today's reminders (2)");
    expect(mail.text.match(/SIP-2026-000001/g)).toHaveLength(2);
    expect(mail.text).toContain('SIP-möte närmar sig');
    expect(mail.text).toContain('A SIP meeting is coming up');
  });

  it('has a text for every kind', () => {
    for (const kind of Object.values(ReminderKind)) {
      expect(REMINDER_KIND_TEXTS[kind].sv).toBeTruthy();
      expect(REMINDER_KIND_TEXTS[kind].en).toBeTruthy();
    }
  });

  it('encodes the case id into the link', () => {
    expect(caseLink('http://x/', 'a/b')).toBe('http://x/arenden/a%2Fb');
  });
});
