import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  Directive,
  ElementRef,
  Injector,
  type OnInit,
  Pipe,
  type PipeTransform,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import {
  ControlContainer,
  type FormGroup,
  FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ErrorCode, type TryggaHemCaseDto, type TryggaHemRecordKind } from '@samsyn/common';
import { type Observable, firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../../../../core/api/problem';
import { TryggaHemRecordsApi } from '../../../../../core/api/trygga-hem-records-api.service';
import { AuthService } from '../../../../../core/auth/auth.service';
import { focusFirstInvalid } from '../../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../../core/forms/server-errors';
import { required } from '../../../../../core/forms/validators';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import type { TranslationParams } from '../../../../../core/i18n/translate';
import { ReferenceData } from '../../../../../core/reference/reference-data';
import { changedFields, recordFieldMessage } from './records';

/** `<mat-error>{{ control.errors | recordFieldError }}</mat-error>` with the record forms' rules. */
@Pipe({ name: 'recordFieldError', pure: false })
export class RecordFieldErrorPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(errors: ValidationErrors | null | undefined): string {
    const message = recordFieldMessage(errors ?? null);
    return message ? this.i18n.t(message.key, message.params) : '';
  }
}

/**
 * What every record form does alike, as the priority form does it: invalid → mark and focus the
 * first invalid field; the API's field errors on their fields; a stale version → a conflict
 * alert with a reload button, focused; success → announced politely. Call in a field
 * initializer (it injects).
 */
export function recordFormRunner() {
  const injector = inject(Injector);
  const host = inject<ElementRef<HTMLElement>>(ElementRef);
  const announcer = inject(LiveAnnouncer);
  const i18n = inject(I18nService);
  const pending = signal(false);
  const error = signal<TranslationKey | null>(null);
  const conflict = signal(false);

  const focus = (selector: string): boolean => {
    const el = host.nativeElement.querySelector<HTMLElement>(selector);
    el?.focus();
    return !!el && el.ownerDocument.activeElement === el;
  };
  const later = (work: () => void) => afterNextRender(work, { injector });

  return {
    pending: pending.asReadonly(),
    error: error.asReadonly(),
    conflict: conflict.asReadonly(),
    focus,
    later,
    announce(key: TranslationKey, params?: TranslationParams): void {
      void announcer.announce(i18n.t(key, params), 'polite');
    },
    /** A message at the form's top (e.g. "nothing changed"), focused. */
    fail(key: TranslationKey): void {
      error.set(key);
      later(() => focus('.form-error'));
    },
    clearConflict(): void {
      conflict.set(false);
    },
    /**
     * Validates `form`, then sends `request()`; the answer goes to `done`. Returns the answer,
     * or null when the form was invalid or the request failed (the form then says why).
     */
    async submit(
      form: FormGroup,
      request: () => Observable<TryggaHemCaseDto> | null,
    ): Promise<TryggaHemCaseDto | null> {
      if (pending()) return null;
      error.set(null);
      conflict.set(false);
      form.updateValueAndValidity();
      for (const control of Object.values(form.controls)) control.updateValueAndValidity();
      if (form.invalid) {
        form.markAllAsTouched();
        later(() => focusFirstInvalid(host.nativeElement));
        return null;
      }
      const call = request();
      if (!call) return null;
      pending.set(true);
      try {
        return await firstValueFrom(call);
      } catch (failure: unknown) {
        if (problemOf(failure)?.code === ErrorCode.VersionConflict) {
          conflict.set(true);
          later(() => focus('.thr-conflict button'));
        } else {
          error.set(errorMessageKey(failure));
          applyServerErrors(form, failure);
          later(() => focusFirstInvalid(host.nativeElement) || focus('.form-error'));
        }
        return null;
      } finally {
        pending.set(false);
      }
    },
  };
}

export type RecordFormRunner = ReturnType<typeof recordFormRunner>;

/**
 * The organisations to choose an agency from (who offers, decides, reports), and the caller's
 * own, which the API takes when none is given. Until the directory has loaded (or when it
 * cannot be), only the caller's own organisation is offered. Call in a field initializer.
 */
