import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { OverdueSummaryDto, ReminderKind } from '@samsyn/common';
import { ESCALATING_KINDS } from '@samsyn/domain';
import type { EnvironmentVariables } from '@samsyn/server';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/**
 * $1 escalating kinds, $2 delivered at or before (now − escalation hours), $3 organisation.
 * A reminder counts while nobody has read it or its escalation; the unit is the one it went to,
 * or its recipient's unit. Counts only: no case leaves this query.
 */
const OVERDUE = `
  SELECT un.id AS unit_id, un.name AS unit_name, r.kind, count(*)::int AS count
  FROM reminders r
    JOIN cases c ON c.id = r.case_id AND NOT c.closed
    LEFT JOIN users u ON u.id = r.recipient_user_id
    JOIN units un ON un.id = COALESCE(r.recipient_unit_id, u.unit_id)
  WHERE r.escalation_of_id IS NULL AND r.status = 'delivered'
    AND r.kind = ANY($1::varchar[]) AND r.delivered_at <= $2 AND un.organisation_id = $3
    AND NOT EXISTS (
      SELECT 1 FROM notifications n
      WHERE n.read_at IS NOT NULL
        AND (n.reminder_id = r.id
             OR n.reminder_id IN (SELECT e.id FROM reminders e WHERE e.escalation_of_id = r.id)))
  GROUP BY un.id, un.name, r.kind
  ORDER BY un.name, r.kind`;

/** The samordnare's aggregate of overdue case-level reminders (issue 15 §7, D1). */
@Injectable()
export class OverdueSummaryService {
  private readonly hours: number;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.hours = config.get('REMINDER_ESCALATION_HOURS', { infer: true });
  }

  async summary(user: AuthenticatedUser, now = new Date()): Promise<OverdueSummaryDto> {
    const rows = await this.dataSource.query<
      { unit_id: string; unit_name: string; kind: ReminderKind; count: number }[]
    >(OVERDUE, [
      ESCALATING_KINDS,
      new Date(now.getTime() - this.hours * 3_600_000),
      user.organisation.id,
    ]);
    const items = rows.map((r) => ({
      unit: { id: r.unit_id, name: r.unit_name },
      kind: r.kind,
      count: r.count,
    }));
    return {
      organisation: { id: user.organisation.id, name: user.organisation.name },
      overdueAfterHours: this.hours,
      generatedAt: now.toISOString(),
      total: items.reduce((sum, i) => sum + i.count, 0),
      items,
    };
  }
}
