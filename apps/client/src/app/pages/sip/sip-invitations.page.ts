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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import {
  type AnswerSipInvitationDto,
  type FieldError,
  SipAction,
  SipAnswer,
  type SipAwaitingApprovalDto,
  SipInvitationState,
  type SipReceivedInvitationDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { DEFAULT_PAGE_SIZE } from '../../core/api/paging';
import { errorMessageKey } from '../../core/api/problem';
import { SIP_PATHS, SipApi } from '../../core/api/sip-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import { isoDay } from '../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import { isTranslationKey } from '../../core/i18n/translate';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { SipFieldErrorPipe, localDateTime } from './sip-field-error.pipe';
import { invitationTone } from './sip-meeting-card';

type ListState =
  | { kind: 'loading' }
  | { kind: 'loaded'; items: SipReceivedInvitationDto[] }
  | { kind: 'error'; key: TranslationKey };

/**
 * "SIP-inbjudningar": kallelser and inbjudningar to the signed-in user's unit. The person is shown
 * only as far as a consent in force covers (the API decides); answers: accept, decline with a
 * reason, propose another time.
 */
@Component({
  selector: 'app-sip-invitations-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    SipFieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sip-invitations.page.html',
  styleUrl: './sip.scss',
})
export class SipInvitationsPage {
  private readonly api = inject(SipApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly paths = APP_PATHS;
  protected readonly calendarUrl = SIP_PATHS.calendar;
  protected readonly tone = invitationTone;
  protected readonly pageSizes = [10, DEFAULT_PAGE_SIZE, 50];
  protected readonly today = isoDay();
  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);
  protected readonly items = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.items : null;
  });
  protected readonly page = computed(() => {
    const start = this.pageIndex() * this.pageSize();
    return (this.items() ?? []).slice(start, start + this.pageSize());
  });
  protected readonly summary = computed(() => {
    const items = this.items();
    if (!items) return '';
    const pending = items.filter((i) => i.state === SipInvitationState.Pending).length;
    return this.i18n.t('sip.inbox.summary', {
      total: this.i18n.t('sip.inbox.total', { count: items.length }),
      pending: this.i18n.t('sip.inbox.pending', { count: pending }),
    });
  });

  /** The invitation being answered and how. */
  protected readonly answering = signal<{ id: string; answer: SipAnswer } | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly answerForm = this.fb.group({
    reason: ['', Validators.maxLength(500)],
    date: [''],
    time: [''],
  });
  protected readonly answers = SipAnswer;
  /** Plan versions awaiting the caller's organisation or the person (issue 15). */
  protected readonly approvals = signal<SipAwaitingApprovalDto[] | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    void firstValueFrom(this.api.awaitingApproval()).then(
      (items) => this.approvals.set(items),
      () => this.approvals.set([]),
    );
    try {
      this.state.set({ kind: 'loaded', items: await firstValueFrom(this.api.invitations()) });
    } catch (error: unknown) {
      this.state.set({ kind: 'error', key: errorMessageKey(error) });
    }
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageSize !== this.pageSize() ? 0 : event.pageIndex);
    this.pageSize.set(event.pageSize);
    afterNextRender(() => this.focus('#sip-inbox-title'), { injector: this.injector });
  }

  /** Only what the API's `allowedActions` holds is offered (the server enforces the same rule). */
  protected canAnswer(inv: SipReceivedInvitationDto): boolean {
    return inv.allowedActions.includes(SipAction.Answer);
  }

  protected problemText(problem: FieldError): string {
    const key = `sip.problem.${problem.field.replace(/\.\d+\./, '.')}`;
    return isTranslationKey(key) ? this.i18n.t(key) : problem.message;
  }

  protected awaitingNames(item: SipAwaitingApprovalDto): string {
    return item.awaitingOrganisations.map((o) => o.name).join(', ');
  }

  protected async answer(inv: SipReceivedInvitationDto, answer: SipAnswer): Promise<void> {
    this.error.set(null);
    if (answer === SipAnswer.Accept) return this.send(inv, { version: inv.version, answer });
    const c = this.answerForm.controls;
    c.reason.setValidators(
      answer === SipAnswer.Decline
        ? [required, Validators.maxLength(500)]
        : Validators.maxLength(500),
    );
    c.date.setValidators(answer === SipAnswer.ProposeTime ? required : null);
    c.time.setValidators(answer === SipAnswer.ProposeTime ? required : null);
    this.answerForm.reset({ reason: '', date: isoDay(new Date(), 1), time: '10:00' });
    this.answering.set({ id: inv.id, answer });
    afterNextRender(() => this.focus(`#sip-answer-${inv.id}-title`), { injector: this.injector });
  }

  protected closeAnswer(inv: SipReceivedInvitationDto): void {
    this.answering.set(null);
    afterNextRender(() => this.focus(`#sip-inv-${inv.id}`), { injector: this.injector });
  }

  protected async submitAnswer(inv: SipReceivedInvitationDto): Promise<void> {
    const how = this.answering();
    if (!how) return;
    if (this.answerForm.invalid) {
      this.answerForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const v = this.answerForm.getRawValue();
    const dto: AnswerSipInvitationDto = { version: inv.version, answer: how.answer };
    if (v.reason.trim()) dto.reason = v.reason.trim();
    if (how.answer === SipAnswer.ProposeTime)
      dto.proposedStartsAt = localDateTime(v.date, v.time) ?? v.date;
    await this.send(inv, dto);
  }

  private async send(inv: SipReceivedInvitationDto, dto: AnswerSipInvitationDto): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    try {
      const updated = await firstValueFrom(this.api.answer(inv.id, dto));
      this.state.update((s) =>
        s.kind === 'loaded'
          ? { ...s, items: s.items.map((i) => (i.id === updated.id ? updated : i)) }
          : s,
      );
      this.answering.set(null);
      void this.announcer.announce(
        this.i18n.t('sip.inbox.answered', {
          answer: this.i18n.label('sipInvitationState', updated.state),
        }),
        'polite',
      );
      afterNextRender(() => this.focus(`#sip-inv-${inv.id}`), { injector: this.injector });
    } catch (error: unknown) {
      this.error.set(errorMessageKey(error));
      const invalid = applyServerErrors(this.answerForm, error, (path) =>
        path === 'proposedStartsAt' ? 'date' : path === 'reason' ? 'reason' : null,
      );
      afterNextRender(
        () =>
          (invalid.length && focusFirstInvalid(this.host.nativeElement)) ||
          this.focus('#sip-inbox-error'),
        { injector: this.injector },
      );
    } finally {
      this.pending.set(false);
    }
  }

  private focus(selector: string): boolean {
    const el = this.host.nativeElement.querySelector<HTMLElement>(selector);
    el?.focus();
    return !!el;
  }
}