export function agencyChoices() {
  const reference = inject(ReferenceData);
  const auth = inject(AuthService);
  void reference.loadOrganisations().catch(() => undefined);
  const own = computed(() => auth.me()?.organisation ?? null);
  return {
    own,
    options: computed<{ id: string; name: string }[]>(() => {
      const list = reference.organisations();
      const mine = own();
      return list?.length ? list : mine ? [mine] : [];
    }),
  };
}

/**
 * A section's list state: which record is being corrected or removed, whether a new one is
 * being recorded — one form at a time — and where focus goes when a form closes (back to the
 * button that opened it, to the new record, or to the add button after a removal). Call in a
 * field initializer (it injects).
 */
export function recordSection(prefix: string) {
  const injector = inject(Injector);
  const host = inject<ElementRef<HTMLElement>>(ElementRef);
  const editing = signal<string | null>(null);
  const removing = signal<string | null>(null);
  const adding = signal(false);
  const focusFirst = (...selectors: string[]) =>
    afterNextRender(
      () => {
        for (const selector of selectors) {
          const el = host.nativeElement.querySelector<HTMLElement>(selector);
          if (el) {
            el.focus();
            return;
          }
        }
      },
      { injector },
    );
  const closeAll = () => {
    editing.set(null);
    removing.set(null);
    adding.set(false);
  };
  return {
    editing: editing.asReadonly(),
    removing: removing.asReadonly(),
    adding: adding.asReadonly(),
    addButtonId: `${prefix}-add`,
    startAdd(): void {
      closeAll();
      adding.set(true);
    },
    startCorrect(id: string): void {
      closeAll();
      editing.set(id);
    },
    startRemove(id: string): void {
      closeAll();
      removing.set(id);
    },
    /** A form closed without saving: focus goes back to the button that opened it. */
    cancelled(id: string | null, what: 'correct' | 'remove' | 'add'): void {
      closeAll();
      if (id) focusFirst(`#${prefix}-${what}-${id}`);
      else focusFirst(`#${prefix}-add`);
    },
    /** Saved: focus on the record (new or corrected), else on the add button. */
    saved(id: string | null): void {
      closeAll();
      focusFirst(...(id ? [`#${prefix}-item-${id}`] : []), `#${prefix}-add`, 'button');
    },
  };
}

/**
 * The frame every record form shares, on its `<form>` (which keeps `[formGroup]` and
 * `(ngSubmit)`): the title, the error and conflict alerts, then the form's own fields
 * (projected), then — when correcting — the required reason, and cancel/submit.
 */
@Component({
  // On the <form> itself (no wrapper element), so the rendered DOM stays as the forms' own.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: 'form[appThrRecordForm]',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    RecordFieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // `formControlName="reason"` below belongs to the host's `[formGroup]`.
  viewProviders: [{ provide: ControlContainer, useExisting: FormGroupDirective }],
  host: {
    '[id]': 'formId()',
    class: 'panel no-print thr-form',
    novalidate: '',
    '[attr.aria-labelledby]': "formId() + '-title'",
    '(submit)': 'submitted()',
  },
  template: `
    <h4 [id]="formId() + '-title'" tabindex="-1">{{ titleKey() | t }}</h4>
    @if (run().error(); as e) {
      <p class="form-error" role="alert" tabindex="-1">{{ e | t }}</p>
    }
    @if (run().conflict()) {
      <div class="alert thr-conflict" role="alert">
        <p>{{ 'thr.conflict' | t }}</p>
        <button mat-flat-button type="button" (click)="reloadAfterConflict()">
          {{ 'th.reload' | t }}
        </button>
      </div>
    }
    <ng-content />
    @if (correcting()) {
      <mat-form-field appearance="outline" class="full-width">
        <mat-label>{{ 'thr.reason' | t }}</mat-label>
        <textarea
          matInput
          [id]="formId() + '-reason'"
          formControlName="reason"
          rows="2"
          required
        ></textarea>
        <mat-hint>{{ 'thr.reasonHint' | t }}</mat-hint>
        <mat-error>{{ reasonErrors() | recordFieldError }}</mat-error>
      </mat-form-field>
    }
    <div class="form-actions">
      <button mat-button type="button" (click)="cancelled.emit()">
        {{ 'common.cancel' | t }}
      </button>
      <button mat-flat-button type="submit" [attr.aria-busy]="run().pending() || null">
        {{ (correcting() ? 'thr.saveCorrection' : saveKey()) | t }}
      </button>
    </div>
  `,
})
export class RecordFormFrame {
  private readonly cdr = inject(ChangeDetectorRef);
  private readonly container = inject(FormGroupDirective);

