import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  ErrorCode,
  type FieldError,
  OrganisationType,
  SipAction,
  SipMeasureStatus,
  type SipPlanDto,
  SipPlanState,
  SipResponsibleKind,
} from '@samsyn/common';
import { distinctUntilChanged, firstValueFrom, map } from 'rxjs';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { SIP_PATHS, SipApi } from '../../core/api/sip-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { SERVER_ERROR } from '../../core/forms/field-errors';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { isoDay } from '../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { isTranslationKey } from '../../core/i18n/translate';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import { type DiffRow, diffRows } from './sip-diff';
import { SipFieldErrorPipe } from './sip-field-error.pipe';
import {
  type PlanForm,
  createPlanForm,
  goalGroup,
  measureGroup,
  needGroup,
  toUpdatePlanDto,
} from './sip-plan-form';
import { SipTimelineView } from './sip-timeline-view';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; plan: SipPlanDto }
  | { kind: 'error'; key: TranslationKey };

/** Which list a whole-list problem (e.g. "needs: required") belongs to, for its message. */
const LIST_FIELDS = ['needs', 'goals', 'measures'] as const;

/**
 * One plan version (D8, D9, D12, D13): the draft's editor (needs, goals in the person's own
 * words, measures with owners and dates, huvudansvar, follow-up), the agencies' timeline,
 * approvals and the person's agreement, what changed since the previous version, and print.
 */
