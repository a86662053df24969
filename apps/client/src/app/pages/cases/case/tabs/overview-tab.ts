import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  AccessBasis,
  type CaseDto,
  ErrorCode,
  InformationCategory,
  type UpdateCaseDto,
  type UserSummaryDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { CasesApi } from '../../../../core/api/cases-api.service';
import { DirectoryApi } from '../../../../core/api/directory-api.service';
import { errorMessageKey, problemOf } from '../../../../core/api/problem';
import { FieldErrorPipe } from '../../../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../core/forms/server-errors';
import { required } from '../../../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../../core/reference/reference-data';
import { CaseStore } from '../case.store';
import { displayName } from '../participant-view';
import { MAX_PAGE_SIZE } from '../../../../core/api/paging';
import { allows, CaseAction } from '../case-actions';

/**
 * Översikt: the case's facts, the caller's access, status changes and an edit form that knows
 * about concurrent edits (VERSION_CONFLICT offers a reload rather than overwriting).
 */
@Component({
  selector: 'app-overview-tab',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './overview-tab.html',
})
export class OverviewTab {
  protected readonly allows = allows;
  protected readonly CaseAction = CaseAction;
  private readonly store = inject(CaseStore);
  private readonly api = inject(CasesApi);
  private readonly directory = inject(DirectoryApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly reference = inject(ReferenceData);

  protected readonly caseDto = computed(() => this.store.caseDto() as CaseDto);
  protected readonly showEmergencyAccesses = computed(() => {
    const c = this.caseDto();
    return c.access.basis === AccessBasis.Owner && c.emergencyAccesses.length > 0;
  });
  /** No description is null as well: it is withheld only when coordination is not shared. */
  protected readonly descriptionWithheld = computed(() => {
    const c = this.caseDto();
    return (
      c.description === null && !c.access.categories.includes(InformationCategory.Coordination)
    );
  });
  protected readonly handlers = signal<UserSummaryDto[]>([]);
  private readonly handlerOrganisation = computed(() => {
    const c = this.caseDto();
    return allows(c, CaseAction.AssignHandler) ? c.owningOrganisation.id : null;
  });
  protected readonly displayName = displayName;

  protected readonly statusForm = this.fb.group({
    status: ['', required],
    reason: ['', Validators.maxLength(500)],
  });
  protected readonly editForm = this.fb.group({
    description: ['', Validators.maxLength(2000)],
    followUpAt: [''],
    handlerId: [''],
  });
  protected readonly statusPending = signal(false);
  protected readonly editPending = signal(false);
  protected readonly statusError = signal<TranslationKey | null>(null);
  protected readonly editError = signal<TranslationKey | null>(null);
  /** Someone else saved since this form was filled: offer to reload instead of overwriting. */
  protected readonly conflict = signal(false);

  constructor() {
    // Refill the edit form whenever a newer version of the case arrives.
    effect(() => {
      const c = this.caseDto();
      untracked(() => {
        this.editForm.reset({
          description: c.description ?? '',
          followUpAt: c.followUpAt?.slice(0, 10) ?? '',
          handlerId: c.handler?.id ?? '',
        });
        this.statusForm.reset({ status: '', reason: '' });
      });
    });
    // Handlers are users of the owning organisation; fetched once, not after every save.
    effect(() => {
      const organisationId = this.handlerOrganisation();
      if (organisationId) untracked(() => void this.loadHandlers(organisationId));
    });
  }

  protected async changeStatus(): Promise<void> {
    if (this.statusPending()) return;
    this.statusError.set(null);
    if (this.statusForm.invalid) {
      this.statusForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section('#status-form')), {
        injector: this.injector,
      });
      return;
    }
    const c = this.caseDto();
    const { status, reason } = this.statusForm.getRawValue();
    this.statusPending.set(true);
    try {
      const updated = await firstValueFrom(
        this.api.changeStatus(c.id, {
          version: c.version,
          status,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
        }),
      );
      this.store.set(updated);
      void this.announcer.announce(
        this.i18n.t('overview.statusChanged', { status: this.statusName(updated.status) }),
        'polite',
      );
    } catch (error: unknown) {
      this.handleWriteError(error, this.statusError);
      applyServerErrors(this.statusForm, error);
    } finally {
      this.statusPending.set(false);
    }
  }

  protected async save(): Promise<void> {
    if (this.editPending()) return;
    this.editError.set(null);
    if (this.editForm.invalid) {
      this.editForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section('#edit-form')), {
        injector: this.injector,
      });
      return;
    }
    const c = this.caseDto();
    const value = this.editForm.getRawValue();
    const dto: UpdateCaseDto = { version: c.version };
    if (value.description !== (c.description ?? '')) dto.description = value.description;
    if (value.followUpAt && value.followUpAt !== c.followUpAt?.slice(0, 10)) {
      dto.followUpAt = value.followUpAt;
    }
    if (value.handlerId && value.handlerId !== c.handler?.id) dto.handlerId = value.handlerId;
    this.editPending.set(true);
    try {
      const updated = await firstValueFrom(this.api.update(c.id, dto));
      this.store.set(updated);
      void this.announcer.announce(this.i18n.t('overview.saved'), 'polite');
    } catch (error: unknown) {
      this.handleWriteError(error, this.editError);
      applyServerErrors(this.editForm, error);
    } finally {
      this.editPending.set(false);
    }
  }

  /** After a conflict: fetch the current version; the forms refill from it. */
  protected async reloadAfterConflict(): Promise<void> {
    this.conflict.set(false);
    this.editError.set(null);
    this.statusError.set(null);
    await this.store.reload();
    void this.announcer.announce(this.i18n.t('overview.reloaded'), 'polite');
  }

  private handleWriteError(error: unknown, target: typeof this.editError): void {
    if (problemOf(error)?.code === ErrorCode.VersionConflict) {
      this.conflict.set(true);
      afterNextRender(() => this.section('#conflict-reload')?.focus(), { injector: this.injector });
      return;
    }
    target.set(errorMessageKey(error));
  }

  private async loadHandlers(organisationId: string): Promise<void> {
    try {
      const page = await firstValueFrom(
        this.directory.users({ organisationId, pageSize: MAX_PAGE_SIZE }),
      );
      this.handlers.set(page.items);
    } catch {
      // Without the directory the handler simply cannot be changed here.
      this.handlers.set([]);
    }
  }

  private statusName(status: string): string {
    return this.i18n.label('status', status);
  }

  private section(selector: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(selector);
  }
}
