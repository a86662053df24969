import { HttpErrorResponse } from '@angular/common/http';
import {
  Directive,
  ElementRef,
  Injector,
  type Signal,
  afterNextRender,
  computed,
  effect,
  inject,
  output,
  signal,
  untracked,
} from '@angular/core';
import type { AbstractControl, FormGroup } from '@angular/forms';
import { ErrorCode, type ProblemDetails } from '@samsyn/common';
import { errorMessageKey, problemOf } from '../api/problem';
import type { TranslationKey } from '../i18n/sv';
import { SERVER_ERROR } from './field-errors';
import { focusFirstInvalid } from './focus-invalid';
import { applyServerErrors } from './server-errors';

/** A record the API versions: a change carries the version it was read at. */
export interface VersionedRecord {
  id: string;
  version: number;
}

/**
 * What an administration form for a versioned record does the same way, whatever the record:
 * it is refilled when another version arrives (saved or reloaded), refuses to send while
 * invalid and focuses the first invalid field, puts the API's field errors on the fields, names
 * a taken name at its field, and after a concurrent change (409) offers a reload. The ids of its
 * messages are `<prefix>-conflict`, `<prefix>-submit-error` and `<prefix>-notice`.
 */
@Directive()
export abstract class VersionedForm<T extends VersionedRecord> {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** After a 409: the page fetches the record again, and the form is refilled from it. */
  readonly reloadRequested = output<void>();

  protected readonly pending = signal(false);
  protected readonly conflict = signal(false);
  protected readonly submitError = signal<TranslationKey | null>(null);
  /** "Saved" or "reloaded", focused when it appears. */
  protected readonly notice = signal<TranslationKey | null>(null);
  /** Set while the page fetches the record again after a 409. */
  private reloading = false;

  /** The record edited; null for a new one. */
  protected abstract readonly record: Signal<T | null>;
  protected abstract readonly form: FormGroup;
  /** The prefix of the message ids in the template. */
  protected abstract readonly idPrefix: string;
  /** Said after a reload. */
  protected abstract readonly reloadedNotice: TranslationKey;

  /** Fills the form from the record. */
  protected abstract fill(record: T): void;
  /** Sends the (valid) form: creates or updates. Errors are shown by the base. */
  protected abstract submit(existing: T | null): Promise<void>;
  /** The control a 409 "taken" conflict is about, and the message key it gets there. */
  protected abstract takenControl(problem: ProblemDetails): {
    control: AbstractControl;
    message: string;
  };

  /** The record and version the form was last filled from. */
  private readonly source = computed(() => {
    const r = this.record();
    return r ? `${r.id}:${r.version}` : null;
  });

  constructor() {
    // Refilled when another version arrives (saved, reloaded), not when only other parts change.
    effect(() => {
      if (this.source() === null) return;
      untracked(() => {
        const r = this.record();
        if (r) this.fill(r);
        if (this.reloading) {
          this.reloading = false;
          this.say(this.reloadedNotice);
        }
      });
    });
  }

  protected reload(): void {
    this.conflict.set(false);
    this.reloading = true;
    this.reloadRequested.emit();
  }

  protected async save(): Promise<void> {
    if (this.pending()) return;
    this.submitError.set(null);
    this.conflict.set(false);
    this.notice.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    this.pending.set(true);
    try {
      await this.submit(this.record());
    } catch (error: unknown) {
      this.showError(error);
    } finally {
      this.pending.set(false);
    }
  }

  protected say(notice: TranslationKey): void {
    this.notice.set(notice);
    this.afterRender(() => this.focus(`#${this.idPrefix}-notice`));
  }

  private showError(error: unknown): void {
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    const problem = problemOf(error);
    if (status === 409 && problem?.code === ErrorCode.VersionConflict) {
      this.conflict.set(true);
      this.afterRender(() => this.focus(`#${this.idPrefix}-conflict`));
      return;
    }
    if (status === 409 && problem?.code === ErrorCode.Conflict) {
      const { control, message } = this.takenControl(problem);
      control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: message });
      control.markAsTouched();
      this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    const invalid = applyServerErrors(this.form, error);
    if (!invalid.length) this.submitError.set(errorMessageKey(error));
    this.afterRender(() => {
      if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
        this.focus(`#${this.idPrefix}-submit-error`);
    });
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
