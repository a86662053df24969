import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import type { OrganisationDto } from '@samsyn/common';
import { APP_PATHS } from '../../core/app-paths';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { OrganisationForm } from './organisation-form';
import { CREATED_STATE } from './organisation.page';

/** "Ny organisation": kind, name and codes; the new organisation's page opens after saving. */
@Component({
  selector: 'app-new-organisation-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, OrganisationForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="back">
      <a [routerLink]="list">{{ 'orgAdmin.back' | t }}</a>
    </p>
    <h1 tabindex="-1">{{ 'orgAdmin.create.title' | t }}</h1>
    <p class="hint">{{ 'orgAdmin.create.intro' | t }}</p>
    <section class="panel">
      <app-organisation-form (saved)="created($event)">
        <a mat-button [routerLink]="list">{{ 'common.cancel' | t }}</a>
      </app-organisation-form>
    </section>
  `,
})
export class NewOrganisationPage {
  private readonly router = inject(Router);

  protected readonly list = ['/', APP_PATHS.administration, APP_PATHS.organisations];

  /** The new organisation's page says that it was created (CREATED_STATE). */
  protected created(organisation: OrganisationDto): void {
    void this.router.navigate([...this.list, organisation.id], {
      state: { [CREATED_STATE]: true },
    });
  }
}
