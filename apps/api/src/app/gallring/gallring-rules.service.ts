import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  type RetentionRuleDto,
  type RetentionRulesDto,
  type UpdateRetentionRuleDto,
} from '@samsyn/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { gallringScope, isSystemAdmin } from './gallring-scope';

interface RuleRow {
  id: string;
  organisation_id: string | null;
  organisation_name: string | null;
  programme: string | null;
  years: number;
  version: number;
  updated_at: Date;
}

const ruleDto = (r: RuleRow): RetentionRuleDto => ({
  id: r.id,
  organisation:
    r.organisation_id && r.organisation_name
      ? { id: r.organisation_id, name: r.organisation_name }
      : null,
  programme: r.programme,
  years: r.years,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

/** The retention rules in force (D22): an org_admin sees those that govern their organisation. */
@Injectable()
export class GallringRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthenticatedUser): Promise<RetentionRulesDto> {
    const rows = await this.dataSource.query<RuleRow[]>(
      `SELECT r.id, r.organisation_id, o.name AS organisation_name, r.programme, r.years,
              r.version, r.updated_at
       FROM retention_rules r LEFT JOIN organisations o ON o.id = r.organisation_id
       WHERE $1::uuid IS NULL OR r.organisation_id IS NULL OR r.organisation_id = $1
       ORDER BY r.organisation_id NULLS FIRST, r.programme NULLS FIRST`,
      [gallringScope(user)],
    );
    return { items: rows.map(ruleDto), mayEdit: isSystemAdmin(user) };
  }

  /** Changes a rule's period (system_admin), against the version the caller read; audited. */
  async update(
    user: AuthenticatedUser,
    id: string,
    dto: UpdateRetentionRuleDto,
  ): Promise<RetentionRuleDto> {
    await this.dataSource.transaction(async (em) => {
      const [rule] = await em.query<{ version: number; organisation_id: string | null }[]>(
        `SELECT version, organisation_id FROM retention_rules WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!rule)
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'There is no such rule.');
      if (rule.version !== dto.version) throw versionConflict(rule.version);
      await em.query(
        `UPDATE retention_rules SET years = $2, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [id, dto.years],
      );
      await this.audit.record(
        user,
        {
          action: AuditAction.GallringRule,
          ...(rule.organisation_id
            ? { target: { kind: 'organisation' as const, id: rule.organisation_id } }
            : {}),
        },
        em,
      );
    });
    const { items } = await this.list(user);
    const updated = items.find((r) => r.id === id);
    if (!updated) throw new Error('rule vanished after update');
    return updated;
  }
}
