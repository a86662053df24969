import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type CoordinatorGroupDto, ErrorCode, type UserSummaryDto } from '@samsyn/common';
import { catchError, debounceTime, filter, firstValueFrom, map, of, switchMap, tap } from 'rxjs';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { chosenPerson, personLabel } from './group-forms';

/**
 * Adds a member to a koordinatorsgrupp: a case worker of the four agencies, found by name among
 * the API's candidates. The member acts for their own organisation (D2).
 */
@Component({
  selector: 'app-group-member-form',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    LabelPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form
      id="add-group-member-form"
      class="panel"
      #formDir="ngForm"
      [formGroup]="form"
      (ngSubmit)="add(formDir)"
      novalidate
      aria-labelledby="add-group-member-title"
    >
      <h3 id="add-group-member-title">{{ 'th.groupAdmin.addMember' | t }}</h3>
      <p class="hint" id="add-group-member-hint">{{ 'th.groupAdmin.addMemberHint' | t }}</p>
      @if (error(); as e) {
        <p class="form-error" role="alert" id="add-group-member-error" tabindex="-1">
          {{ e | t }}
        </p>
      }
      <div class="inline-form">
        <mat-form-field appearance="outline" class="person-field">
          <mat-label>{{ 'th.groupAdmin.user' | t }}</mat-label>
          <input
            matInput
            id="add-group-member-user"
            formControlName="user"
            [matAutocomplete]="personAuto"
            autocomplete="off"
            required
          />
          <mat-autocomplete #personAuto="matAutocomplete" [displayWith]="personLabel">
            @for (person of options(); track person.id) {
              <mat-option [value]="person">
                {{ person.displayName }}
                <span class="muted">
                  – {{ person.organisation.name }} ({{
                    person.organisation.type | label: 'orgType'
                  }})</span
                >
              </mat-option>
            }
          </mat-autocomplete>
          <mat-hint>{{
            (searching()
              ? 'th.groupAdmin.searching'
              : searched() && options().length === 0
                ? 'th.groupAdmin.noCandidates'
                : 'th.groupAdmin.userHint'
            ) | t
          }}</mat-hint>
          <mat-error>{{ form.controls.user.errors | fieldError }}</mat-error>
        </mat-form-field>
        <button mat-flat-button type="submit" [attr.aria-busy]="pending() || null">
          {{ 'th.groupAdmin.add' | t }}
        </button>
      </div>
    </form>
  `,
  styles: [
    `
      .inline-form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-start;
        gap: 0.75rem;
      }
      .inline-form button {
        height: 56px;
      }
      .person-field {
        flex: 1 1 20rem;
      }
    `,
  ],
})
export class GroupMemberForm {
  private readonly api = inject(TryggaHemApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly groupId = input.required<string>();
  readonly added = output<CoordinatorGroupDto>();

  protected readonly personLabel = personLabel;
  protected readonly options = signal<UserSummaryDto[]>([]);
  protected readonly searching = signal(false);
  protected readonly searched = signal(false);
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  protected readonly form = this.fb.group({
    /** What is typed, or the person chosen from the suggestions. */
    user: this.fb.control<string | UserSummaryDto>('', chosenPerson),
  });

  constructor() {
    // Typing searches the candidates (active case workers of the four agencies, not members).
    this.form.controls.user.valueChanges
      .pipe(
        filter((v): v is string => typeof v === 'string'),
        debounceTime(250),
        map((q) => q.trim()),
        tap(() => this.searching.set(true)),
        switchMap((q) =>
          this.api.groupCandidates(this.groupId(), { q: q || null, pageSize: 20 }).pipe(
            map((page) => page.items),
            catchError(() => of<UserSummaryDto[]>([])),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((people) => {
        this.searching.set(false);
        this.searched.set(true);
        this.options.set(people);
      });
  }

  protected async add(formDir: FormGroupDirective): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.host.nativeElement), {
        injector: this.injector,
      });
      return;
    }
    const person = this.form.controls.user.value;
    if (typeof person === 'string') return;
    this.pending.set(true);
    try {
      const group = await firstValueFrom(this.api.addGroupMember(this.groupId(), person.id));
      formDir.resetForm({ user: '' });
      this.options.set([]);
      this.searched.set(false);
      void this.announcer.announce(
        this.i18n.t('th.groupAdmin.added', { name: person.displayName }),
        'polite',
      );
      this.added.emit(group);
    } catch (error: unknown) {
      this.error.set(
        problemOf(error)?.code === ErrorCode.Conflict
          ? 'th.groupAdmin.alreadyMember'
          : errorMessageKey(error),
      );
      const invalid = applyServerErrors(this.form, error, (path) =>
        path === 'userId' ? 'user' : path,
      );
      afterNextRender(
        () => {
          if (!invalid.length || !focusFirstInvalid(this.host.nativeElement))
            this.host.nativeElement.querySelector<HTMLElement>('#add-group-member-error')?.focus();
        },
        { injector: this.injector },
      );
    } finally {
      this.pending.set(false);
    }
  }
}