  readonly formId = input.required<string>();
  readonly run = input.required<RecordFormRunner>();
  readonly titleKey = input.required<TranslationKey>();
  /** The submit button's text for a new record (a correction says "save correction"). */
  readonly saveKey = input.required<TranslationKey>();
  /** Correcting a record: the reason field is shown. */
  readonly correcting = input(false);
  readonly cancelled = output<void>();
  /** After a version conflict: the case is to be loaded again (what was typed stays). */
  readonly reload = output<void>();

  protected reasonErrors(): ValidationErrors | null {
    return this.container.form.controls['reason']?.errors ?? null;
  }

  /**
   * The runner marks the fields touched on submit (and the API's field errors arrive with a
   * signal change): this OnPush view shows the reason's error state like the form's own fields.
   */
  protected submitted(): void {
    this.cdr.markForCheck();
  }

  protected reloadAfterConflict(): void {
    this.run().clearConflict();
    this.reload.emit();
  }
}

/**
 * A record form's class (D4, correction D21): `record` set → correct it with a reason, else
 * record a new one. A subclass names its form's id prefix, record kind, controls (with
 * `reason`), the fields a correction compares and the request that adds a record.
 */
@Directive()
export abstract class RecordForm<
  R extends { id: string; version: number },
  F extends Record<string, string | string[]>,
> implements OnInit {
  protected readonly api = inject(TryggaHemRecordsApi);
  protected readonly fb = inject(NonNullableFormBuilder);

  readonly caseId = input.required<string>();
  /** The record to correct; none: a new one. */
  readonly record = input<R | null>(null);
  readonly saved = output<TryggaHemCaseDto>();
  readonly cancelled = output<void>();
  /** After a version conflict: the case is to be loaded again (what was typed stays). */
  readonly reload = output<void>();

  protected readonly run = recordFormRunner();
  protected readonly id = computed(() => {
    const r = this.record();
    return r ? `${this.prefix}-${r.id}` : `${this.prefix}-new`;
  });

  /** The form's id without the record: `thr-notification` → `thr-notification-new`. */
  protected abstract readonly prefix: string;
  protected abstract readonly kind: TryggaHemRecordKind;
  /** Its controls, `reason` among them. */
  protected abstract readonly form: FormGroup;
  /** What is announced when a new record was added (none: the section says it). */
  protected abstract readonly addedKey: TranslationKey | null;
  /** Fields a correction may empty: sent as null when emptied. */
  protected readonly nullable: readonly (keyof F & string)[] = [];

  /** The record's fields as the form holds them. */
  protected abstract valuesOf(record: R): F;
  /** The form's fields as entered (trimmed), to compare with `valuesOf`. */
  protected abstract fields(): F;
  /** The request that records a new one. */
  protected abstract add(fields: F): Observable<TryggaHemCaseDto>;
  /** Prefills a new record (e.g. the caller's organisation). */
  protected initNew(): void {
    // Nothing by default.
  }

  ngOnInit(): void {
    const r = this.record();
    if (r) {
      this.form.controls['reason'].addValidators(required);
      this.form.reset({ ...this.valuesOf(r), reason: '' });
    } else {
      this.initNew();
    }
    this.run.later(() => this.run.focus(`#${this.id()}-title`));
  }

  protected async submit(): Promise<void> {
    const record = this.record();
    const reason = this.form.controls['reason'].value as string;
    const fields = this.fields();
    const result = await this.run.submit(this.form, () => {
      if (!record) return this.add(fields);
      const changed: Partial<Record<string, string | string[] | null>> = changedFields(
        this.valuesOf(record),
        fields,
      );
      if (!Object.keys(changed).length) {
        this.run.fail('thr.nothingChanged');
        return null;
      }
      for (const key of this.nullable) if (key in changed) changed[key] = changed[key] || null;
      return this.api.correct(this.kind, record.id, {
        version: record.version,
        reason: reason.trim(),
        ...changed,
      });
    });
    if (!result) return;
    if (record) this.run.announce('thr.corrected');
    else if (this.addedKey) this.run.announce(this.addedKey);
    this.saved.emit(result);
  }
}
