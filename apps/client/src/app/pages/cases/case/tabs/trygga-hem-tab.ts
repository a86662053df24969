import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import {
  type FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type CaseDto,
  ErrorCode,
  type RiskAssessmentDto,
  TryggaHemAction,
  type TryggaHemCaseDto,
  type TryggaHemEnrolmentDto,
  type TryggaHemPriority,
  TRYGGA_HEM_PRIORITIES,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../../../core/api/problem';
import { TryggaHemApi } from '../../../../core/api/trygga-hem-api.service';
import { FieldErrorPipe } from '../../../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../core/forms/server-errors';
import { required } from '../../../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { CaseStore } from '../case.store';
import { displayName } from '../participant-view';
import { ActionStatusButton } from './trygga-hem/action-status-button';
import { EnrolForm } from './trygga-hem/enrol-form';
import { LeaveCaseloadForm } from './trygga-hem/leave-caseload-form';
import { safetyPlanRows } from './trygga-hem/assess';
import { RiskAssessmentForm } from './trygga-hem/risk-assessment-form';
import { SafetyPlanForm } from './trygga-hem/safety-plan-form';
import { TRYGGA_HEM_RECORD_SECTIONS } from './trygga-hem/record-sections';

type ProfileState =
  | { kind: 'loading' }
  | { kind: 'loaded'; profile: TryggaHemCaseDto }
  /** Not (or no longer) in a caseload; `enrolment` is null when the caller may not ask. */
  | { kind: 'notEnrolled'; enrolment: TryggaHemEnrolmentDto | null }
  | { kind: 'error'; key: TranslationKey };

/** One agency's assessments with one instrument, newest first: never merged across agencies (D5). */
export interface AssessmentGroup {
  key: string;
  organisationName: string;
  assessments: RiskAssessmentDto[];
}

export function groupAssessments(list: readonly RiskAssessmentDto[]): AssessmentGroup[] {
  const groups = new Map<string, AssessmentGroup>();
  for (const a of list) {
    const key = `${a.organisation.id}|${a.instrument}|${a.instrumentName ?? ''}`;
    const group = groups.get(key) ?? {
      key,
      organisationName: a.organisation.name,
      assessments: [],
    };
    group.assessments.push(a);
    groups.set(key, group);
  }
  for (const g of groups.values())
    g.assessments.sort((x, y) => y.assessedOn.localeCompare(x.assessedOn));
  return [...groups.values()].sort((x, y) => x.organisationName.localeCompare(y.organisationName));
}

/**
 * Trygga hem on the case page (issue 6 §3–§5): priority A–D with basis and history, notifications,
 * offers, control measures, incidents, assessments per agency and instrument, actions and — only
 * on the victim side — safety plans. A section the server withholds says so instead of looking empty.
 */
@Component({
  selector: 'app-trygga-hem-tab',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
    RiskAssessmentForm,
    SafetyPlanForm,
    ActionStatusButton,
    EnrolForm,
    LeaveCaseloadForm,
    TRYGGA_HEM_RECORD_SECTIONS,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './trygga-hem-tab.html',
  styles: ['.th-priority-form { margin-top: 1rem; } section { margin-bottom: 1.5rem; }'],
})
export class TryggaHemTab {
  private readonly store = inject(CaseStore);
  private readonly api = inject(TryggaHemApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly caseDto = computed(() => this.store.caseDto() as CaseDto);
  protected readonly state = signal<ProfileState>({ kind: 'loading' });
  protected readonly profile = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.profile : null;
  });
  protected readonly assessmentGroups = computed(() => {
    const list = this.profile()?.riskAssessments;
    return list ? groupAssessments(list) : null;
  });
  protected readonly priorities = TRYGGA_HEM_PRIORITIES;
  protected readonly enrolAction = TryggaHemAction.Enrol;
  protected readonly leaveAction = TryggaHemAction.Leave;
  protected readonly setPriorityAction = TryggaHemAction.SetPriority;
  protected readonly actions = TryggaHemAction;
  protected readonly priorityForm = this.fb.group({
    priority: ['' as TryggaHemPriority | '', required],
    basis: ['', [required, Validators.maxLength(2000)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly conflict = signal(false);

  constructor() {
    effect(() => {
      const id = this.caseDto().id;
      untracked(() => void this.load(id));
    });
  }

  protected async load(caseId = this.caseDto().id): Promise<void> {
    if (this.state().kind !== 'loaded') this.state.set({ kind: 'loading' });
    try {
      const profile = await firstValueFrom(this.api.caseProfile(caseId));
      this.state.set({ kind: 'loaded', profile });
      this.priorityForm.reset({ priority: profile.priority ?? '', basis: '' });
    } catch (error: unknown) {
      if (error instanceof HttpErrorResponse && error.status === 404) {
        const enrolment = await firstValueFrom(this.api.enrolment(caseId)).catch(() => null);
        this.state.set({ kind: 'notEnrolled', enrolment });
      } else this.state.set({ kind: 'error', key: errorMessageKey(error) });
    }
  }

  /** Enrolled from the tab: the case as the caller now sees it in the caseload. */
  protected onEnrolled(profile: TryggaHemCaseDto): void {
    this.updated(profile);
    this.priorityForm.reset({ priority: profile.priority ?? '', basis: '' });
    afterNextRender(() => this.section('#th-summary-title')?.focus(), { injector: this.injector });
  }

  /** Taken off the caseload: the tab shows how and why (and the case page stays). */
  protected async onLeft(): Promise<void> {
    await this.load();
    afterNextRender(() => this.section('#th-exit-title')?.focus(), { injector: this.injector });
  }

  protected async changePriority(form: FormGroupDirective): Promise<void> {
    const profile = this.profile();
    if (!profile || this.pending()) return;
    this.error.set(null);
    if (this.priorityForm.invalid) {
      this.priorityForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section('#priority-form')), {
        injector: this.injector,
      });
      return;
    }
    const { priority, basis } = this.priorityForm.getRawValue();
    if (!priority) return;
    this.pending.set(true);
    try {
      const updated = await firstValueFrom(
        this.api.changePriority(profile.caseId, {
          version: profile.version,
          priority,
          basis: basis.trim(),
        }),
      );
      this.state.set({ kind: 'loaded', profile: updated });
      form.resetForm({ priority: updated.priority ?? '', basis: '' });
      void this.announcer.announce(
        this.i18n.t('th.case.priorityChanged', { priority: updated.priority ?? '' }),
        'polite',
      );
    } catch (error: unknown) {
      if (problemOf(error)?.code === ErrorCode.VersionConflict) {
        this.conflict.set(true);
        afterNextRender(() => this.section('#th-conflict-reload')?.focus(), {
          injector: this.injector,
        });
      } else {
        this.error.set(errorMessageKey(error));
        applyServerErrors(this.priorityForm, error);
      }
    } finally {
      this.pending.set(false);
    }
  }

  /** After a conflict: the current version; what the user typed as basis is kept. */
  protected async reloadAfterConflict(): Promise<void> {
    const basis = this.priorityForm.controls.basis.value;
    this.conflict.set(false);
    await this.load();
    this.priorityForm.controls.basis.setValue(basis);
    void this.announcer.announce(this.i18n.t('th.reloaded'), 'polite');
  }

  /** The participant a safety plan is for, as the case shows them (withheld names stay withheld). */
  protected personName(personId: string): string | null {
    const p = this.caseDto().participants.find((x) => x.person.id === personId);
    return p ? displayName(p.person) : null;
  }

  /** D3: each victim and child whose skyddsplan the caller may see, with their plan if any. */
  protected readonly safetyRows = computed(() => {
    const p = this.profile();
    return p ? safetyPlanRows(p.safetyPlanPersonIds, p.safetyPlans) : [];
  });

  /** After a 409 in one of the forms: the latest data, leaving what is typed elsewhere alone. */
  protected async refresh(): Promise<void> {
    try {
      this.updated(await firstValueFrom(this.api.caseProfile(this.caseDto().id)));
      void this.announcer.announce(this.i18n.t('th.reloaded'), 'polite');
    } catch {
      await this.load();
    }
  }

  /** A form saved something: the API's answer is the case as the caller now sees it. */
  protected updated(profile: TryggaHemCaseDto): void {
    this.state.set({ kind: 'loaded', profile });
  }

  private section(selector: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(selector);
  }
}
