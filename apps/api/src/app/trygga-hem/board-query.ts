import {
  ActionStatus,
  AgendaReason,
  type BoardQueryDto,
  type BoardSort,
  InformationCategory,
  OfferUptake,
  RiskLevel,
  type TryggaHemPriority,
} from '@samsyn/common';
import {
  AGENDA_REASON_CATEGORY,
  AGENDA_REASON_ORDER,
  type PolicyActor,
  type PolicyClock,
} from '@samsyn/domain';
import { caseScopeSql, positionalParameters } from '../cases/case-scope';

/** One board row as the SQL query returns it: the raw signals and what the caller may see. */
export interface BoardSqlRow {
  case_id: string;
  case_number: string;
  priority: TryggaHemPriority;
  repeat: boolean;
  new_incidents: number;
  open_actions: number;
  overdue_actions: number;
  open_offers: number;
  high_risk: boolean;
  review_due: boolean;
  days_since_review: number;
  total: string;
}

/** The categories the board's fields belong to; each becomes a `sees_<category>` column. */
const BOARD_CATEGORIES = [
  InformationCategory.Coordination,
  InformationCategory.Risk,
  InformationCategory.Social,
  InformationCategory.Criminal,
] as const;

/**
 * The caseload board (issue 6 §5) as one SQL query: the group's open cases within the caller's
 * access scope (`caseScopeSql`, the policy in SQL), their signals, filtered, sorted, counted and
 * paged in the database.
 *
 * Filters apply to what the caller sees, as the rows show it: a case whose priority the caller
 * may not see (no coordination category) never matches a priority filter, so a filter cannot
 * reveal a hidden value. Which categories the caller sees on a case follows `decideCaseAccess`
 * (libs/domain access-policy.ts) for the cases the scope lets in: the owner side (R2) and an
 * emergency grant (R4) see every board category; another organisation's team member sees what
 * the subject's consents in force and recorded disclosures grant its organisation (R3, R7),
 * and a consent in force wins over an emergency grant. The service still masks each returned
 * row with the decision itself, so this query decides order and membership, never disclosure.
 *
 * The agenda order is `compareAgenda`'s over the signals the caller sees (hidden ones count as
 * absent), so neither a filter nor the order reveals a hidden value.
 * Ties end on the case number, which is unique, so pages never overlap or skip a case.
 */
