import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  type WritableSignal,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type {
  AuditEventDto,
  AuditVerifyDto,
  EmergencyAccessDto,
  Page,
  VolumeOutlierDto,
} from '@samsyn/common';
import { type Observable, firstValueFrom } from 'rxjs';
import { AuditApi } from '../../core/api/audit-api.service';
import { errorMessageKey } from '../../core/api/problem';
import { APP_PATHS } from '../../core/app-paths';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  ConfirmDialog,
  type ConfirmDialogData,
  type ConfirmDialogResult,
} from '../../core/ui/confirm-dialog';
import { allows, CaseAction } from '../cases/case/case-actions';
import { AuditEventsTable } from './audit-events-table';

/** A section's data: null while loading, or the error to show. */
interface Section<T> {
  data: T | null;
  error: TranslationKey | null;
}

const loading = <T>(): Section<T> => ({ data: null, error: null });

/**
 * Granskning (loggkontroll, D17/D19): nödåtkomst to review, access outside the caseload, users
 * who read far more than their colleagues, and whether the log's hash chain is intact.
 */
@Component({
  selector: 'app-review-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatSelectModule,
    AuditEventsTable,
    TranslatePipe,
    WhenPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './review.page.html',
  styleUrl: './audit.scss',
})
export class ReviewPage {
  protected readonly allows = allows;
  protected readonly CaseAction = CaseAction;
  private readonly api = inject(AuditApi);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);

  protected readonly paths = APP_PATHS;
  protected readonly periods = [7, 30, 90, 365];
  protected readonly days = signal(30);
  protected readonly showReviewed = signal(false);

  protected readonly emergency = signal<Section<Page<EmergencyAccessDto>>>(loading());
  protected readonly outside = signal<Section<Page<AuditEventDto>>>(loading());
  protected readonly outliers = signal<Section<VolumeOutlierDto[]>>(loading());
  protected readonly adminEvents = signal<Section<Page<AuditEventDto>>>(loading());
  protected readonly verify = signal<Section<AuditVerifyDto>>(loading());

  constructor() {
    void this.loadEmergency();
    void this.loadPeriod();
    void this.loadVerify();
  }

  protected setDays(days: number): void {
    this.days.set(days);
    void this.loadPeriod();
  }

  protected setShowReviewed(show: boolean): void {
    this.showReviewed.set(show);
    void this.loadEmergency();
  }

  protected async loadEmergency(): Promise<void> {
    await this.fill(this.emergency, this.api.emergencyAccesses(this.showReviewed()));
  }

  protected async loadPeriod(): Promise<void> {
    const days = this.days();
    await Promise.all([
      this.fill(this.outside, this.api.outsideCaseload(days)),
      this.fill(this.outliers, this.api.volumeOutliers(days)),
      this.fill(this.adminEvents, this.api.adminEvents(days)),
    ]);
  }

  protected async loadVerify(): Promise<void> {
    await this.fill(this.verify, this.api.verify());
    const result = this.verify().data;
    if (result) {
      void this.announcer.announce(
        this.i18n.t(result.ok ? 'review.chainOk' : 'review.chainBroken', {
          count: result.checked,
        }),
        'polite',
      );
    }
  }

  protected async markReviewed(access: EmergencyAccessDto): Promise<void> {
    const data: ConfirmDialogData = {
      title: 'review.markTitle',
      message: 'review.markMessage',
      params: { name: access.user.displayName, number: access.caseNumber },
      confirm: 'review.mark',
      reasonLabel: 'review.note',
    };
    const result = await firstValueFrom(
      this.dialog
        .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data })
        .afterClosed(),
    );
    if (!result) return;
    try {
      await firstValueFrom(
        this.api.reviewEmergencyAccess(access.id, result.reason ? { note: result.reason } : {}),
      );
      void this.announcer.announce(this.i18n.t('review.marked'), 'polite');
      await this.loadEmergency();
    } catch (error: unknown) {
      void this.announcer.announce(this.i18n.t(errorMessageKey(error)), 'assertive');
      this.emergency.update((s) => ({ ...s, error: errorMessageKey(error) }));
    }
  }

  private async fill<T>(target: WritableSignal<Section<T>>, request: Observable<T>): Promise<void> {
    target.set(loading());
    try {
      target.set({ data: await firstValueFrom(request), error: null });
    } catch (error: unknown) {
      target.set({ data: null, error: errorMessageKey(error) });
    }
  }
}
