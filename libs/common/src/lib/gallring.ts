/**
 * Gallring (D22): what the client shows of retention rules and clearing runs. Values here, not
 * in gallring.dto.ts, so the client can import them without the validators.
 */

/** A dry run only reports what is due; a clearing run reports, then clears. */
export enum GallringMode {
  DryRun = 'dry_run',
  Clear = 'clear',
}

export enum GallringRunStatus {
  Queued = 'queued',
  Running = 'running',
  Finished = 'finished',
  Failed = 'failed',
}

/** Who started a run: the nightly schedule, a person on the page, or the command line. */
export enum GallringTrigger {
  Schedule = 'schedule',
  User = 'user',
  Cli = 'cli',
}

/** The longest legal-hold reason. */
export const LEGAL_HOLD_REASON_MAX_LENGTH = 500;

/** The retention period bounds a rule may have, in years. */
export const RETENTION_YEARS_MIN = 1;
export const RETENTION_YEARS_MAX = 100;

export interface RetentionRuleDto {
  id: string;
  /** null: every organisation (the default). */
  organisation: { id: string; name: string } | null;
  /** null: every programme. */
  programme: string | null;
  years: number;
  version: number;
  updatedAt: string;
}

/** The rules in force, and whether the caller may change them (system_admin). */
export interface RetentionRulesDto {
  items: RetentionRuleDto[];
  mayEdit: boolean;
}

/** One line of a run's report: one rule in one organisation and programme. */
export interface GallringReportRowDto {
  ruleId: string;
  ruleYears: number | null;
  organisation: { id: string; name: string };
  programme: string;
  /** Past the rule's time: due + kept for research + on legal hold. */
  due: number;
  research: number;
  legalHold: number;
  cleared: number;
  /** Due at the report, but left at clearing time (a hold set or a write since). */
  skipped: number;
}

export interface GallringRunDto {
  id: string;
  mode: GallringMode;
  status: GallringRunStatus;
  trigger: GallringTrigger;
  organisation: { id: string; name: string } | null;
  requestedAt: string;
  startedAt: string | null;
  reportedAt: string | null;
  finishedAt: string | null;
  totals: { due: number; research: number; legalHold: number; cleared: number; skipped: number };
  rows: GallringReportRowDto[];
}

/** The runs page: the runs, and which kinds of run the caller may start. */
export interface GallringRunPageDto {
  items: GallringRunDto[];
  total: number;
  page: number;
  pageSize: number;
  mayStart: GallringMode[];
}

/** A legal hold: the case is kept whatever its rule says until the hold is lifted. */
export interface LegalHoldDto {
  id: string;
  caseId: string;
  caseNumber: string;
  programme: string;
  organisation: { id: string; name: string };
  reason: string;
  setAt: string;
  setBy: string | null;
  version: number;
  /** The caller may lift it (org_admin of the owning organisation). */
  mayLift: boolean;
}

export interface LegalHoldListDto {
  items: LegalHoldDto[];
  /** The caller may set holds on their organisation's cases (org_admin). */
  maySet: boolean;
}