export function boardSql(
  actor: PolicyActor,
  clock: PolicyClock,
  groupId: string,
  programmeCategories: readonly InformationCategory[],
  query: BoardQueryDto,
): { sql: string; values: unknown[] } {
  const { values, bind } = positionalParameters();
  const scope = caseScopeSql(actor, clock, bind, {
    openOnly: true,
    filters: [
      `sc.id IN (SELECT case_id FROM trygga_hem_cases WHERE group_id = ${bind(groupId)} AND left_at IS NULL)`,
    ],
  });
  const user = bind(actor.userId);
  const org = bind(actor.organisationId);
  const unit = bind(actor.unitId);
  const today = `${bind(clock.today)}::date`;
  const now = `${bind(clock.now.toISOString())}::timestamptz`;
  const programme = bind(programmeCategories);
  const open = bind(ActionStatus.Open);

  const sees = BOARD_CATEGORIES.map(
    (cat) =>
      `(${bind(cat)} = ANY (${programme}::text[]) AND (a.owner OR (a.member AND ${bind(cat)} = ANY (a.shared))
         OR (a.emergency AND NOT (a.member AND cardinality(a.shared) > 0)))) AS sees_${cat}`,
  ).join(',\n');

  const where: string[] = [];
  if (query.priority) where.push(`r.sees_coordination AND r.priority = ${bind(query.priority)}`);
  const flag = (expr: string, wanted: boolean | undefined) => {
    if (wanted !== undefined) where.push(wanted ? expr : `NOT (${expr})`);
  };
  flag(visibleSignal(AgendaReason.Repeat), query.repeat);
  flag(visibleSignal(AgendaReason.OverdueAction), query.overdueActions);
  flag(visibleSignal(AgendaReason.HighRisk), query.highRisk);
  flag(visibleSignal(AgendaReason.NewIncident), query.newIncidents);

  const sql = `
    WITH scope AS (${scope}),
    access AS (
      SELECT c.id, c.number, t.priority, t.repeat, t.last_reviewed_on, t.referred_on,
             coalesce(c.owning_organisation_id = ${org} AND (c.handler_id = ${user} OR m.member
               OR c.owning_unit_id = ${unit}), false) AS owner,
             m.member,
             CASE WHEN m.member THEN coalesce((
               SELECT array_agg(DISTINCT g.cat::text) FROM (
                 SELECT unnest(co.categories) AS cat, co.excluded_categories AS excluded
                   FROM consents co LEFT JOIN consent_withdrawals w ON w.consent_id = co.id
                  WHERE co.case_id = c.id AND co.person_id = c.subject_person_id
                    AND ${org} = ANY (co.recipient_organisation_ids)
                    AND co.given_on <= ${today} AND co.valid_until >= ${today}
                    AND (w.withdrawn_at IS NULL OR w.withdrawn_at > ${now})
                    AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.supersedes_id = co.id)
                 UNION ALL
                 SELECT unnest(d.categories), '{}'::varchar[] FROM disclosures d
                  WHERE d.case_id = c.id AND d.person_id = c.subject_person_id
                    AND d.recipient_organisation_id = ${org} AND d.valid_until >= ${today}
               ) g WHERE NOT (g.cat = ANY (g.excluded))), '{}') ELSE '{}' END AS shared,
             EXISTS (SELECT 1 FROM emergency_accesses e
                      WHERE e.case_id = c.id AND e.user_id = ${user} AND e.expires_at > ${now})
               AS emergency
        FROM scope s
        JOIN cases c ON c.id = s.id
        JOIN trygga_hem_cases t ON t.case_id = c.id
        CROSS JOIN LATERAL (
          SELECT EXISTS (SELECT 1 FROM case_team_members tm WHERE tm.case_id = c.id
                          AND (tm.user_id = ${user} OR tm.unit_id = ${unit})) AS member
        ) m
    ),
    r AS (
      SELECT a.id AS case_id, a.number AS case_number, a.priority, a.repeat,
             ${sees},
             (SELECT count(*) FROM trygga_hem_incidents i WHERE i.case_id = a.id
                AND i.removed_at IS NULL -- D21: a removed incident counts nowhere
                AND (a.last_reviewed_on IS NULL OR i.occurred_on > a.last_reviewed_on
                     OR i.recorded_at > (a.last_reviewed_on + time '23:59:59') AT TIME ZONE 'UTC')
             )::int AS new_incidents,
             (SELECT count(*) FROM trygga_hem_actions x
               WHERE x.case_id = a.id AND x.status = ${open})::int AS open_actions,
             (SELECT count(*) FROM trygga_hem_actions x
               WHERE x.case_id = a.id AND x.status = ${open} AND x.due_on < ${today})::int
               AS overdue_actions,
             (SELECT count(*) FROM trygga_hem_offers o
               WHERE o.case_id = a.id AND o.uptake = ${bind(OfferUptake.Offered)})::int AS open_offers,
             EXISTS (SELECT 1 FROM (
               SELECT DISTINCT ON (ra.organisation_id) ra.level FROM trygga_hem_risk_assessments ra
                WHERE ra.case_id = a.id
                ORDER BY ra.organisation_id, ra.assessed_on DESC, ra.created_at DESC
             ) l WHERE l.level = ${bind(RiskLevel.High)}) AS high_risk,
             EXISTS (SELECT 1 FROM (
               SELECT DISTINCT ON (ra.organisation_id, ra.instrument) ra.review_on,
                      ra.reassessment_requested_at FROM trygga_hem_risk_assessments ra
                WHERE ra.case_id = a.id
                ORDER BY ra.organisation_id, ra.instrument, ra.assessed_on DESC, ra.created_at DESC
             ) cur WHERE cur.reassessment_requested_at IS NOT NULL OR cur.review_on < ${today})
               AS review_due,
             greatest(0, ${today} - coalesce(a.last_reviewed_on, a.referred_on))::int
               AS days_since_review
        FROM access a
    )
    SELECT r.case_id, r.case_number, r.priority, r.repeat, r.new_incidents, r.open_actions,
           r.overdue_actions, r.open_offers, r.high_risk, r.review_due, r.days_since_review,
           count(*) OVER () AS total
      FROM r
     ${where.length ? `WHERE ${where.map((w) => `(${w})`).join(' AND ')}` : ''}
     ORDER BY ${ORDER[query.sort ?? 'agenda']}, r.case_number COLLATE "C"
     LIMIT ${bind(query.pageSize)} OFFSET ${bind((query.page - 1) * query.pageSize)}`;
  return { sql, values };
}

type Signalled = Exclude<AgendaReason, AgendaReason.Routine>;

/** Each agenda reason's signal, as a condition on a board row. */
const REASON_SIGNAL: Record<Signalled, string> = {
  [AgendaReason.NewIncident]: 'r.new_incidents > 0',
  [AgendaReason.Repeat]: 'r.repeat',
  [AgendaReason.HighRisk]: 'r.high_risk',
  [AgendaReason.OverdueReview]: 'r.review_due',
  [AgendaReason.OverdueAction]: 'r.overdue_actions > 0',
};

/**
 * A reason's signal as the caller sees it: absent unless they see its category
 * (`AGENDA_REASON_CATEGORY`, the rule the rows' reasons and a meeting's agenda follow too).
 */
function visibleSignal(reason: Signalled): string {
  return `(r.sees_${AGENDA_REASON_CATEGORY[reason]} AND ${REASON_SIGNAL[reason]})`;
}

/**
 * Agenda reason rank of `compareAgenda` (the case's most urgent reason, 0 = new incident), over
 * the signals as the caller sees them: a signal hidden from the caller does not move the case up,
 * so the order cannot reveal it.
 */
const AGENDA_RANK = `CASE ${AGENDA_REASON_ORDER.filter((r) => r !== AgendaReason.Routine)
  .map((reason, rank) => `WHEN ${visibleSignal(reason)} THEN ${rank}`)
  .join(' ')} ELSE ${AGENDA_REASON_ORDER.indexOf(AgendaReason.Routine)} END`;

/** The priority as the caller sees it: hidden sorts last. */
const VISIBLE_PRIORITY = `CASE WHEN r.sees_coordination THEN r.priority END DESC NULLS LAST`;

// Priorities A–D sort as their letters: D (most dangerous) is the highest rank.
const ORDER: Record<BoardSort, string> = {
  agenda: `${AGENDA_RANK}, ${VISIBLE_PRIORITY}, r.days_since_review DESC`,
  // A priority the caller may not see sorts last (rank −1 in the list it replaces).
  priority: VISIBLE_PRIORITY,
  daysSinceReview: `r.days_since_review DESC`,
  caseNumber: `r.case_number COLLATE "C"`,
};