@Component({
  selector: 'app-sip-plan-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    SipFieldErrorPipe,
    SipTimelineView,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sip-plan.page.html',
  styleUrl: './sip.scss',
})
export class SipPlanPage {
  private readonly api = inject(SipApi);
  private readonly auth = inject(AuthService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly reference = inject(ReferenceData);

  protected readonly paths = APP_PATHS;
  protected readonly pdfUrl = SIP_PATHS.pdf;
  protected readonly kinds = Object.values(SipResponsibleKind);
  protected readonly statuses = Object.values(SipMeasureStatus);
  protected readonly other = SipResponsibleKind.Other;
  protected readonly today = isoDay();
  protected readonly state = signal<State>({ kind: 'loading' });
  protected readonly plan = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.plan : null;
  });
  protected readonly agreed = computed(() => this.plan()?.state === SipPlanState.Agreed);
  protected readonly form = signal<PlanForm | null>(null);
  protected readonly diff = signal<DiffRow[] | null>(null);
  protected readonly diffFrom = signal<number | null>(null);
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  /** 409: someone else saved first (or the version was agreed): offer to reload. */
  protected readonly conflict = signal(false);
  /** Whole-list problems the draft still has ("needs", "measures"), shown at their list. */
  protected readonly listProblems = signal<Record<string, string>>({});
  protected readonly revision = signal(0);
  protected readonly agreementNote = this.fb.control('', Validators.maxLength(500));

  protected readonly heading = computed(() => {
    const plan = this.plan();
    return plan
      ? this.i18n.t('sip.plan.heading', { n: plan.number, number: plan.caseNumber })
      : this.i18n.t('sip.plan.title');
  });
  /** The caller's organisation's row among the approvals, if it is a participating huvudman. */
  protected readonly myApproval = computed(() => {
    const orgId = this.auth.me()?.organisation.id;
    return this.plan()?.approvals.find((a) => a.organisation.id === orgId) ?? null;
  });
  /** Only what the API's `allowedActions` holds is offered (the server enforces the same rule). */
  protected readonly allows = (action: SipAction): boolean =>
    this.plan()?.allowedActions.includes(action) ?? false;
  protected readonly canApprove = computed(() => this.allows(SipAction.Approve));
  protected readonly canSend = computed(() => this.allows(SipAction.SendForApproval));
  protected readonly canRecordAgreement = computed(() => this.allows(SipAction.PersonAgreement));
  /** A participating huvudman that has not approved, but may not yet: the missing items say why. */
  protected readonly approvalBlocked = computed(
    () =>
      !this.agreed() &&
      !this.canApprove() &&
      this.myApproval()?.approvedAt === null &&
      !!this.plan()?.agreementProblems.length,
  );
  protected readonly principals = computed(() =>
    (this.plan()?.approvals ?? []).map((a) => a.organisation),
  );
  protected readonly organisations = computed(() => this.reference.organisations() ?? []);

  constructor() {
    void this.reference.loadOrganisations().catch(() => undefined);
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((p) => p.get('id') ?? ''),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((id) => void this.load(id));
  }

  private get id(): string {
    const s = this.state();
    return s.kind === 'loaded' ? s.plan.id : this.lastId;
  }
  private lastId = '';

  protected async load(id = this.id): Promise<void> {
    this.lastId = id;
    this.state.set({ kind: 'loading' });
    this.conflict.set(false);
    this.error.set(null);
    try {
      this.show(await firstValueFrom(this.api.plan(id)));
      void this.loadDiff();
    } catch (error: unknown) {
      this.state.set({ kind: 'error', key: errorMessageKey(error) });
    }
  }

  private async loadDiff(): Promise<void> {
    const plan = this.plan();
    if (!plan?.basedOnId) {
      this.diff.set(null);
      return;
    }
    try {
      const diff = await firstValueFrom(this.api.diff(plan.id));
      this.diffFrom.set(diff.from?.number ?? null);
      this.diff.set(diffRows(diff));
    } catch {
      this.diff.set(null);
    }
  }

  /** Shows a plan and, for a draft, its editor with the agreement problems on the fields. */
  private show(plan: SipPlanDto): void {
    this.state.set({ kind: 'loaded', plan });
    if (!plan.allowedActions.includes(SipAction.Edit)) {
      this.form.set(null);
      return;
    }
    const form = createPlanForm(this.fb, plan);
    form.valueChanges.subscribe(() => this.revision.update((n) => n + 1));
    this.form.set(form);
    this.markProblems(form, plan.agreementProblems);
  }

  private markProblems(form: PlanForm, problems: readonly FieldError[]): void {
    const lists: Record<string, string> = {};
    for (const problem of problems) {
      if ((LIST_FIELDS as readonly string[]).includes(problem.field)) {
        lists[problem.field] = problem.code;
        continue;
      }
      const control = form.get(problem.field);
      if (!control) continue;
      control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: problem.code });
      control.markAsTouched();
    }
    this.listProblems.set(lists);
  }

  protected listProblem(list: string): TranslationKey | null {
    return this.listProblems()[list] ? (`sip.plan.${list}Missing` as TranslationKey) : null;
  }

  protected problemText(problem: FieldError): string {
    const key = `sip.problem.${problem.field.replace(/\.\d+\./, '.')}`;
    return isTranslationKey(key) ? this.i18n.t(key) : problem.message;
  }

  protected unitsOf(orgId: string) {
    return this.organisations().find((o) => o.id === orgId)?.units ?? [];
  }

  protected organisationsFor(kind: SipResponsibleKind) {
    this.revision();
    const principals: readonly OrganisationType[] = [
      OrganisationType.Region,
      OrganisationType.Municipality,
    ];
    const type =
      kind === SipResponsibleKind.Region
        ? OrganisationType.Region
        : kind === SipResponsibleKind.Municipality
          ? OrganisationType.Municipality
          : null;
    return this.organisations().filter((o) =>
      type ? o.type === type : !principals.includes(o.type),
    );
  }

  protected add(list: 'needs' | 'goals' | 'measures'): void {
    const form = this.form();
    if (!form) return;
    if (list === 'needs') form.controls.needs.push(needGroup(this.fb));
    if (list === 'goals') form.controls.goals.push(goalGroup(this.fb));
    if (list === 'measures')
      form.controls.measures.push(measureGroup(this.fb, undefined, this.today));
    const index = form.controls[list].length - 1;
    afterNextRender(() => this.focus(`#sip-${list}-${index}-text`), { injector: this.injector });
  }

  protected remove(list: 'needs' | 'goals' | 'measures', index: number): void {
    this.form()?.controls[list].removeAt(index);
    afterNextRender(() => this.focus(`#sip-add-${list}`), { injector: this.injector });
  }

  protected async save(): Promise<void> {
    const form = this.form();
    const plan = this.plan();
    if (!form || !plan || this.pending()) return;
    // Agreement problems are the API's to judge again; only the field rules stop a save.
    for (const control of Object.values(form.controls)) control.updateValueAndValidity();
    form.updateValueAndValidity();
    if (form.invalid) {
      form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section('#sip-plan-form')), {
        injector: this.injector,
      });
      return;
    }
    await this.write(
      () => this.api.updatePlan(plan.id, toUpdatePlanDto(form.getRawValue(), plan.version)),
      'sip.plan.saved',
    );
  }

  protected async approve(): Promise<void> {
    const plan = this.plan();
    if (plan)
      await this.write(
        () => this.api.approve(plan.id, { version: plan.version }),
        'sip.plan.approved.done',
      );
  }

  protected async sendForApproval(): Promise<void> {
    const plan = this.plan();
    if (plan)
      await this.write(
        () => this.api.sendForApproval(plan.id, { version: plan.version }),
        'sip.plan.sent.done',
      );
  }

  protected async recordAgreement(): Promise<void> {
    const plan = this.plan();
    if (!plan) return;
    const note = this.agreementNote.value.trim();
    await this.write(
      () =>
        this.api.recordPersonAgreement(plan.id, {
          version: plan.version,
          ...(note ? { note } : {}),
        }),
      'sip.plan.agreementRecorded',
    );
  }

  private async write(call: () => ReturnType<SipApi['plan']>, done: TranslationKey): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    this.error.set(null);
    this.conflict.set(false);
    try {
      const plan = await firstValueFrom(call());
      this.show(plan);
      void this.loadDiff();
      const agreed = plan.state === SipPlanState.Agreed;
      void this.announcer.announce(
        this.i18n.t(agreed && done !== 'sip.plan.saved' ? 'sip.plan.nowAgreed' : done),
        'polite',
      );
      afterNextRender(() => this.focus('#sip-plan-status'), { injector: this.injector });
    } catch (error: unknown) {
      const problem = problemOf(error);
      const status = error instanceof HttpErrorResponse ? error.status : 0;
      if (status === 409) {
        this.conflict.set(true);
        this.error.set(
          problem?.code === ErrorCode.VersionConflict
            ? 'sip.plan.conflict'
            : errorMessageKey(error),
        );
      } else this.error.set(errorMessageKey(error));
      const form = this.form();
      const invalid = form ? applyServerErrors(form, error) : [];
      if (form && problem?.errors) this.markProblems(form, problem.errors);
      afterNextRender(
        () =>
          (invalid.length && focusFirstInvalid(this.section('#sip-plan-form'))) ||
          this.focus('#sip-plan-error'),
        { injector: this.injector },
      );
    } finally {
      this.pending.set(false);
    }
  }

  protected print(): void {
    this.document.defaultView?.print();
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
