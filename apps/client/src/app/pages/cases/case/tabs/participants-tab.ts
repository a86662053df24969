import { LiveAnnouncer } from '@angular/cdk/a11y';
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
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { CaseDto, ParticipantDto, ParticipantRole, PersonDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { CasesApi } from '../../../../core/api/cases-api.service';
import { errorMessageKey } from '../../../../core/api/problem';
import { FieldErrorPipe } from '../../../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../core/forms/server-errors';
import { required } from '../../../../core/forms/validators';
import { LabelPipe, LanguageNamePipe, WhenPipe } from '../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../../core/reference/reference-data';
import { PersonFields } from '../../shared/person-fields';
import {
  createPersonEditForm,
  createPersonForm,
  type PersonForm,
  toPersonInput,
  toPersonUpdate,
} from '../../shared/person-form';
import { CaseStore } from '../case.store';
import { displayName, shownPersonalNumber, withheldReason } from '../participant-view';
import { allows, CaseAction } from '../case-actions';

/**
 * Deltagare: every participant with what the caller may see. Withheld fields say "Undanhållen"
 * and why; protected identities are marked and their details never printed (D18). The owner
 * edits a participant's details here (only what they can see; a stale edit answers 409).
 */
@Component({
  selector: 'app-participants-tab',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    PersonFields,
    TranslatePipe,
    LabelPipe,
    LanguageNamePipe,
    WhenPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './participants-tab.html',
})
export class ParticipantsTab {
  protected readonly allows = allows;
  protected readonly CaseAction = CaseAction;
  private readonly store = inject(CaseStore);
  private readonly api = inject(CasesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly reference = inject(ReferenceData);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly caseDto = computed(() => this.store.caseDto() as CaseDto);
  protected readonly roles = computed<ParticipantRole[]>(
    () => this.reference.programme(this.caseDto().programme)?.participantRoles ?? [],
  );
  protected readonly displayName = displayName;
  protected readonly personalNumber = shownPersonalNumber;

  protected readonly adding = signal(false);
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);
  protected readonly form = this.fb.group({
    role: ['' as ParticipantRole | '', required],
    person: createPersonForm(this.fb),
  });

  /** The participant being edited, its form and which field groups it holds. */
  protected readonly editing = signal<{
    participant: ParticipantDto;
    form: PersonForm;
    contact: boolean;
  } | null>(null);
  protected readonly editErrorKey = signal<TranslationKey | null>(null);

  /** Whether the server lets the caller change participants' details (issue 15). */
  protected readonly canEdit = computed(() => allows(this.caseDto(), CaseAction.ParticipantUpdate));

  protected editable(person: PersonDto): boolean {
    return this.canEdit() && withheldReason(person, 'identity') === null;
  }

  protected startEditing(participant: ParticipantDto): void {
    const person = participant.person;
    this.editErrorKey.set(null);
    this.editing.set({
      participant,
      form: createPersonEditForm(this.fb, person),
      contact: withheldReason(person, 'contact') === null,
    });
    afterNextRender(() => this.focus(`#edit-${participant.id}-first`), {
      injector: this.injector,
    });
  }

  protected cancelEditing(): void {
    const id = this.editing()?.participant.id;
    this.editing.set(null);
    afterNextRender(() => this.focus(`#edit-participant-${id}`), { injector: this.injector });
  }

  protected async saveEdit(): Promise<void> {
    const edit = this.editing();
    if (!edit || this.pending()) return;
    this.editErrorKey.set(null);
    if (edit.form.invalid) {
      edit.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const { participant } = edit;
    this.pending.set(true);
    try {
      const updated = await firstValueFrom(
        this.api.updateParticipant(
          this.caseDto().id,
          participant.person.id,
          toPersonUpdate(edit.form.getRawValue(), participant.person.version, {
            identity: true,
            contact: edit.contact,
          }),
        ),
      );
      this.store.set(updated);
      this.editing.set(null);
      void this.announcer.announce(this.i18n.t('participant.updated'), 'polite');
      afterNextRender(() => this.focus(`#participant-${participant.id}`), {
        injector: this.injector,
      });
    } catch (error: unknown) {
      this.editErrorKey.set(errorMessageKey(error));
      if (applyServerErrors(edit.form, error).length) {
        afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
          injector: this.injector,
        });
      }
    } finally {
      this.pending.set(false);
    }
  }

  protected withheld(person: PersonDto, group: 'identity' | 'contact'): TranslationKey | null {
    return withheldReason(person, group);
  }

  protected addressLine(person: PersonDto): string {
    const place = [person.postalCode, person.city].filter((part) => !!part).join(' ');
    return [person.address, place].filter((part) => !!part).join(', ');
  }

  protected startAdding(): void {
    this.adding.set(true);
    afterNextRender(() => this.focus('#add-participant-title'), { injector: this.injector });
  }

  protected cancel(): void {
    this.adding.set(false);
    this.form.reset();
    afterNextRender(() => this.focus('#add-participant-button'), { injector: this.injector });
  }

  protected async add(): Promise<void> {
    if (this.pending()) return;
    this.errorKey.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const value = this.form.getRawValue();
    this.pending.set(true);
    try {
      const updated = await firstValueFrom(
        this.api.addParticipant(this.caseDto().id, {
          role: value.role as ParticipantRole,
          person: toPersonInput(value.person),
        }),
      );
      this.store.set(updated);
      this.adding.set(false);
      this.form.reset();
      void this.announcer.announce(this.i18n.t('participant.added'), 'polite');
      afterNextRender(() => this.focus('#participants-title'), { injector: this.injector });
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
      if (applyServerErrors(this.form, error).length) {
        afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
          injector: this.injector,
        });
      }
    } finally {
      this.pending.set(false);
    }
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
