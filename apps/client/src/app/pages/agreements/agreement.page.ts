import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { type AgreementDto, type AgreementFollowUpDto, Permission } from '@samsyn/common';
import { catchError, firstValueFrom, map, of, switchMap } from 'rxjs';
import { AgreementsApi } from '../../core/api/agreements-api.service';
import { errorMessageKey } from '../../core/api/problem';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FollowUpReportPanel } from '../statistics/follow-up-report-panel';
import { agreementKindKey, agreementShownStatusKey } from './agreement-labels';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; agreement: AgreementDto }
  | { kind: 'error'; key: TranslationKey };

/**
 * One agreement: parties, validity, follow-ups (marked done here) and SIP deadlines (D25, D10);
 * for those with `statistics:read`, its yearly follow-up report (issue 17 §4).
 */
@Component({
  selector: 'app-agreement-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, LabelPipe, WhenPipe, FollowUpReportPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agreement.page.html',
  styleUrl: './agreements.scss',
})
export class AgreementPage {
  private readonly api = inject(AgreementsApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);

  protected readonly paths = APP_PATHS;
  protected readonly statusKey = agreementShownStatusKey;
  protected readonly kindKey = agreementKindKey;
  protected readonly state = signal<State>({ kind: 'loading' });
  protected readonly agreement = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.agreement : null;
  });
  protected readonly errorKey = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.key : null;
  });
  /** The follow-up report is offered to those who may read the figures. */
  protected readonly mayReport = computed(() => this.auth.can(Permission.StatisticsRead));
  protected readonly busy = signal(false);
  protected readonly actionError = signal<TranslationKey | null>(null);

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('id') ?? ''),
        switchMap((id) =>
          this.api.get(id).pipe(
            map((agreement): State => ({ kind: 'loaded', agreement })),
            catchError((error: unknown) =>
              of<State>({ kind: 'error', key: errorMessageKey(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((s) => this.state.set(s));
  }

  protected async markDone(followUp: AgreementFollowUpDto): Promise<void> {
    const agreement = this.agreement();
    if (!agreement || this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      const updated = await firstValueFrom(this.api.markFollowUpDone(agreement.id, followUp.id));
      this.state.set({ kind: 'loaded', agreement: updated });
      void this.announcer.announce(
        this.i18n.t('agreements.followUpMarkedDone', { label: followUp.label }),
        'polite',
      );
    } catch (error: unknown) {
      this.actionError.set(errorMessageKey(error));
    } finally {
      this.busy.set(false);
    }
  }
}
