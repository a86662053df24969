import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@samsyn/common';
import { catchError, map, of, switchMap } from 'rxjs';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { SetPasswordApi } from '../../core/api/user-admin-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

type State =
  | { kind: 'checking' }
  | { kind: 'invalid' }
  | { kind: 'ready' }
  | { kind: 'done'; username: string };

/** The repeated password must be the same (checked on the group, shown at the repeat field). */
function samePasswords(group: AbstractControl): ValidationErrors | null {
  const a = group.get('newPassword')?.value as string | undefined;
  const repeat = group.get('repeat');
  const b = repeat?.value as string | undefined;
  if (repeat && b && a !== b) {
    repeat.setErrors({ ...(repeat.errors ?? {}), mismatch: true });
    return { mismatch: true };
  }
  if (repeat?.hasError('mismatch')) {
    const { mismatch: _m, ...rest } = repeat.errors ?? {};
    repeat.setErrors(Object.keys(rest).length ? rest : null);
  }
  return null;
}

/**
 * `/losenord/<code>` (public): a new user or one whose password was reset chooses a password
 * with the one-time code (12+ characters, not a common one — the API's policy, its field errors
 * shown here), then goes on to sign in.
 */
@Component({
  selector: 'app-set-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './set-password.page.html',
  styleUrl: '../sign-in/sign-in.page.scss',
})
export class SetPasswordPage {
  private readonly api = inject(SetPasswordApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly signIn = ['/', APP_PATHS.signIn];
  protected readonly state = signal<State>({ kind: 'checking' });
  protected readonly pending = signal(false);
  protected readonly submitError = signal<TranslationKey | null>(null);
  private code = '';

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      newPassword: [
        '',
        [required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(200)],
      ],
      repeat: ['', required],
    },
    { validators: samePasswords },
  );

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('code') ?? ''),
        switchMap((code) => {
          this.code = code;
          return this.api.status(code).pipe(
            map((s): State => (s.valid ? { kind: 'ready' } : { kind: 'invalid' })),
            catchError(() => of<State>({ kind: 'invalid' })),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        this.afterRender(() => this.focus('h1'));
      });
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.submitError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => focusFirstInvalid(this.host.nativeElement));
      return;
    }
    this.pending.set(true);
    try {
      const done = await firstValueFrom(
        this.api.set({ token: this.code, newPassword: this.form.controls.newPassword.value }),
      );
      this.form.reset();
      this.state.set({ kind: 'done', username: done.username });
      this.afterRender(() => this.focus('#set-password-done'));
    } catch (error: unknown) {
      const codeRefused = problemOf(error)?.errors?.some((e) => e.field === 'token');
      if (codeRefused) {
        this.state.set({ kind: 'invalid' });
        this.afterRender(() => this.focus('#set-password-invalid'));
        return;
      }
      const invalid = applyServerErrors(this.form, error);
      if (!invalid.length) this.submitError.set(errorMessageKey(error));
      this.afterRender(() => {
        if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
          this.focus('#set-password-error');
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
