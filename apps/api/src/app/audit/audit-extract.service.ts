import { Injectable } from '@nestjs/common';
import {
  type AccessExtractDto,
  type AccessExtractQueryDto,
  type AccessExtractSummaryDto,
  AuditAction,
  parsePersonalNumber,
} from '@samsyn/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ValidationFailedException } from '../common/problem-details';
import { CASE_NUMBERS, periodConditions, SqlParams } from './audit-review.service';
import { AuditService } from './audit.service';

interface SummaryRow {
  user_id: string | null;
  user_name: string | null;
  organisation_name: string | null;
  unit_name: string | null;
  accesses: number;
  first: Date;
  last: Date;
}

interface ExtractRow {
  occurred_at: Date;
  user_id: string | null;
  user_name: string | null;
  organisation_name: string | null;
  unit_name: string | null;
  action: string;
  emergency: boolean;
  case_numbers: string[];
}

/**
 * Loggutdrag (D19): who in the auditor's organisation has accessed data about a person, and
 * when. It reads `audit_event_persons` (one row per person an event names, kept by the log's
 * insert trigger, migration 1796710000000), whose index holds person, organisation, time, event
 * and user: the summary and the count of a person in 100 000 events come from the index alone,
 * and a page of rows fetches only its own events (docs/audit.md, docs/benchmarks.md).
 */
@Injectable()
export class AuditExtractService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The extract, oldest first, a page at a time; an unknown personnummer is empty, not an error. */
  async extract(user: AuthenticatedUser, query: AccessExtractQueryDto): Promise<AccessExtractDto> {
    const parsed = parsePersonalNumber(query.personalNumber);
    // The DTO has validated it already; this keeps the service safe on its own.
    if (!parsed)
      throw new ValidationFailedException([
        {
          field: 'personalNumber',
          code: 'isPersonalNumber',
          message: 'personalNumber must be a valid personnummer or samordningsnummer',
        },
      ]);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 500;
    // Before the lookup, so that a bad period is a 400 whether or not the person exists.
    const p = new SqlParams();
    const period = periodConditions(p, query.from, query.to, 'ap.occurred_at');
    const [person] = await this.dataSource.query<{ id: string }[]>(
      'SELECT id::text AS id FROM persons WHERE personal_number = $1',
      [parsed.normalised],
    );
    const result: AccessExtractDto = {
      personalNumber: parsed.normalised,
      found: Boolean(person),
      rows: [],
      total: 0,
      page,
      pageSize,
      summary: [],
    };
    if (person) {
      // The log reviewers' own look-ups (audit.*) read the log, not the person's records: they
      // stay in the log for accountability but are not in audit_event_persons, so not in what
      // the person is told.
      const where = [
        `ap.person_id = ${p.add(person.id)}`,
        `ap.organisation_id = ${p.add(user.organisation.id)}`,
        ...period,
      ].join(' AND ');
      const summary = await this.dataSource.query<SummaryRow[]>(
        `SELECT s.user_id::text AS user_id, u.display_name AS user_name,
                o.name AS organisation_name, un.name AS unit_name,
                s.accesses, s.first, s.last
         FROM (SELECT ap.user_id, count(*)::int AS accesses, min(ap.occurred_at) AS first,
                      max(ap.occurred_at) AS last
               FROM audit_event_persons ap WHERE ${where} GROUP BY ap.user_id) s
         LEFT JOIN users u ON u.id = s.user_id
         LEFT JOIN organisations o ON o.id = u.organisation_id
         LEFT JOIN units un ON un.id = u.unit_id
         ORDER BY s.accesses DESC, s.first, s.user_id`,
        p.values,
      );
      result.summary = summary.map(toSummaryDto);
      result.total = summary.reduce((n, s) => n + s.accesses, 0);
      if ((page - 1) * pageSize < result.total) {
        const limit = p.add(pageSize);
        const offset = p.add((page - 1) * pageSize);
        const rows = await this.dataSource.query<ExtractRow[]>(
          `SELECT e.occurred_at, e.user_id::text AS user_id, u.display_name AS user_name,
                  o.name AS organisation_name, un.name AS unit_name, e.action, e.emergency,
                  ${CASE_NUMBERS}
           FROM (SELECT ap.event_id, ap.occurred_at FROM audit_event_persons ap WHERE ${where}
                 ORDER BY ap.occurred_at, ap.event_id LIMIT ${limit} OFFSET ${offset}) k
           JOIN audit_events e ON e.id = k.event_id AND e.occurred_at = k.occurred_at
           LEFT JOIN users u ON u.id = e.user_id
           LEFT JOIN organisations o ON o.id = e.organisation_id
           LEFT JOIN units un ON un.id = e.unit_id
           ORDER BY k.occurred_at, k.event_id`,
          p.values,
        );
        result.rows = rows.map((r) => ({
          occurredAt: r.occurred_at.toISOString(),
          user: r.user_id ? { id: r.user_id, displayName: r.user_name ?? '' } : null,
          organisation: r.organisation_name,
          unit: r.unit_name,
          action: r.action as AuditAction,
          caseNumbers: r.case_numbers,
          emergency: r.emergency,
        }));
      }
    }
    // Recorded after the query, so that an extract does not list itself.
    await this.audit.record(user, {
      action: AuditAction.AuditExtract,
      personIds: person ? [person.id] : [],
    });
    return result;
  }
}

function toSummaryDto(r: SummaryRow): AccessExtractSummaryDto {
  return {
    user: r.user_id ? { id: r.user_id, displayName: r.user_name ?? '' } : null,
    organisation: r.organisation_name,
    unit: r.unit_name,
    accesses: r.accesses,
    first: r.first.toISOString(),
    last: r.last.toISOString(),
  };
}
