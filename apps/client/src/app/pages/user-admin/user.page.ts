import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import { type AdminUserDto, type PasswordResetResultDto, UserAdminAction } from '@samsyn/common';
import { firstValueFrom, switchMap } from 'rxjs';
import { SecondFactorApi } from '../../core/api/second-factor-api.service';
import { UserAdminApi } from '../../core/api/user-admin-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { askToConfirm } from '../../core/ui/confirm-dialog';
import { RecordPage } from '../../core/ui/record-page';
import { PasswordCode } from './password-code';
import { UserForm } from './user-form';

/**
 * The history state key by which "Ny användare" hands this page the new user's one-time code:
 * shown once, then cleared from the history entry so that back or reload cannot show it again.
 */
export const CREATED_STATE = 'userCreated';

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
export class UserPage extends RecordPage<AdminUserDto> {
  private readonly api = inject(UserAdminApi);
  private readonly secondFactorApi = inject(SecondFactorApi);
  private readonly dialog = inject(MatDialog);

  protected readonly idPrefix = 'user';
  protected readonly list = ['/', APP_PATHS.administration, APP_PATHS.users];
  protected readonly user = this.record;
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
  protected readonly code = signal<PasswordResetResultDto | null>(null);

  constructor() {
    super();
    const handed = this.loadFromRoute<PasswordResetResultDto>(
      CREATED_STATE,
      (_, u) => ({ key: 'userAdmin.created', params: { name: u.displayName } }),
      null,
    );
    if (handed && typeof handed === 'object') this.code.set(handed);
  }

  protected fetch(id: string) {
    return this.api.get(id);
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
      this.done(deactivate ? 'userAdmin.deactivated' : 'userAdmin.reactivated'),
    );
  }

  protected async unlock(): Promise<void> {
    const u = this.user();
    if (!u || this.busy()) return;
    await this.act(() => this.api.unlock(u.id), this.done('userAdmin.unlocked'));
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
    await this.run(async () => {
      this.code.set(await firstValueFrom(this.api.resetPassword(u.id)));
      this.afterRender(() => this.focus('#password-code'));
    });
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
      this.done('userAdmin.secondFactorReset'),
    );
  }

  private done(key: TranslationKey) {
    return (updated: AdminUserDto) => ({ key, params: { name: updated.displayName } });
  }
}
