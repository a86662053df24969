import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ElementRef,
  Injector,
  Pipe,
  type PipeTransform,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import type { FormGroup, ValidationErrors } from '@angular/forms';
import { ErrorCode, type TryggaHemCaseDto } from '@samsyn/common';
import { type Observable, firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../../../../core/api/problem';
import { AuthService } from '../../../../../core/auth/auth.service';
import { focusFirstInvalid } from '../../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../../core/forms/server-errors';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import type { TranslationParams } from '../../../../../core/i18n/translate';
import { ReferenceData } from '../../../../../core/reference/reference-data';
import { recordFieldMessage } from './records';

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
