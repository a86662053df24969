import { HttpStatus, Injectable } from '@nestjs/common';
import {
  AuditAction,
  ErrorCode,
  type LegalHoldDto,
  type LegalHoldListDto,
  type LiftLegalHoldDto,
  Role,
  type SetLegalHoldDto,
} from '@samsyn/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { conflict, versionConflict } from '../cases/case-rules';
import { ApiException } from '../common/problem-details';
import { gallringScope } from './gallring-scope';

interface HoldRow {
  id: string;
  case_id: string;
  number: string;
  programme: string;
  organisation_id: string;
  organisation_name: string;
  reason: string;
  created_at: Date;
  set_by: string | null;
  version: number;
}

const noSuchCase = () =>
  new ApiException(
    HttpStatus.NOT_FOUND,
    ErrorCode.NotFound,
    'Your organisation has no case with that number.',
  );

/**
 * Legal holds (D22): an org_admin keeps a case of their organisation from gallring, with a
 * reason, until they lift the hold. Set and lift are audited with the case.
 */
@Injectable()
export class LegalHoldsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private mayChange(user: AuthenticatedUser, organisationId: string): boolean {
    return user.roles.includes(Role.OrgAdmin) && user.organisation.id === organisationId;
  }

  async list(user: AuthenticatedUser): Promise<LegalHoldListDto> {
    const rows = await this.dataSource.query<HoldRow[]>(
      `SELECT h.id, h.case_id, c.number, c.programme, c.owning_organisation_id AS organisation_id,
              o.name AS organisation_name, h.reason, h.created_at, u.display_name AS set_by,
              h.version
       FROM case_legal_holds h JOIN cases c ON c.id = h.case_id
       JOIN organisations o ON o.id = c.owning_organisation_id
       LEFT JOIN users u ON u.id = h.set_by_id
       WHERE $1::uuid IS NULL OR c.owning_organisation_id = $1
       ORDER BY h.created_at DESC`,
      [gallringScope(user)],
    );
    return {
      items: rows.map((r) => this.dto(user, r)),
      maySet: user.roles.includes(Role.OrgAdmin),
    };
  }

  async set(user: AuthenticatedUser, dto: SetLegalHoldDto): Promise<LegalHoldDto> {
    if (!user.roles.includes(Role.OrgAdmin))
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        ErrorCode.Forbidden,
        "Legal holds are set by the owning organisation's administrator.",
      );
    const id = await this.dataSource.transaction(async (em) => {
      const [target] = await em.query<
        { id: string; owning_organisation_id: string; cleared_at: Date | null }[]
      >(`SELECT id, owning_organisation_id, cleared_at FROM cases WHERE number = $1 FOR UPDATE`, [
        dto.caseNumber.trim(),
      ]);
      // Another organisation's case answers as if it did not exist: numbers are not probed.
      if (!target || !this.mayChange(user, target.owning_organisation_id)) throw noSuchCase();
      if (target.cleared_at) throw conflict('The case has already been cleared.');
      const [existing] = await em.query<{ id: string }[]>(
        `SELECT id FROM case_legal_holds WHERE case_id = $1`,
        [target.id],
      );
      if (existing) throw conflict('The case is already on legal hold.');
      const [row] = await em.query<{ id: string }[]>(
        `INSERT INTO case_legal_holds (case_id, reason, set_by_id, version)
         VALUES ($1, $2, $3, 1) RETURNING id`,
        [target.id, dto.reason.trim(), user.id],
      );
      await this.audit.record(
        user,
        { action: AuditAction.CaseLegalHold, caseIds: [target.id] },
        em,
      );
      return row.id;
    });
    return this.get(user, id);
  }

  async lift(user: AuthenticatedUser, id: string, dto: LiftLegalHoldDto): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const [hold] = await em.query<
        { case_id: string; version: number; organisation_id: string }[]
      >(
        `SELECT h.case_id, h.version, c.owning_organisation_id AS organisation_id
         FROM case_legal_holds h JOIN cases c ON c.id = h.case_id
         WHERE h.id = $1 FOR UPDATE OF h`,
        [id],
      );
      if (!hold || !this.mayChange(user, hold.organisation_id))
        throw new ApiException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, 'There is no such hold.');
      if (hold.version !== dto.version) throw versionConflict(hold.version);
      await em.query(`DELETE FROM case_legal_holds WHERE id = $1`, [id]);
      await this.audit.record(
        user,
        { action: AuditAction.CaseLegalHold, caseIds: [hold.case_id] },
        em,
      );
    });
  }

  private async get(user: AuthenticatedUser, id: string): Promise<LegalHoldDto> {
    const { items } = await this.list(user);
    const hold = items.find((h) => h.id === id);
    if (!hold) throw new Error('hold vanished after insert');
    return hold;
  }

  private dto(user: AuthenticatedUser, r: HoldRow): LegalHoldDto {
    return {
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.number,
      programme: r.programme,
      organisation: { id: r.organisation_id, name: r.organisation_name },
      reason: r.reason,
      setAt: r.created_at.toISOString(),
      setBy: r.set_by,
      version: r.version,
      mayLift: this.mayChange(user, r.organisation_id),
    };
  }
}
