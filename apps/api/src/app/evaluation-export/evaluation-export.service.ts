import { Inject, Injectable } from '@nestjs/common';
import {
  AuditAction,
  type CreateEvaluationExportDto,
  EVALUATION_EXPORT_MAX_MONTHS,
  type EvaluationExportFormat,
  type EvaluationExportSummary,
  type FieldError,
  type OfferUptake,
} from '@samsyn/common';
import { EVALUATION_K, type ProgrammeRegistry } from '@samsyn/domain';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { PROGRAMMES } from '../cases/programmes.provider';
import { ValidationFailedException } from '../common/problem-details';
import { evaluationCsv, evaluationJson } from './evaluation-export-file';
import { buildEvaluationRows, type CaseFacts } from './evaluation-export-rows';

/** The file made, with what the response headers say about it. */
export interface EvaluationExportFile {
  format: EvaluationExportFormat;
  body: string;
  summary: EvaluationExportSummary;
}

const ZONE = 'Europe/Stockholm';

/** `YYYY-MM` of the given instant in Swedish time. */
function monthInSweden(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

interface FactsRow {
  programme: string;
  municipality_code: string;
  month_opened: string;
  month_closed: string | null;
  priorities: { priority: string; month: string }[] | null;
  risks: { agency: string; level: string }[] | null;
  notifications: number;
  offers: { kind: string; uptake: OfferUptake }[] | null;
  control_measures: { kind: string; month: string }[] | null;
  incidents: { month: string; repeat: boolean; violenceForms: string[] }[] | null;
  sip: boolean;
  sip_violence_related: boolean | null;
  sip_violence_forms: string[] | null;
  sip_need: string | null;
  sip_kallelse: string | null;
  sip_plan: string | null;
}

const month = (column: string) => `to_char(${column} AT TIME ZONE '${ZONE}', 'YYYY-MM')`;

/**
 * One row per case of the programmes opened in the period (Swedish months), reduced in SQL to
 * codes, counts and months: the only columns read are the ones listed here, so names, numbers,
 * addresses, free text, exact dates and ids never leave the database. Removed records (D21)
 * count nowhere, as in the figures.
 */
const FACTS_SQL = `
SELECT c.programme, c.municipality_code,
  ${month('c.opened_at')} AS month_opened,
  ${month('c.closed_at')} AS month_closed,
  (SELECT json_agg(json_build_object('priority', pc.priority, 'month', ${month('pc.changed_at')})
     ORDER BY pc.changed_at) FROM trygga_hem_priority_changes pc WHERE pc.case_id = c.id) AS priorities,
  (SELECT json_agg(json_build_object('agency', o.type, 'level', r.level)
     ORDER BY r.assessed_on, r.created_at)
   FROM trygga_hem_risk_assessments r JOIN organisations o ON o.id = r.organisation_id
   WHERE r.case_id = c.id) AS risks,
  (SELECT count(*)::int FROM trygga_hem_notifications n
   WHERE n.case_id = c.id AND n.removed_at IS NULL) AS notifications,
  (SELECT json_agg(json_build_object('kind', f.kind, 'uptake', f.uptake)
     ORDER BY f.offered_on, f.created_at) FROM trygga_hem_offers f WHERE f.case_id = c.id) AS offers,
  (SELECT json_agg(json_build_object('kind', m.kind, 'month', to_char(m.starts_on, 'YYYY-MM'))
     ORDER BY m.starts_on, m.recorded_at)
   FROM trygga_hem_control_measures m WHERE m.case_id = c.id AND m.removed_at IS NULL) AS control_measures,
  (SELECT json_agg(json_build_object('month', to_char(i.occurred_on, 'YYYY-MM'), 'repeat', i.repeat,
     'violenceForms', i.violence_forms) ORDER BY i.occurred_on, i.recorded_at)
   FROM trygga_hem_incidents i WHERE i.case_id = c.id AND i.removed_at IS NULL) AS incidents,
  d.id IS NOT NULL AS sip,
  d.violence_related AS sip_violence_related,
  d.violence_forms::text[] AS sip_violence_forms,
  to_char(d.requested_on, 'YYYY-MM') AS sip_need,
  (SELECT ${month('min(sm.called_at)')} FROM sip_meetings sm WHERE sm.case_id = c.id) AS sip_kallelse,
  (SELECT ${month('min(pv.agreed_at)')} FROM sip_plan_versions pv
   WHERE pv.case_id = c.id AND pv.state = 'agreed') AS sip_plan
FROM cases c
LEFT JOIN sip_details d ON d.case_id = c.id
WHERE c.programme = ANY($1::text[])
  AND c.opened_at >= (($2 || '-01')::timestamp AT TIME ZONE '${ZONE}')
  AND c.opened_at < ((($3 || '-01')::date + interval '1 month')::timestamp AT TIME ZONE '${ZONE}')
  AND (cardinality($4::text[]) = 0 OR c.municipality_code = ANY($4::text[]))`;

/**
 * The evaluation export (D6, issue 17 §5): a de-identified, k-anonymous, case-level data set
 * for the evaluators, recorded in `evaluation_exports` and audited with a reference to it.
 */
@Injectable()
export class EvaluationExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(PROGRAMMES) private readonly programmes: ProgrammeRegistry,
  ) {}

  /** Checks the parameters (400 with every field's message), then makes, records and audits the file. */
  async create(
    user: AuthenticatedUser,
    dto: CreateEvaluationExportDto,
    now = new Date(),
  ): Promise<EvaluationExportFile> {
    const municipalityCodes = [...(dto.municipalityCodes ?? [])].sort();
    const programmes = [...dto.programmes].sort();
    const format = dto.format ?? 'csv';
    await this.validate(programmes, dto.from, dto.to, municipalityCodes, monthInSweden(now));

    const facts = (
      await this.dataSource.query<FactsRow[]>(FACTS_SQL, [
        programmes,
        dto.from,
        dto.to,
        municipalityCodes,
      ])
    ).map(toFacts);
    const built = buildEvaluationRows(facts, () => randomBytes(8).toString('hex'));
    const summary: EvaluationExportSummary = {
      madeInMonth: monthInSweden(now),
      programmes,
      from: dto.from,
      to: dto.to,
      municipalityCodes,
      k: EVALUATION_K,
      casesSelected: facts.length,
      rowsPublished: built.rows.length,
      rowsGeneralised: built.rowsGeneralised,
      rowsLeftOut: built.rowsLeftOut,
    };

    await this.dataSource.transaction(async (em) => {
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO evaluation_exports (requested_by_id, organisation_id, programmes, period_from,
           period_to, municipality_codes, format, k, cases_selected, rows_published,
           rows_generalised, rows_left_out)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          user.id,
          user.organisation.id,
          programmes,
          dto.from,
          dto.to,
          municipalityCodes,
          format,
          summary.k,
          summary.casesSelected,
          summary.rowsPublished,
          summary.rowsGeneralised,
          summary.rowsLeftOut,
        ],
      );
      await this.audit.record(
        user,
        {
          action: AuditAction.StatisticsEvaluationExport,
          target: { kind: 'evaluation_export', id: row.id },
        },
        em,
      );
    });

    const body =
      format === 'json' ? evaluationJson(built.rows, summary) : evaluationCsv(built.rows, summary);
    return { format, body, summary };
  }

  private async validate(
    programmes: string[],
    from: string,
    to: string,
    municipalityCodes: string[],
    currentMonth: string,
  ): Promise<void> {
    const errors: FieldError[] = [];
    const unknown = programmes.filter((p) => !this.programmes.get(p));
    if (unknown.length)
      errors.push({
        field: 'programmes',
        code: 'unknownProgramme',
        message: `unknown programme: ${unknown.join(', ')}`,
      });
    if (to < from) errors.push({ field: 'to', code: 'beforeFrom', message: 'to is before from' });
    else if (monthsBetween(from, to) > EVALUATION_EXPORT_MAX_MONTHS)
      errors.push({
        field: 'to',
        code: 'periodTooLong',
        message: `the period is longer than ${EVALUATION_EXPORT_MAX_MONTHS} months`,
      });
    if (to > currentMonth)
      errors.push({ field: 'to', code: 'future', message: 'to is a month still to come' });
    if (municipalityCodes.length) {
      const known = await this.dataSource.query<{ code: string }[]>(
        `SELECT DISTINCT municipality_code AS code FROM organisations
         WHERE type = 'municipality' AND municipality_code = ANY($1::text[])`,
        [municipalityCodes],
      );
      const knownCodes = new Set(known.map((k) => k.code));
      const missing = municipalityCodes.filter((c) => !knownCodes.has(c));
      if (missing.length)
        errors.push({
          field: 'municipalityCodes',
          code: 'unknownMunicipality',
          message: `no municipality with code ${missing.join(', ')}`,
        });
    }
    if (errors.length) throw new ValidationFailedException(errors);
  }
}

function toFacts(r: FactsRow): CaseFacts {
  return {
    programme: r.programme,
    municipalityCode: r.municipality_code,
    monthOpened: r.month_opened,
    monthClosed: r.month_closed,
    priorities: r.priorities ?? [],
    risks: r.risks ?? [],
    notifications: r.notifications,
    offers: r.offers ?? [],
    controlMeasures: r.control_measures ?? [],
    incidents: r.incidents ?? [],
    sip: r.sip
      ? {
          violenceRelated: r.sip_violence_related ?? false,
          violenceForms: r.sip_violence_forms ?? [],
          needIdentifiedMonth: r.sip_need,
          kallelseMonth: r.sip_kallelse,
          firstAgreedPlanMonth: r.sip_plan,
        }
      : null,
  };
}
