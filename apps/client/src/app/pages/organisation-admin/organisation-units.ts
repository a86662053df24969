import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ErrorCode, type OrganisationDto, type UnitDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { OrganisationAdminApi } from '../../core/api/organisation-admin-api.service';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import type { TranslationParams } from '../../core/i18n/translate';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { askToConfirm } from '../../core/ui/confirm-dialog';
import { UnitForm } from './unit-form';

interface Message {
  key: TranslationKey;
  params?: TranslationParams;
}

/** An organisation's units with their kind and status: deactivate, reactivate, add one. */
@Component({
  selector: 'app-organisation-units',
  imports: [MatButtonModule, TranslatePipe, LabelPipe, UnitForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisation-units.html',
  styleUrl: './organisation-admin.scss',
})
export class OrganisationUnits {
  private readonly api = inject(OrganisationAdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly organisation = input.required<OrganisationDto>();
  /** The organisation as the API answered after a change to its units. */
  readonly changed = output<OrganisationDto>();
  /** After a 409: the page fetches the organisation again. */
  readonly reloadRequested = output<void>();

  protected readonly message = signal<Message | null>(null);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly stale = signal(false);
  protected readonly busy = signal(false);

  /** Deactivates (after asking) or reactivates a unit. */
  protected async toggle(unit: UnitDto): Promise<void> {
    if (this.busy()) return;
    const deactivate = unit.active;
    if (
      deactivate &&
      !(await askToConfirm(this.dialog, {
        title: 'orgAdmin.unitDeactivateTitle',
        message: 'orgAdmin.unitDeactivateMessage',
        params: { name: unit.name },
        confirm: 'orgAdmin.unitDeactivate',
        destructive: true,
      }))
    )
      return;
    this.busy.set(true);
    this.clear();
    try {
      const updated = await firstValueFrom(
        this.api.updateUnit(this.organisation().id, unit.id, {
          version: unit.version,
          active: !deactivate,
        }),
      );
      this.changed.emit(updated);
      this.say({
        key: deactivate ? 'orgAdmin.unitDeactivated' : 'orgAdmin.unitReactivated',
        params: { name: unit.name },
      });
    } catch (error: unknown) {
      this.error.set(errorMessageKey(error));
      this.stale.set(
        error instanceof HttpErrorResponse && problemOf(error)?.code === ErrorCode.VersionConflict,
      );
      this.afterRender(() => this.focus('#units-error'));
    } finally {
      this.busy.set(false);
    }
  }

  protected added(organisation: OrganisationDto, name: string): void {
    this.clear();
    this.changed.emit(organisation);
    this.say({ key: 'orgAdmin.unitAdded', params: { name } });
  }

  protected reload(): void {
    this.clear();
    this.reloadRequested.emit();
  }

  private clear(): void {
    this.message.set(null);
    this.error.set(null);
    this.stale.set(false);
  }

  private say(message: Message): void {
    this.message.set(message);
    this.afterRender(() => this.focus('#units-message'));
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
