import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { type CreatedUserDto, Permission } from '@samsyn/common';
import { catchError, map, of } from 'rxjs';
import { DirectoryApi } from '../../core/api/directory-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { UserForm } from './user-form';
import { CREATED_STATE } from './user.page';

/**
 * "Ny användare": an org_admin's in their own organisation, a system administrator's in the one
 * they choose. The new user's page opens after saving, with the one-time code shown once there.
 */
@Component({
  selector: 'app-new-user-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    TranslatePipe,
    UserForm,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back">
      <a [routerLink]="list">{{ 'userAdmin.back' | t }}</a>
    </p>
    <h1 tabindex="-1">{{ 'userAdmin.create.title' | t }}</h1>
    <p class="hint">{{ 'userAdmin.create.intro' | t }}</p>
    <section class="panel">
      @if (everywhere()) {
        <mat-form-field appearance="outline">
          <mat-label>{{ 'userAdmin.organisation' | t }}</mat-label>
          <mat-select
            id="user-organisation"
            [value]="chosen()"
            (selectionChange)="chosen.set($event.value)"
          >
            @for (o of organisations(); track o.id) {
              <mat-option [value]="o.id">{{ o.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      }
      @if (organisationId(); as id) {
        <app-user-form [organisationId]="id" (created)="created($event)">
          <a mat-button [routerLink]="list">{{ 'common.cancel' | t }}</a>
        </app-user-form>
      } @else {
        <p class="hint">{{ 'userAdmin.create.chooseOrganisation' | t }}</p>
      }
    </section>
  `,
  styleUrl: './user-admin.scss',
})
export class NewUserPage {
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  protected readonly list = ['/', APP_PATHS.administration, APP_PATHS.users];
  protected readonly everywhere = computed(() => this.auth.can(Permission.OrganisationManage));
  protected readonly organisations = toSignal(
    inject(DirectoryApi)
      .organisations({ pageSize: 100 })
      .pipe(
        map((page) => page.items.map((o) => ({ id: o.id, name: o.name }))),
        catchError(() => of([])),
      ),
    { initialValue: [] as { id: string; name: string }[] },
  );
  protected readonly chosen = signal<string | null>(null);
  /** An org_admin's own organisation; a system administrator's choice. */
  protected readonly organisationId = computed(() =>
    this.everywhere() ? this.chosen() : (this.auth.me()?.organisation.id ?? null),
  );

  /** The new user's page shows the code once (CREATED_STATE carries it in history state only). */
  protected created(result: CreatedUserDto): void {
    void this.router.navigate([...this.list, result.user.id], {
      state: { [CREATED_STATE]: result.passwordReset },
    });
  }
}
