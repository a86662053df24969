import { InformationCategory, OrganisationType, ParticipantRole } from '@samsyn/common';

/**
 * A programme (D26) is configuration, not code: its participant roles, its statuses and the
 * transitions between them, the information categories its cases hold, the roles a case team
 * can have and its default deadlines. Cases, consent and the access policy read everything
 * programme-specific from here, so a new programme (e.g. SIG) is a new definition.
 */
export interface ProgrammeDefinition {
  code: string;
  /** Case numbers read `<prefix>-<year>-<sequence>`, e.g. SIP-2026-000123. */
  numberPrefix: string;
  /** The person the case is about (the offender in Trygga hem, the individual in SIP). */
  subjectRole: ParticipantRole;
  participantRoles: ParticipantRole[];
  /** Roles whose whereabouts and safety data only victim-side team roles see (D3). */
  victimSideRoles: ParticipantRole[];
  /** Organisation types that may open and own a case of this programme. */
  owningOrganisationTypes: OrganisationType[];
  statuses: string[];
  initialStatus: string;
  closedStatuses: string[];
  transitions: Record<string, string[]>;
  categories: InformationCategory[];
  teamRoles: { code: string; victimSide: boolean }[];
  defaultTeamRole: string;
  /** Days from opening to the first follow-up, and other named deadlines in days. */
  defaultDeadlines: { followUpDays: number } & Record<string, number>;
}

const ALL_CATEGORIES = Object.values(InformationCategory);

export const TRYGGA_HEM: ProgrammeDefinition = {
  code: 'TRYGGA_HEM',
  numberPrefix: 'TH',
  subjectRole: ParticipantRole.Offender,
  participantRoles: [
    ParticipantRole.Offender,
    ParticipantRole.Victim,
    ParticipantRole.Child,
    ParticipantRole.Guardian,
    ParticipantRole.Relative,
  ],
  victimSideRoles: [ParticipantRole.Victim, ParticipantRole.Child],
  owningOrganisationTypes: [OrganisationType.Municipality],
  statuses: ['referred', 'assessment', 'active', 'follow_up', 'closed'],
  initialStatus: 'referred',
  closedStatuses: ['closed'],
  transitions: {
    referred: ['assessment', 'closed'],
    assessment: ['active', 'closed'],
    active: ['follow_up', 'closed'],
    follow_up: ['active', 'closed'],
    closed: ['active'],
  },
  categories: ALL_CATEGORIES,
  teamRoles: [
    { code: 'offender_handler', victimSide: false },
    { code: 'victim_support', victimSide: true },
    { code: 'police_contact', victimSide: false },
    { code: 'probation_contact', victimSide: false },
    { code: 'healthcare_contact', victimSide: false },
    { code: 'coordinator_group', victimSide: false },
  ],
  defaultTeamRole: 'offender_handler',
  defaultDeadlines: { followUpDays: 30, riskReassessmentDays: 90 },
};

export const SIP: ProgrammeDefinition = {
  code: 'SIP',
  numberPrefix: 'SIP',
  subjectRole: ParticipantRole.Individual,
  participantRoles: [
    ParticipantRole.Individual,
    ParticipantRole.Relative,
    ParticipantRole.Guardian,
    ParticipantRole.Child,
  ],
  victimSideRoles: [],
  owningOrganisationTypes: [OrganisationType.Region, OrganisationType.Municipality],
  statuses: ['need_identified', 'preparation', 'summoned', 'planned', 'follow_up', 'closed'],
  initialStatus: 'need_identified',
  closedStatuses: ['closed'],
  transitions: {
    need_identified: ['preparation', 'closed'],
    preparation: ['summoned', 'closed'],
    summoned: ['planned', 'preparation', 'closed'],
    planned: ['follow_up', 'closed'],
    follow_up: ['planned', 'closed'],
    closed: ['preparation'],
  },
  categories: [
    InformationCategory.Identity,
    InformationCategory.Contact,
    InformationCategory.Coordination,
    InformationCategory.Health,
    InformationCategory.Social,
  ],
  teamRoles: [
    { code: 'sip_coordinator', victimSide: false },
    { code: 'healthcare_contact', victimSide: false },
    { code: 'social_services_contact', victimSide: false },
    { code: 'other_actor', victimSide: false },
  ],
  defaultTeamRole: 'sip_coordinator',
  defaultDeadlines: { followUpDays: 14, summonsDays: 3 },
};

