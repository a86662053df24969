/**
 * Who an overdue case-level reminder escalates to (issue 15 §7). Coordinators may not open cases
 * (D1), so an escalation goes to people on the case who can act on it:
 * - Trygga hem: the koordinatorsgrupp members who are on the case's team (D2);
 * - SIP: the other huvudman's team members and the huvudansvarig unit (D8) — the organisation
 *   holding huvudansvar in the latest agreed plan, or before a plan is agreed the owning unit;
 * - otherwise, and whenever the above names nobody, the case's handler or owning unit.
 * Never back to who already had the reminder. Pure: the caller loads the case team.
 */

export interface EscalationTeamMember {
  userId: string | null;
  unitId: string | null;
  organisationId: string;
  /** The organisation is a huvudman (a region or a municipality). */
  principal: boolean;
}

export interface EscalationGroupMember {
  userId: string;
  unitId: string | null;
}

export interface EscalationCaseFacts {
  /** The programme's code (`TRYGGA_HEM`, `SIP`, …). */
  programme: string;
  owningOrganisationId: string;
  owningUnitId: string;
  handlerId: string | null;
  team: readonly EscalationTeamMember[];
  /** Trygga hem: the members of the case's koordinatorsgrupp. */
  groupMembers: readonly EscalationGroupMember[];
  /** SIP: the huvudman with overall responsibility in the latest agreed plan, if any. */
  leadOrganisationId: string | null;
}

/** Who had the reminder that nobody read in time. */
export interface EscalatedReminderFacts {
  userId: string | null;
  unitId: string | null;
  /** The organisation of that user or unit. */
  organisationId: string | null;
}

export interface EscalationTargets {
  userIds: string[];
  unitIds: string[];
}

export function escalationTargets(
  kase: EscalationCaseFacts,
  original: EscalatedReminderFacts,
): EscalationTargets {
  const users = new Set<string>();
  const units = new Set<string>();
  const add = (m: { userId: string | null; unitId: string | null }) => {
    if (m.userId) users.add(m.userId);
    else if (m.unitId) units.add(m.unitId);
  };
  if (kase.programme === 'TRYGGA_HEM') {
    const teamUsers = new Set(kase.team.map((m) => m.userId).filter(Boolean));
    const teamUnits = new Set(kase.team.map((m) => m.unitId).filter(Boolean));
    for (const g of kase.groupMembers)
      if (teamUsers.has(g.userId) || (g.unitId && teamUnits.has(g.unitId))) users.add(g.userId);
  } else if (kase.programme === 'SIP') {
    const lead = kase.leadOrganisationId;
    for (const m of kase.team) {
      const otherPrincipal =
        m.principal &&
        original.organisationId !== null &&
        m.organisationId !== original.organisationId;
      if (otherPrincipal || (lead !== null && m.organisationId === lead)) add(m);
    }
    if (lead === null || lead === kase.owningOrganisationId) units.add(kase.owningUnitId);
  }
  if (original.userId) users.delete(original.userId);
  if (original.unitId) units.delete(original.unitId);
  if (users.size === 0 && units.size === 0) {
    if (kase.handlerId && kase.handlerId !== original.userId) users.add(kase.handlerId);
    else if (kase.owningUnitId !== original.unitId) units.add(kase.owningUnitId);
  }
  return { userIds: [...users].sort(), unitIds: [...units].sort() };
}
