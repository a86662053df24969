import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  inject,
  signal,
  type OnInit,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  GallringMode,
  type GallringRunPageDto,
  GallringRunStatus,
  LEGAL_HOLD_REASON_MAX_LENGTH,
  type LegalHoldDto,
  type LegalHoldListDto,
  type RetentionRuleDto,
  type RetentionRulesDto,
  RETENTION_YEARS_MAX,
  RETENTION_YEARS_MIN,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { GALLRING_PATHS, GallringApi } from '../../core/api/gallring-api.service';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { required } from '../../core/forms/validators';

const PAGE_SIZE = 10;
/** While a run is queued or running, the list is fetched again this often. */
const REFRESH_MS = 2_000;

/**
 * Gallring (D22): the retention rules in force, the runs with their reports and CSV, dry runs
 * (and for a system_admin clearing runs) started by hand, and legal holds (org_admin).
 */
@Component({
  selector: 'app-gallring-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    WhenPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './gallring.page.scss',
  templateUrl: './gallring.page.html',
})
export class GallringPage implements OnInit {
  private readonly api = inject(GallringApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected readonly Mode = GallringMode;
  protected readonly yearsMin = RETENTION_YEARS_MIN;
  protected readonly yearsMax = RETENTION_YEARS_MAX;
  protected readonly reasonMax = LEGAL_HOLD_REASON_MAX_LENGTH;
  protected readonly csvUrl = GALLRING_PATHS.csv;
  protected readonly rules = signal<RetentionRulesDto | null>(null);
  protected readonly runs = signal<GallringRunPageDto | null>(null);
  protected readonly holds = signal<LegalHoldListDto | null>(null);
  protected readonly page = signal(1);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly notice = signal<TranslationKey | null>(null);
  protected readonly busy = signal(false);
  protected readonly ruleYears = new Map<string, number>();

  protected readonly holdForm = this.fb.group({
    caseNumber: ['', [required, Validators.minLength(3), Validators.maxLength(30)]],
    reason: [
      '',
      [required, Validators.minLength(3), Validators.maxLength(LEGAL_HOLD_REASON_MAX_LENGTH)],
    ],
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  ngOnInit(): void {
    void this.loadAll();
  }

  private async loadAll(): Promise<void> {
    try {
      const [rules, holds] = await Promise.all([
        firstValueFrom(this.api.rules()),
        firstValueFrom(this.api.holds()),
      ]);
      this.rules.set(rules);
      this.holds.set(holds);
      await this.loadRuns();
    } catch {
      this.error.set('gallring.loadError');
    }
  }

  protected async loadRuns(): Promise<void> {
    clearTimeout(this.timer);
    const runs = await firstValueFrom(this.api.runs(this.page(), PAGE_SIZE));
    this.runs.set(runs);
    const active = runs.items.some(
      (r) => r.status === GallringRunStatus.Queued || r.status === GallringRunStatus.Running,
    );
    if (active) this.timer = setTimeout(() => void this.loadRuns(), REFRESH_MS);
  }

  protected async goTo(page: number): Promise<void> {
    this.page.set(page);
    await this.loadRuns();
  }

  protected lastPage(runs: GallringRunPageDto): number {
    return Math.max(1, Math.ceil(runs.total / runs.pageSize));
  }

  protected async start(mode: GallringMode): Promise<void> {
    this.error.set(null);
    this.notice.set(null);
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.start(mode));
      this.page.set(1);
      await this.loadRuns();
      this.notice.set(
        mode === GallringMode.DryRun ? 'gallring.dryRunStarted' : 'gallring.runStarted',
      );
    } catch {
      this.error.set('gallring.startError');
    } finally {
      this.busy.set(false);
    }
  }

  protected yearsOf(rule: RetentionRuleDto): number {
    return this.ruleYears.get(rule.id) ?? rule.years;
  }

  protected setYears(rule: RetentionRuleDto, value: string): void {
    this.ruleYears.set(rule.id, Number(value));
  }

  protected async saveRule(rule: RetentionRuleDto): Promise<void> {
    this.error.set(null);
    this.notice.set(null);
    const years = this.yearsOf(rule);
    if (!Number.isInteger(years) || years < RETENTION_YEARS_MIN || years > RETENTION_YEARS_MAX) {
      this.error.set('gallring.yearsInvalid');
      return;
    }
    try {
      await firstValueFrom(this.api.updateRule(rule.id, rule.version, years));
      this.ruleYears.delete(rule.id);
      this.rules.set(await firstValueFrom(this.api.rules()));
      this.notice.set('gallring.ruleSaved');
    } catch (err) {
      const status = (err as { status?: number }).status;
      this.error.set(status === 409 ? 'gallring.ruleConflict' : 'gallring.ruleError');
    }
  }

  protected async setHold(): Promise<void> {
    this.error.set(null);
    this.notice.set(null);
    if (this.holdForm.invalid) {
      this.holdForm.markAllAsTouched();
      return;
    }
    const { caseNumber, reason } = this.holdForm.getRawValue();
    try {
      await firstValueFrom(this.api.setHold(caseNumber.trim(), reason.trim()));
      this.holdForm.reset();
      this.holds.set(await firstValueFrom(this.api.holds()));
      this.notice.set('gallring.holdSet');
    } catch (err) {
      const status = (err as { status?: number }).status;
      this.error.set(
        status === 404
          ? 'gallring.holdNoCase'
          : status === 409
            ? 'gallring.holdConflict'
            : 'gallring.holdError',
      );
    }
  }

  protected async lift(hold: LegalHoldDto): Promise<void> {
    this.error.set(null);
    this.notice.set(null);
    try {
      await firstValueFrom(this.api.lift(hold.id, hold.version));
      this.holds.set(await firstValueFrom(this.api.holds()));
      this.notice.set('gallring.holdLifted');
    } catch {
      this.error.set('gallring.holdError');
    }
  }

  protected modeLabel(mode: GallringMode): TranslationKey {
    return mode === GallringMode.DryRun ? 'gallring.mode.dry_run' : 'gallring.mode.clear';
  }

  protected statusLabel(status: GallringRunStatus): TranslationKey {
    return `gallring.status.${status}`;
  }
}
