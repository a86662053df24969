import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import {
  type CaseDto,
  SipAction,
  SipDeadlineState,
  SipEndedBy,
  type SipMeetingDto,
  type SipOverviewDto,
  type UpdateSipSettingsDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey } from '../../../../core/api/problem';
import { SipApi } from '../../../../core/api/sip-api.service';
import { APP_PATHS } from '../../../../core/app-paths';
import { focusFirstInvalid } from '../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../core/forms/server-errors';
import { required } from '../../../../core/forms/validators';
import { isoDay } from '../../../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { SipFieldErrorPipe } from '../../../sip/sip-field-error.pipe';
import { SipMeetingCard } from '../../../sip/sip-meeting-card';
import { SipMeetingWizard } from '../../../sip/sip-meeting-wizard';
import {
  ViolenceFormsField,
  ViolenceFormsPipe,
  chosenViolenceForms,
} from '../../shared/violence-forms';
import { CaseStore } from '../case.store';

/** The badge tone of a deadline (D10): missed red, at risk amber, met green. */
export function deadlineTone(state: SipDeadlineState): string {
  switch (state) {
    case SipDeadlineState.Missed:
      return 'badge-danger';
    case SipDeadlineState.AtRisk:
      return 'badge-warning';
    case SipDeadlineState.Met:
      return 'badge-positive';
    default:
      return '';
  }
}

/**
 * SIP: deadlines (D10), meetings with every invitation's answer, plan versions, and the actions
 * — record the dates deadlines count from, call a meeting, move or cancel it, end the SIP.
 */
@Component({
  selector: 'app-sip-tab',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    SipFieldErrorPipe,
    SipMeetingCard,
    SipMeetingWizard,
    ViolenceFormsField,
    ViolenceFormsPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sip-tab.html',
})
export class SipTab {
  private readonly store = inject(CaseStore);
  private readonly api = inject(SipApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly paths = APP_PATHS;
  protected readonly tone = deadlineTone;
  protected readonly endedByOptions = Object.values(SipEndedBy);
  protected readonly today = isoDay();
  protected readonly caseDto = computed(() => this.store.caseDto() as CaseDto);
  protected readonly overview = signal<SipOverviewDto | null>(null);
  protected readonly loadError = signal<TranslationKey | null>(null);
  /** Only what the API's `allowedActions` holds is offered (the server enforces the same rule). */
  protected readonly allows = (action: `${SipAction}`): boolean =>
    this.overview()?.allowedActions.includes(action as SipAction) ?? false;
  /** The way out of the draft blocker: cancelling the draft's meeting, when the caller may. */
  protected readonly blockerMeetingCancellable = computed(() => {
    const o = this.overview();
    const id = o?.callBlockedBy?.meetingId;
    return !!o?.meetings.find((m) => m.id === id)?.allowedActions.includes(SipAction.Cancel);
  });
  protected readonly form = signal<'none' | 'settings' | 'call' | 'end'>('none');
  protected readonly pending = signal(false);
  protected readonly formError = signal<TranslationKey | null>(null);

  protected readonly settingsForm = this.fb.group({
    requestedOn: [isoDay(), required],
    dischargeReadyOn: [''],
    violenceRelated: [false],
    violenceForms: this.fb.control<string[]>([]),
  });
  /** The forms of violence are asked for only on a violence-related case (issue 15). */
  protected readonly violenceRelated = toSignal(
    this.settingsForm.controls.violenceRelated.valueChanges,
    { initialValue: false },
  );
  protected readonly endForm = this.fb.group({
    endedBy: [SipEndedBy.Person as SipEndedBy, required],
    reason: ['', [required, Validators.maxLength(1000)]],
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.overview.set(await firstValueFrom(this.api.overview(this.caseDto().id)));
    } catch (error: unknown) {
      this.loadError.set(errorMessageKey(error));
    }
  }

  protected openForm(form: 'settings' | 'call' | 'end'): void {
    this.formError.set(null);
    if (form === 'settings') {
      const s = this.overview()?.settings;
      this.settingsForm.reset({
        requestedOn: s?.requestedOn ?? isoDay(),
        dischargeReadyOn: s?.dischargeReadyOn ?? '',
        violenceRelated: s?.violenceRelated ?? false,
        violenceForms: s?.violenceForms ?? [],
      });
    }
    if (form === 'end') this.endForm.reset();
    this.form.set(form);
    if (form !== 'call')
      afterNextRender(() => this.focus(`#sip-${form}-title`), { injector: this.injector });
  }

  protected closeForm(focus = '#sip-title'): void {
    this.form.set('none');
    afterNextRender(() => this.focus(focus), { injector: this.injector });
  }

  protected async meetingCalled(meeting: SipMeetingDto | null): Promise<void> {
    if (!meeting) return this.closeForm();
    this.form.set('none');
    await Promise.all([this.load(), this.store.reload()]);
    afterNextRender(() => this.focus(`#sip-meeting-${meeting.id}`), { injector: this.injector });
  }

  protected async meetingChanged(): Promise<void> {
    await this.load();
  }

  protected async saveSettings(): Promise<void> {
    const v = this.settingsForm.getRawValue();
    const dto: UpdateSipSettingsDto = {
      requestedOn: v.requestedOn,
      dischargeReadyOn: v.dischargeReadyOn || null,
      violenceRelated: v.violenceRelated,
      violenceForms: v.violenceRelated ? chosenViolenceForms(v.violenceForms) : [],
    };
    const version = this.overview()?.settings?.version;
    if (version) dto.version = version;
    await this.submit(this.settingsForm, '#sip-settings-form', 'sip.settings.saved', () =>
      this.api.updateSettings(this.caseDto().id, dto),
    );
  }

  protected async endSip(): Promise<void> {
    const v = this.endForm.getRawValue();
    await this.submit(this.endForm, '#sip-end-form', 'sip.end.done', () =>
      this.api.end(this.caseDto().id, { endedBy: v.endedBy, reason: v.reason.trim() }),
    );
  }

  private async submit(
    form: typeof this.settingsForm | typeof this.endForm,
    selector: string,
    done: TranslationKey,
    call: () => ReturnType<SipApi['overview']>,
  ): Promise<void> {
    if (this.pending()) return;
    this.formError.set(null);
    if (form.invalid) {
      form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section(selector)), {
        injector: this.injector,
      });
      return;
    }
    this.pending.set(true);
    try {
      this.overview.set(await firstValueFrom(call()));
      void this.announcer.announce(this.i18n.t(done), 'polite');
      this.closeForm();
      await this.store.reload();
    } catch (error: unknown) {
      this.formError.set(errorMessageKey(error));
      const invalid = applyServerErrors(form, error);
      afterNextRender(
        () =>
          (invalid.length && focusFirstInvalid(this.section(selector))) ||
          this.focus('#sip-form-error'),
        { injector: this.injector },
      );
    } finally {
      this.pending.set(false);
    }
  }

  private section(selector: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(selector);
  }

  private focus(selector: string): boolean {
    const el = this.section(selector);
    el?.focus();
    return !!el;
  }
}
