import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { ErrorCode, TOTP_CODE_PATTERN } from '@samsyn/common';
import { AuthApi } from '../../core/api/auth-api.service';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { AuthService } from '../../core/auth/auth.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { SignInProviders } from './sign-in-providers';

// Wrapped so the static method is not passed around unbound (typescript-eslint unbound-method).
const required: ValidatorFn = (control) => Validators.required(control);

/**
 * Field errors show once a field has been left or the form submitted with it empty (submit marks
 * every field touched) — not for the password that is cleared after a rejected sign-in.
 */
class TouchedErrorStateMatcher implements ErrorStateMatcher {
  isErrorState(control: AbstractControl | null): boolean {
    return !!control && control.invalid && control.touched;
  }
}

/**
 * Username and password sign-in, then — for an account with an authenticator app — its code or
 * a recovery code (issue 16). API errors are shown by their translated problem code.
 */
@Component({
  selector: 'app-sign-in-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    SignInProviders,
  ],
  providers: [{ provide: ErrorStateMatcher, useClass: TouchedErrorStateMatcher }],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in.page.html',
  styleUrl: './sign-in.page.scss',
})
export class SignInPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  // Optional: the password form is not rendered during the second step.
  private readonly usernameInput = viewChild<ElementRef<HTMLInputElement>>('usernameInput');
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly injector = inject(Injector);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', required],
    password: ['', required],
  });
  /**
   * A new installation has no user to sign in as: the page then says how to create the first
   * administrator. A failed check shows nothing extra; the form works as always.
   */
  protected readonly needsFirstAdmin = signal(false);
  /** The command as a person types it, not translated. */
  protected readonly firstRunCommand =
    'npm run admin:create -- --org-kind municipality --org-name "…" --username … --display-name "…"';
  /** The second step: the password was right, the authenticator app's code must follow. */
  protected readonly step = signal<'password' | 'secondFactor'>('password');
  /** The second step takes a recovery code instead of the app's code. */
  protected readonly useRecoveryCode = signal(false);
  protected readonly codeForm = inject(NonNullableFormBuilder).group({ code: ['', required] });
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);
  protected readonly noticeKey = computed<TranslationKey | null>(() => {
    switch (this.auth.signedOutReason()) {
      case 'signedOut':
        return 'signIn.signedOut';
      case 'sessionExpired':
        return 'signIn.sessionExpired';
      case 'unavailable':
        return 'error.SERVICE_UNAVAILABLE';
      default:
        return null;
    }
  });

  constructor() {
    firstValueFrom(inject(AuthApi).setup()).then(
      (status) => this.needsFirstAdmin.set(status.needsFirstAdmin),
      () => undefined,
    );
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      const first = this.form.controls.username.invalid
        ? this.usernameInput()
        : this.passwordInput();
      first?.nativeElement.focus();
      return;
    }
    this.pending.set(true);
    this.errorKey.set(null);
    try {
      if ((await this.auth.signIn(this.form.getRawValue())) === 'secondFactor') {
        this.toSecondFactor();
        return;
      }
      // The start page depends on the user's permissions (see homeGuard).
      await this.router.navigate(['/']);
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
      this.form.controls.password.reset();
      this.passwordInput()?.nativeElement.focus();
    } finally {
      this.pending.set(false);
    }
  }

  /** Sends the app's code (six digits, spaces ignored) or a recovery code. */
  protected async submitCode(): Promise<void> {
    if (this.pending()) return;
    const control = this.codeForm.controls.code;
    const typed = control.value.trim();
    const code = typed.replace(/\s/g, '');
    if (!typed || (!this.useRecoveryCode() && !TOTP_CODE_PATTERN.test(code))) {
      control.setErrors(typed ? { format: true } : { required: true });
      control.markAsTouched();
      this.focusCode();
      return;
    }
    this.pending.set(true);
    this.errorKey.set(null);
    try {
      await this.auth.completeSecondFactor(
        this.useRecoveryCode() ? { recoveryCode: typed } : { code },
      );
      await this.router.navigate(['/']);
    } catch (error: unknown) {
      const problem = problemOf(error);
      if (problem?.code === ErrorCode.SignInExpired) {
        // The pending sign-in ran out (five minutes) or was used: start again with the password.
        this.backToPassword('signIn.secondFactorExpired');
        return;
      }
      this.errorKey.set(
        problem?.code === ErrorCode.InvalidCredentials
          ? this.useRecoveryCode()
            ? 'signIn.wrongRecoveryCode'
            : 'signIn.wrongCode'
          : errorMessageKey(error),
      );
      control.reset();
      this.focusCode();
    } finally {
      this.pending.set(false);
    }
  }

  /** Between the app's code and a recovery code. */
  protected toggleRecoveryCode(): void {
    this.useRecoveryCode.update((v) => !v);
    this.codeForm.reset();
    this.errorKey.set(null);
    this.focusCode();
  }

  /** Back to username and password (another account, or the step ran out). */
  protected backToPassword(error: TranslationKey | null = null): void {
    this.step.set('password');
    this.useRecoveryCode.set(false);
    this.codeForm.reset();
    this.form.controls.password.reset();
    this.errorKey.set(error);
    afterNextRender(() => this.passwordInput()?.nativeElement.focus(), {
      injector: this.injector,
    });
  }

  private toSecondFactor(): void {
    this.step.set('secondFactor');
    this.codeForm.reset();
    this.focusCode();
  }

  private focusCode(): void {
    afterNextRender(() => this.codeInput()?.nativeElement.focus(), { injector: this.injector });
  }
}