export const DEFAULT_PROGRAMMES: readonly ProgrammeDefinition[] = [TRYGGA_HEM, SIP];

/** Everything wrong with a definition, as sentences; empty when it is consistent. */
export function programmeErrors(def: ProgrammeDefinition): string[] {
  const errors: string[] = [];
  const statuses = new Set(def.statuses);
  if (!/^[A-Z][A-Z0-9_]{1,29}$/.test(def.code))
    errors.push(`code "${def.code}" is not UPPER_SNAKE`);
  if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(def.numberPrefix))
    errors.push(
      `numberPrefix "${def.numberPrefix}" is not 2–10 capital letters, digits or underscores`,
    );
  if (!statuses.has(def.initialStatus))
    errors.push(`initialStatus "${def.initialStatus}" is not a status`);
  if (!def.closedStatuses.length) errors.push('closedStatuses is empty: a case could never close');
  for (const s of def.closedStatuses)
    if (!statuses.has(s)) errors.push(`closed status "${s}" is not a status`);
  for (const [from, tos] of Object.entries(def.transitions)) {
    if (!statuses.has(from)) errors.push(`transition from unknown status "${from}"`);
    for (const to of tos)
      if (!statuses.has(to)) errors.push(`transition to unknown status "${to}"`);
  }
  if (!def.participantRoles.includes(def.subjectRole))
    errors.push(`subjectRole "${def.subjectRole}" is not a participant role`);
  for (const r of def.victimSideRoles)
    if (!def.participantRoles.includes(r))
      errors.push(`victim-side role "${r}" is not a participant role`);
  if (!def.teamRoles.some((r) => r.code === def.defaultTeamRole))
    errors.push(`defaultTeamRole "${def.defaultTeamRole}" is not a team role`);
  if (!def.categories.length) errors.push('categories is empty');
  if (!def.owningOrganisationTypes.length) errors.push('owningOrganisationTypes is empty');
  if (!(def.defaultDeadlines.followUpDays > 0))
    errors.push('defaultDeadlines.followUpDays must be positive');
  return errors;
}

/** The programmes a deployment runs. Refuses inconsistent definitions and duplicate codes or prefixes. */
export class ProgrammeRegistry {
  private readonly byCode = new Map<string, ProgrammeDefinition>();

  constructor(definitions: readonly ProgrammeDefinition[] = DEFAULT_PROGRAMMES) {
    const prefixes = new Set<string>();
    for (const def of definitions) {
      const errors = programmeErrors(def);
      if (errors.length) throw new Error(`programme ${def.code}: ${errors.join('; ')}`);
      if (this.byCode.has(def.code)) throw new Error(`programme ${def.code} is defined twice`);
      if (prefixes.has(def.numberPrefix))
        throw new Error(`programme ${def.code}: number prefix ${def.numberPrefix} is taken`);
      prefixes.add(def.numberPrefix);
      this.byCode.set(def.code, def);
    }
  }

  all(): ProgrammeDefinition[] {
    return [...this.byCode.values()];
  }

  get(code: string): ProgrammeDefinition | undefined {
    return this.byCode.get(code);
  }
}

export function isClosedStatus(def: ProgrammeDefinition, status: string): boolean {
  return def.closedStatuses.includes(status);
}

export function allowedTransitions(def: ProgrammeDefinition, from: string): string[] {
  return def.transitions[from] ?? [];
}

export function canTransition(def: ProgrammeDefinition, from: string, to: string): boolean {
  return allowedTransitions(def, from).includes(to);
}

export function isVictimSideTeamRole(def: ProgrammeDefinition, caseRole: string): boolean {
  return def.teamRoles.some((r) => r.code === caseRole && r.victimSide);
}

/** `SIP-2026-000123`. */
export function formatCaseNumber(def: ProgrammeDefinition, year: number, sequence: number): string {
  return `${def.numberPrefix}-${year}-${String(sequence).padStart(6, '0')}`;
}
