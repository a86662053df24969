import {
  IncidentKind,
  ParticipantRole,
  RiskInstrument,
  RiskLevel,
  TryggaHemPriority,
} from '@samsyn/common';
import { addDays, swedishDate, TRYGGA_HEM } from '@samsyn/domain';
import { CaseEntity, CaseParticipantEntity } from '@samsyn/server';
import type { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import type { CoordinatorGroupsService } from '../trygga-hem/coordinator-groups.service';
import type { MeetingAttendanceService } from '../trygga-hem/meeting-attendance.service';
import type { MeetingsService } from '../trygga-hem/meetings.service';
import type { TryggaHemCoordinationService } from '../trygga-hem/trygga-hem-coordination.service';
import type { TryggaHemRecordingService } from '../trygga-hem/trygga-hem-recording.service';

/** The four agencies of the Örebro koordinatorsgrupp (D2), one demo member each. */
export const DEMO_GROUP_MEMBERS = [
  'social.orebro',
  'polis.orebro',
  'frivard.orebro',
  'vard.psykiatri',
];

/**
 * Demo data for Trygga hem (issue 6): the Örebro koordinatorsgrupp with its four members, and
 * the demo Trygga hem case in its caseload with a priority, a FREDA assessment and an incident,
 * and last week's meeting with the four members' units recorded as taking part (issue 17 §2),
 * written through the same services (access, audit, reminders) as a user would.
 */
export async function seedTryggaHemDemo(
  {
    groups,
    coordination,
    recording,
    meetings,
    attendance,
    dataSource,
  }: {
    groups: CoordinatorGroupsService;
    coordination: TryggaHemCoordinationService;
    recording: TryggaHemRecordingService;
    meetings: MeetingsService;
    attendance: MeetingAttendanceService;
    dataSource: DataSource;
  },
  asUser: (username: string) => AuthenticatedUser,
): Promise<void> {
  const coordinator = asUser('samordnare.orebro');
  const group = await groups.create(coordinator, {
    name: 'Koordinatorsgruppen Örebro',
    municipalityCode: '1880',
    meetingSchedule: 'Varannan tisdag 09.00–11.00, Polishuset Örebro',
  });
  for (const username of DEMO_GROUP_MEMBERS)
    await groups.addMember(coordinator, group.id, { userId: asUser(username).id });

  const kase = await dataSource.manager.findOneBy(CaseEntity, {
    programme: TRYGGA_HEM.code,
    municipalityCode: '1880',
  });
  if (!kase) return;
  const victim = await dataSource.manager.findOneBy(CaseParticipantEntity, {
    caseId: kase.id,
    role: ParticipantRole.Victim,
  });
  const today = swedishDate(new Date());
  const social = asUser('social.orebro');
  await coordination.enrol(social, {
    caseId: kase.id,
    groupId: group.id,
    priority: TryggaHemPriority.C,
    priorityBasis: 'Upprepat våld mot partner, kontaktförbud meddelat, förhöjd risk enligt FREDA.',
    referredOn: addDays(today, -30),
  });
  await recording.addRiskAssessment(social, kase.id, {
    instrument: RiskInstrument.Freda,
    instrumentVersion: '2014',
    assessedOn: addDays(today, -28),
    level: RiskLevel.Medium,
    reviewOn: addDays(today, 60),
    summary: 'Förhöjd risk; ses över efter nya händelser.',
  });
  await recording.addIncident(asUser('polis.orebro'), kase.id, {
    occurredOn: addDays(today, -3),
    kind: IncidentKind.ContactBanViolation,
    victimPersonId: victim?.personId,
    note: 'Överträdelse av kontaktförbud anmäld.',
  });

  // Last week's meeting: every member's unit took part (the statistics page's §7 indicator).
  const meeting = await meetings.create(social, group.id, { heldOn: addDays(today, -7) });
  const members = DEMO_GROUP_MEMBERS.map(asUser).filter((u) => u.unit);
  await attendance.record(social, meeting.id, {
    version: meeting.version,
    units: members.map((u) => ({ unitId: u.unit!.id, userIds: [u.id] })),
  });
}
