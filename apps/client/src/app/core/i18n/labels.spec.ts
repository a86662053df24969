import {
  AccessBasis,
  ActionStatus,
  AgendaReason,
  AuditAction,
  ControlMeasureKind,
  IncidentKind,
  InformationCategory,
  LegalProvision,
  MeetingStatus,
  NotificationMethod,
  OfferKind,
  OfferUptake,
  ParticipantRole,
  ReminderKind,
  RiskInstrument,
  RiskLevel,
  VIOLENCE_FORMS,
} from '@samsyn/common';
import { labelKey, type LabelGroup } from './labels';
import { translate } from './dictionaries';

const label = (group: LabelGroup, code: string, locale: 'sv' | 'en' = 'sv') => {
  const key = labelKey(group, code);
  return key ? translate(locale, key) : code;
};

describe('labelKey', () => {
  it.each<[LabelGroup, string, string]>([
    ['programme', 'SIP', 'SIP'],
    ['programme', 'TRYGGA_HEM', 'Trygga hem'],
    ['status', 'need_identified', 'Behov identifierat'],
    ['status', 'follow_up', 'Uppföljning'],
    ['teamRole', 'healthcare_contact', 'Kontaktperson hälso- och sjukvård'],
    ['provision', LegalProvision.Osl10Kap18c, 'OSL 10 kap. 18 c §'],
    ['basis', AccessBasis.Emergency, 'Nödåtkomst'],
    ['consentState', 'withdrawn', 'Återkallat'],
  ])('names %s %s in Swedish', (group, code, text) => {
    expect(label(group, code)).toBe(text);
  });

  it('names every information category, participant role and provision in both languages', () => {
    const codes: [LabelGroup, string[]][] = [
      ['category', Object.values(InformationCategory)],
      ['participantRole', Object.values(ParticipantRole)],
      ['provision', Object.values(LegalProvision)],
      ['basis', Object.values(AccessBasis)],
    ];
    for (const [group, values] of codes) {
      for (const code of values)
        expect({ group, code, key: labelKey(group, code) }).not.toEqual({
          group,
          code,
          key: null,
        });
    }
  });

  it('names every Trygga hem code, audit action and reminder kind (issue 6)', () => {
    const codes: [LabelGroup, string[]][] = [
      ['notificationMethod', Object.values(NotificationMethod)],
      ['offerKind', Object.values(OfferKind)],
      ['offerUptake', Object.values(OfferUptake)],
      ['controlMeasureKind', Object.values(ControlMeasureKind)],
      ['incidentKind', Object.values(IncidentKind)],
      ['riskInstrument', Object.values(RiskInstrument)],
      ['riskLevel', Object.values(RiskLevel)],
      ['actionStatus', Object.values(ActionStatus)],
      ['meetingStatus', Object.values(MeetingStatus)],
      ['agendaReason', Object.values(AgendaReason)],
      ['auditAction', [AuditAction.TryggaHemRead, AuditAction.TryggaHemWrite]],
      ['reminderKind', [ReminderKind.ActionDue, ReminderKind.RiskReview]],
    ];
    const missing = codes.flatMap(([group, values]) =>
      values.filter((code) => labelKey(group, code) === null).map((code) => `${group}.${code}`),
    );
    expect(missing).toEqual([]);
    expect(label('riskLevel', RiskLevel.High, 'en')).toBe('High');
    expect(label('agendaReason', AgendaReason.NewIncident)).toBe('Ny händelse');
  });

  it('names every form of violence in both languages (issue 15)', () => {
    const missing = VIOLENCE_FORMS.filter((code) => labelKey('violenceForm', code) === null);
    expect(missing).toEqual([]);
    expect(label('violenceForm', 'honour_related')).toBe('Hedersrelaterat våld och förtryck');
    expect(label('violenceForm', 'honour_related', 'en')).toBe(
      'Honour-related violence and oppression',
    );
  });

  it('falls back to the code itself for a code the client does not know', () => {
    expect(labelKey('status', 'some_new_status')).toBeNull();
    expect(label('status', 'some_new_status')).toBe('some_new_status');
    expect(label('programme', 'SIG', 'en')).toBe('SIG');
  });

  it('does not treat inherited properties as codes', () => {
    expect(labelKey('status', 'constructor')).toBeNull();
  });
});
