import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
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
import { AuthApi } from '../../core/api/auth-api.service';
import { errorMessageKey } from '../../core/api/problem';
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

/** Username and password sign-in; API errors are shown by their translated problem code. */
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

  private readonly usernameInput =
    viewChild.required<ElementRef<HTMLInputElement>>('usernameInput');
  private readonly passwordInput =
    viewChild.required<ElementRef<HTMLInputElement>>('passwordInput');

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
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);
  protected readonly noticeKey = computed<TranslationKey | null>(() => {
    switch (this.auth.signedOutReason()) {
      case 'signedOut':
        return 'signIn.signedOut';
      case 'sessionExpired':
        return 'signIn.sessionExpired';
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
      first.nativeElement.focus();
      return;
    }
    this.pending.set(true);
    this.errorKey.set(null);
    try {
      await this.auth.signIn(this.form.getRawValue());
      // The start page depends on the user's permissions (see homeGuard).
      await this.router.navigate(['/']);
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
      this.form.controls.password.reset();
      this.passwordInput().nativeElement.focus();
    } finally {
      this.pending.set(false);
    }
  }
}
