import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TOTP_CODE_PATTERN } from '@samsyn/common';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/**
 * One field for a code from the authenticator app and a button: confirms an enrolment, renews
 * the recovery codes or turns the app off. `action` gets the six digits; a wrong code (the API's
 * `wrongCode` on the field) shows at the field, anything else above the button.
 */
@Component({
  selector: 'app-totp-code-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="code-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>{{ 'secondFactor.code' | t }}</mat-label>
        <input
          #codeInput
          matInput
          [id]="inputId()"
          formControlName="code"
          autocomplete="one-time-code"
          inputmode="numeric"
          maxlength="7"
          required
        />
        <mat-hint>{{ 'secondFactor.codeHint' | t }}</mat-hint>
        @if (fieldError(); as key) {
          <mat-error>{{ key | t }}</mat-error>
        }
      </mat-form-field>
      @if (errorKey(); as error) {
        <p class="form-error" role="alert">{{ error | t }}</p>
      }
      <button
        mat-flat-button
        type="submit"
        [class.danger]="danger()"
        [attr.aria-busy]="pending() || null"
      >
        {{ submitLabel() | t }}
      </button>
    </form>
  `,
  styles: `
    .code-form {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.75rem;
      max-width: 20rem;
    }
    mat-form-field {
      width: 100%;
    }
    .form-error {
      margin: 0;
      color: var(--mat-sys-error);
    }
    .danger {
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
    }
  `,
})
export class TotpCodeForm {
  private readonly injector = inject(Injector);
  private readonly codeInput = viewChild.required<ElementRef<HTMLInputElement>>('codeInput');

  /** The input's id (unique on the page). */
  readonly inputId = input.required<string>();
  readonly submitLabel = input.required<TranslationKey>();
  readonly action = input.required<(code: string) => Promise<void>>();
  /** Styled as a destructive action (turning the app off). */
  readonly danger = input(false);

  protected readonly form = inject(NonNullableFormBuilder).group({ code: [''] });
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);
  protected readonly fieldError = signal<TranslationKey | null>(null);

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.errorKey.set(null);
    const code = this.form.controls.code.value.replace(/\s/g, '');
    if (!code || !TOTP_CODE_PATTERN.test(code)) {
      this.invalid(code ? 'secondFactor.codeFormat' : 'secondFactor.codeRequired');
      return;
    }
    this.fieldError.set(null);
    this.pending.set(true);
    try {
      await this.action()(code);
      this.form.reset();
    } catch (error: unknown) {
      const wrong = problemOf(error)?.errors?.some((e) => e.field === 'code');
      if (wrong) this.invalid('secondFactor.wrongCode');
      else this.errorKey.set(errorMessageKey(error));
    } finally {
      this.pending.set(false);
    }
  }

  /** Focuses the field (when the form appears). */
  focus(): void {
    afterNextRender(() => this.codeInput().nativeElement.focus(), { injector: this.injector });
  }

  private invalid(key: TranslationKey): void {
    const control = this.form.controls.code;
    this.fieldError.set(key);
    control.setErrors({ code: true });
    control.markAsTouched();
    this.focus();
  }
}
