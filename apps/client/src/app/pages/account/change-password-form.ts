import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PASSWORD_MIN_LENGTH } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/api/account-api.service';
import { errorMessageKey } from '../../core/api/problem';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { SERVER_ERROR } from '../../core/forms/field-errors';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/**
 * Current password, new password and the new one again. The policy is explained before the
 * fields; the API's checks (wrong current password, common password, username) land on the
 * fields; success is said in a focused notice, and the form is emptied.
 */
@Component({
  selector: 'app-change-password-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './change-password-form.html',
  styles: `
    // Fields one above the other, wide enough for a passphrase.
    .password-fields {
      display: grid;
      gap: 1rem;
      max-width: 28rem;
      margin-bottom: 1rem;
    }
  `,
})
export class ChangePasswordForm {
  private readonly api = inject(AccountApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** After a change: the other sessions have ended, so the page reloads its list. */
  readonly changed = output<void>();

  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly pending = signal(false);
  protected readonly submitError = signal<TranslationKey | null>(null);
  protected readonly done = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', required],
    newPassword: ['', [required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    repeatPassword: ['', required],
  });

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.submitError.set(null);
    this.done.set(false);
    const { currentPassword, newPassword, repeatPassword } = this.form.getRawValue();
    const repeat = this.form.controls.repeatPassword;
    if (repeatPassword && repeatPassword !== newPassword) {
      repeat.setErrors({ ...(repeat.errors ?? {}), [SERVER_ERROR]: 'passwordMismatch' });
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    this.pending.set(true);
    try {
      await firstValueFrom(this.api.changePassword({ currentPassword, newPassword }));
      this.form.reset();
      this.done.set(true);
      this.changed.emit();
      this.afterRender(() => this.focus('#password-changed'));
    } catch (error: unknown) {
      const invalid = applyServerErrors(this.form, error);
      if (!invalid.length) this.submitError.set(errorMessageKey(error));
      this.afterRender(() => {
        if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
          this.focus('#password-error');
      });
    } finally {
      this.pending.set(false);
    }
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
