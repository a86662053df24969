import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { AddTeamMemberDto, CaseDto, TeamMemberDto, UserSummaryDto } from '@samsyn/common';
import { catchError, debounceTime, filter, firstValueFrom, map, merge, of, switchMap } from 'rxjs';
import { CasesApi } from '../../../../core/api/cases-api.service';
import { DirectoryApi } from '../../../../core/api/directory-api.service';
import { errorMessageKey } from '../../../../core/api/problem';
import { FieldErrorPipe } from '../../../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../core/forms/server-errors';
import { required } from '../../../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../../core/reference/reference-data';
import {
  ConfirmDialog,
  type ConfirmDialogData,
  type ConfirmDialogResult,
} from '../../../../core/ui/confirm-dialog';
import { CaseStore } from '../case.store';
import { allows, CaseAction } from '../case-actions';

type MemberKind = 'user' | 'unit';

/** The user field holds a user chosen from the suggestions, not just typed text. */
const chosenUser: ValidatorFn = (control: AbstractControl): ValidationErrors | null => {
  const value: unknown = control.value;
  if (typeof value === 'object' && value !== null) return null;
  return value ? { notChosen: true } : { required: true };
};

/**
 * Team: who works on the case. The owning organisation adds users or whole units of other
 * organisations with a case role, and states an explicit need to see protected identities (D18).
 */
@Component({
  selector: 'app-team-tab',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './team-tab.html',
})
export class TeamTab {
  protected readonly allows = allows;
  protected readonly CaseAction = CaseAction;
  private readonly store = inject(CaseStore);
  private readonly api = inject(CasesApi);
  private readonly directory = inject(DirectoryApi);
  private readonly dialog = inject(MatDialog);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly reference = inject(ReferenceData);

  protected readonly caseDto = computed(() => this.store.caseDto() as CaseDto);
  protected readonly teamRoles = computed(
    () => this.reference.programme(this.caseDto().programme)?.teamRoles ?? [],
  );

  protected readonly adding = signal(false);
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);
  protected readonly userOptions = signal<UserSummaryDto[]>([]);
  protected readonly searching = signal(false);

  protected readonly form = this.fb.group({
    organisationId: ['', required],
    kind: this.fb.control<MemberKind>('user'),
    /** What is typed, or the user chosen from the suggestions. */
    user: this.fb.control<string | UserSummaryDto>('', chosenUser),
    unitId: [''],
    caseRole: ['', required],
    protectedIdentityAccess: [false],
  });

  protected readonly organisationId = signal('');
  protected readonly units = computed(
    () => this.reference.organisations()?.find((o) => o.id === this.organisationId())?.units ?? [],
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    const { organisationId, kind, user, unitId } = this.form.controls;
    organisationId.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((id) => {
      this.organisationId.set(id);
      user.setValue('');
      unitId.setValue('');
    });
    kind.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((k) => {
      user.setValidators(k === 'user' ? [chosenUser] : []);
      unitId.setValidators(k === 'unit' ? [required] : []);
      user.updateValueAndValidity();
      unitId.updateValueAndValidity();
    });
    // Typing in the user field searches the chosen organisation's users.
    merge(
      user.valueChanges.pipe(
        filter((v): v is string => typeof v === 'string'),
        debounceTime(250),
      ),
      organisationId.valueChanges.pipe(map(() => '')),
    )
      .pipe(
        map((q) => q.trim()),
        switchMap((q) => {
          const org = organisationId.value;
          if (!org) return of<UserSummaryDto[]>([]);
          this.searching.set(true);
          return this.directory.users({ organisationId: org, q: q || null, pageSize: 20 }).pipe(
            map((page) => page.items),
            catchError(() => of<UserSummaryDto[]>([])),
          );
        }),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((users) => {
        this.searching.set(false);
        this.userOptions.set(users);
      });
  }

  protected readonly userLabel = (value: string | UserSummaryDto | null): string =>
    typeof value === 'string' ? value : (value?.displayName ?? '');

  protected memberName(member: TeamMemberDto): string {
    return member.user?.displayName ?? member.unit?.name ?? member.organisation.name;
  }

  protected startAdding(): void {
    this.adding.set(true);
    void this.reference.loadOrganisations().catch(() => undefined);
    const roles = this.teamRoles();
    this.form.reset({ caseRole: roles.length === 1 ? roles[0].code : '' });
    this.errorKey.set(null);
    afterNextRender(() => this.focus('#add-member-title'), { injector: this.injector });
  }

  protected cancel(): void {
    this.adding.set(false);
    afterNextRender(() => this.focus('#add-member-button'), { injector: this.injector });
  }

  protected async add(): Promise<void> {
    if (this.pending()) return;
    this.errorKey.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section()), { injector: this.injector });
      return;
    }
    const value = this.form.getRawValue();
    const dto: AddTeamMemberDto = {
      caseRole: value.caseRole,
      protectedIdentityAccess: value.protectedIdentityAccess,
      ...(value.kind === 'user' && typeof value.user !== 'string'
        ? { userId: value.user.id }
        : { unitId: value.unitId }),
    };
    this.pending.set(true);
    try {
      const updated = await firstValueFrom(this.api.addTeamMember(this.caseDto().id, dto));
      this.store.set(updated);
      this.adding.set(false);
      void this.announcer.announce(this.i18n.t('team.added'), 'polite');
      afterNextRender(() => this.focus('#team-title'), { injector: this.injector });
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
      applyServerErrors(this.form, error, (path) => (path === 'userId' ? 'user' : path));
      afterNextRender(() => focusFirstInvalid(this.section()) || this.focus('#add-member-error'), {
        injector: this.injector,
      });
    } finally {
      this.pending.set(false);
    }
  }

  protected async remove(member: TeamMemberDto): Promise<void> {
    const data: ConfirmDialogData = {
      title: 'team.removeTitle',
      message: 'team.removeMessage',
      params: { name: this.memberName(member) },
      confirm: 'team.remove',
      destructive: true,
    };
    const result = await firstValueFrom(
      this.dialog
        .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data })
        .afterClosed(),
    );
    if (!result) return;
    try {
      const updated = await firstValueFrom(this.api.removeTeamMember(this.caseDto().id, member.id));
      this.store.set(updated);
      void this.announcer.announce(
        this.i18n.t('team.removed', { name: this.memberName(member) }),
        'polite',
      );
      afterNextRender(() => this.focus('#team-title'), { injector: this.injector });
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
      void this.announcer.announce(this.i18n.t(errorMessageKey(error)), 'assertive');
    }
  }

  private section(): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>('#add-member-form');
  }

  private focus(selector: string): boolean {
    const el = this.host.nativeElement.querySelector<HTMLElement>(selector);
    el?.focus();
    return !!el;
  }
}
