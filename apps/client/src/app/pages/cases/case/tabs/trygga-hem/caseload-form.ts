import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Directive, ElementRef, Injector, afterNextRender, inject, signal } from '@angular/core';
import { type FormGroup, NonNullableFormBuilder } from '@angular/forms';
import { errorMessageKey } from '../../../../../core/api/problem';
import { TryggaHemApi } from '../../../../../core/api/trygga-hem-api.service';
import { focusFirstInvalid } from '../../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../../core/forms/server-errors';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../../core/i18n/sv';

/**
 * What the forms that put a case in a caseload and take it off (issue 15) share: one request at
 * a time, an invalid form marked with focus on its first invalid field, and the API's refusal
 * said above the form and on its fields.
 */
@Directive()
export abstract class CaseloadForm {
  protected readonly api = inject(TryggaHemApi);
  protected readonly fb = inject(NonNullableFormBuilder);
  protected readonly announcer = inject(LiveAnnouncer);
  protected readonly i18n = inject(I18nService);
  protected readonly injector = inject(Injector);
  protected readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);

  /**
   * Sends `form` with `request` when it is valid and `done` with the answer; `handled` takes an
   * error the form shows in its own way (true), the rest is shown as the API's refusal.
   */
  protected async send<T>(
    form: FormGroup,
    request: () => Promise<T>,
    done: (answer: T) => void,
    handled: (error: unknown) => boolean = () => false,
  ): Promise<void> {
    this.error.set(null);
    if (form.invalid) {
      form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    this.pending.set(true);
    try {
      done(await request());
    } catch (error: unknown) {
      if (!handled(error)) {
        this.error.set(errorMessageKey(error));
        applyServerErrors(form, error);
      }
    } finally {
      this.pending.set(false);
    }
  }
}
