import { DOCUMENT, Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { type AdminUserDto, type PasswordResetResultDto, UserAdminAction } from '@samsyn/common';
import { catchError, firstValueFrom, map, of, switchMap } from 'rxjs';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { SecondFactorApi } from '../../core/api/second-factor-api.service';
import { UserAdminApi } from '../../core/api/user-admin-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { fieldMessage } from '../../core/forms/field-errors';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import type { TranslationParams } from '../../core/i18n/translate';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { askToConfirm } from '../../core/ui/confirm-dialog';
import { PasswordCode } from './password-code';
import { UserForm } from './user-form';

/**
 * The history state key by which "Ny användare" hands this page the new user's one-time code:
 * shown once, then cleared from the history entry so that back or reload cannot show it again.
 */
export const CREATED_STATE = 'userCreated';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; user: AdminUserDto }
  | { kind: 'error'; key: TranslationKey };

interface Message {
  key: TranslationKey;
  params?: TranslationParams;
}

/**
 * One user (org_admin, system_admin): details, unit and roles; deactivate or reactivate (every
 * session ends), unlock, reset the password. Only the actions the API allows are offered.
 */
@Component({
  selector: 'app-user-page',
  imports: [
    RouterLink,
    MatButtonModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    UserForm,
    PasswordCode,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user.page.html',
  styleUrl: './user-admin.scss',
})
export class UserPage {
  private readonly api = inject(UserAdminApi);
  private readonly secondFactorApi = inject(SecondFactorApi);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);

  protected readonly list = ['/', APP_PATHS.administration, APP_PATHS.users];
  protected readonly state = signal<State>({ kind: 'loading' });
  protected readonly user = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.user : null;
  });
  protected readonly errorKey = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.key : null;
  });
  protected readonly can = computed(() => {
    const actions = this.user()?.allowedActions ?? [];
    return {
      edit: actions.includes(UserAdminAction.Edit),
      deactivate: actions.includes(UserAdminAction.Deactivate),
      reactivate: actions.includes(UserAdminAction.Reactivate),
      unlock: actions.includes(UserAdminAction.Unlock),
      resetPassword: actions.includes(UserAdminAction.ResetPassword),
      resetSecondFactor: actions.includes(UserAdminAction.ResetSecondFactor),
    };
  });
  protected readonly message = signal<Message | null>(null);
  protected readonly actionError = signal<TranslationKey | null>(null);
  protected readonly code = signal<PasswordResetResultDto | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    const location = inject(Location);
    const history = (location.getState() ?? {}) as Record<string, unknown>;
    const handed = history[CREATED_STATE] as PasswordResetResultDto | undefined;
    const created = !!handed && typeof handed === 'object';
    if (created) {
      this.code.set(handed);
      location.replaceState(location.path(true), '', { ...history, [CREATED_STATE]: null });
    }
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('id') ?? ''),
        switchMap((id) =>
          this.api.get(id).pipe(
            map((user): State => ({ kind: 'loaded', user })),
            catchError((error: unknown) =>
              of<State>({ kind: 'error', key: errorMessageKey(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind === 'loaded' && created) {
          this.say({ key: 'userAdmin.created', params: { name: state.user.displayName } });
        } else {
          this.afterRender(() => {
            if (this.document.activeElement?.id === 'main') this.focus('h1');
          });
        }
      });
  }

  protected async reload(): Promise<void> {
    const u = this.user();
    if (!u) return;
    try {
      this.state.set({ kind: 'loaded', user: await firstValueFrom(this.api.get(u.id)) });
      this.actionError.set(null);
    } catch (error: unknown) {
      this.actionError.set(errorMessageKey(error));
    }
  }

  protected changed(user: AdminUserDto): void {
    this.message.set(null);
    this.state.set({ kind: 'loaded', user });
  }

  /** Deactivates (every session ends) or reactivates, after asking. */
  protected async toggleActive(): Promise<void> {
    const u = this.user();
    if (!u || this.busy()) return;
    const deactivate = u.active;
    const confirmed = await askToConfirm(this.dialog, {
      title: deactivate ? 'userAdmin.deactivateTitle' : 'userAdmin.reactivateTitle',
      message: deactivate ? 'userAdmin.deactivateMessage' : 'userAdmin.reactivateMessage',
      params: { name: u.displayName },
      confirm: deactivate ? 'userAdmin.deactivate' : 'userAdmin.reactivate',
      destructive: deactivate,
    });
    if (!confirmed) return;
    await this.act(
      () => this.api.update(u.id, { version: u.version, active: !deactivate }),
      deactivate ? 'userAdmin.deactivated' : 'userAdmin.reactivated',
    );
  }

  protected async unlock(): Promise<void> {
    const u = this.user();
    if (!u || this.busy()) return;
    await this.act(() => this.api.unlock(u.id), 'userAdmin.unlocked');
  }

  /** A new one-time code, after asking: shown once on this page, or sent by e-mail. */
  protected async resetPassword(): Promise<void> {
    const u = this.user();
    if (!u || this.busy()) return;
    const confirmed = await askToConfirm(this.dialog, {
      title: 'userAdmin.resetTitle',
      message: 'userAdmin.resetMessage',
      params: { name: u.displayName },
      confirm: 'userAdmin.resetPassword',
    });
    if (!confirmed) return;
    this.busy.set(true);
    this.actionError.set(null);
    this.message.set(null);
    try {
      this.code.set(await firstValueFrom(this.api.resetPassword(u.id)));
      this.afterRender(() => this.focus('#password-code'));
    } catch (error: unknown) {
      this.showActionError(error);
    } finally {
      this.busy.set(false);
    }
  }

  /** Removes the user's authenticator (a lost phone), after asking; they enrol again at sign-in. */
  protected async resetSecondFactor(): Promise<void> {
    const u = this.user();
    if (!u || this.busy()) return;
    const confirmed = await askToConfirm(this.dialog, {
      title: 'userAdmin.resetSecondFactorTitle',
      message: 'userAdmin.resetSecondFactorMessage',
      params: { name: u.displayName },
      confirm: 'userAdmin.resetSecondFactor',
    });
    if (!confirmed) return;
    await this.act(
      () => this.secondFactorApi.adminReset(u.id).pipe(switchMap(() => this.api.get(u.id))),
      'userAdmin.secondFactorReset',
    );
  }

  private async act(
    request: () => ReturnType<UserAdminApi['get']>,
    done: TranslationKey,
  ): Promise<void> {
    this.busy.set(true);
    this.actionError.set(null);
    this.message.set(null);
    try {
      const updated = await firstValueFrom(request());
      this.state.set({ kind: 'loaded', user: updated });
      this.say({ key: done, params: { name: updated.displayName } });
    } catch (error: unknown) {
      this.showActionError(error);
    } finally {
      this.busy.set(false);
    }
  }

  private showActionError(error: unknown): void {
    const rule = problemOf(error)?.errors?.[0]?.code;
    this.actionError.set(rule ? fieldMessage({ server: rule })!.key : errorMessageKey(error));
    this.afterRender(() => this.focus('#user-action-error'));
  }

  private say(message: Message): void {
    this.message.set(message);
    this.afterRender(() => this.focus('#user-message'));
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
