import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { RouterLink } from '@angular/router';
import type { OrganisationDto } from '@samsyn/common';
import { OrganisationAdminApi } from '../../core/api/organisation-admin-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { askToConfirm } from '../../core/ui/confirm-dialog';
import { RecordPage } from '../../core/ui/record-page';
import { OrganisationForm } from './organisation-form';
import { OrganisationUnits } from './organisation-units';

/** The history state key by which "Ny organisation" tells this page that it has just created it. */
export const CREATED_STATE = 'organisationCreated';

/**
 * One organisation (system_admin): its details and codes, deactivating or reactivating it (its
 * users are signed out), and its units.
 */
@Component({
  selector: 'app-organisation-page',
  imports: [
    RouterLink,
    MatButtonModule,
    TranslatePipe,
    LabelPipe,
    OrganisationForm,
    OrganisationUnits,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisation.page.html',
  styleUrl: './organisation-admin.scss',
})
export class OrganisationPage extends RecordPage<OrganisationDto> {
  private readonly api = inject(OrganisationAdminApi);
  private readonly dialog = inject(MatDialog);

  protected readonly idPrefix = 'org';
  protected readonly list = ['/', APP_PATHS.administration, APP_PATHS.organisations];
  protected readonly organisation = this.record;

  constructor() {
    super();
    this.loadFromRoute<boolean>(
      CREATED_STATE,
      (_, o) => ({ key: 'orgAdmin.created', params: { name: o.name } }),
      false,
    );
  }

  protected fetch(id: string) {
    return this.api.get(id);
  }

  /** Deactivates or reactivates the organisation after asking; its users are signed out. */
  protected async toggleActive(): Promise<void> {
    const o = this.organisation();
    if (!o || this.busy()) return;
    const deactivate = o.active;
    const confirmed = await askToConfirm(this.dialog, {
      title: deactivate ? 'orgAdmin.deactivateTitle' : 'orgAdmin.reactivateTitle',
      message: deactivate ? 'orgAdmin.deactivateMessage' : 'orgAdmin.reactivateMessage',
      params: { name: o.name },
      confirm: deactivate ? 'orgAdmin.deactivate' : 'orgAdmin.reactivate',
      destructive: deactivate,
    });
    if (!confirmed) return;
    await this.act(
      () => this.api.update(o.id, { version: o.version, active: !deactivate }),
      (updated) => ({
        key: deactivate ? 'orgAdmin.deactivated' : 'orgAdmin.reactivated',
        params: { name: updated.name },
      }),
    );
  }
}
