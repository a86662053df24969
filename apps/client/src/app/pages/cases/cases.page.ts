import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { type CaseSummaryDto, type Page, Permission } from '@samsyn/common';
import { BehaviorSubject, combineLatest, firstValueFrom, map, switchMap, tap } from 'rxjs';
import { CasesApi } from '../../core/api/cases-api.service';
import {
  type ListState as ListStateOf,
  failureKey,
  listStateOf,
  loadedPage,
} from '../../core/api/list-state';
import { deniedActions, errorMessageKey } from '../../core/api/problem';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { caseNumber, normaliseCaseNumber, required } from '../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import {
  type CaseFilters,
  PAGE_SIZES,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  isFiltered,
  withFilters,
} from './case-filters';
import { CaseAction, allows } from './case/case-actions';
import { EmergencyAccessDialog } from './shared/emergency-access-dialog';
import { OverdueSummaryPanel } from './overdue-summary-panel';

type ListState = ListStateOf<Page<CaseSummaryDto>>;

/** "Mina ärenden": the caller's caseload with filters kept in the URL, and lookup by number. */
@Component({
  selector: 'app-cases-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    MatTableModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
    OverdueSummaryPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cases.page.html',
  styleUrl: './cases.page.scss',
})
export class CasesPage {
  private readonly api = inject(CasesApi);
  private readonly auth = inject(AuthService);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly reference = inject(ReferenceData);

  private readonly lookupInput = viewChild<ElementRef<HTMLInputElement>>('lookupInput');

  protected readonly paths = APP_PATHS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly columns = [
    'number',
    'programme',
    'status',
    'municipality',
    'subject',
    'handler',
    'followUp',
    'basis',
  ];
  protected readonly canRead = computed(() => this.auth.can(Permission.CaseRead));
  protected readonly canSeeOverdue = computed(() => this.auth.can(Permission.OverdueSummaryRead));
  protected readonly canCreate = computed(() => this.auth.can(Permission.CaseCreate));

  protected readonly filters = signal<CaseFilters>(filtersFromParams({}));
  protected readonly state = signal<ListState>({ kind: 'loading' });
  protected readonly page = computed(() => loadedPage(this.state()));
  protected readonly errorKey = computed(() => failureKey(this.state()));
  protected readonly filtered = computed(() => isFiltered(this.filters()));
  /** Statuses of the chosen programme, or of all programmes when none is chosen. */
  protected readonly statuses = computed(() => {
    const programmes = this.reference.programmes() ?? [];
    const chosen = this.filters().programme;
    const list = programmes.filter((p) => !chosen || p.code === chosen).flatMap((p) => p.statuses);
    return [...new Set(list)];
  });

  protected readonly filterForm = this.fb.group({
    programme: [''],
    status: [''],
    municipalityCode: [''],
    overdue: [false],
    includeClosed: [false],
    number: [''],
  });

  private readonly reload$ = new BehaviorSubject<void>(undefined);

  protected readonly lookupForm = this.fb.group({ number: ['', [required, caseNumber]] });
  protected readonly lookupPending = signal(false);
  protected readonly lookupError = signal<TranslationKey | null>(null);
  /** The number the last lookup found no case for, and what the caller may do about it. */
  protected readonly lookupMiss = signal<{ number: string; allowedActions: CaseAction[] } | null>(
    null,
  );
  protected readonly canRequestEmergency = computed(() =>
    allows(this.lookupMiss(), CaseAction.EmergencyAccessRequest),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    // Coordinators, steering and log reviewers have no caseload: the page says so.
    if (!this.canRead()) return;
    void this.reference.loadProgrammes().catch(() => undefined);
    void this.reference.loadOrganisations().catch(() => undefined);

    combineLatest([this.route.queryParams, this.reload$])
      .pipe(
        map(([params]) => filtersFromParams(params)),
        tap((filters) => {
          this.filters.set(filters);
          this.filterForm.setValue(
            {
              programme: filters.programme ?? '',
              status: filters.status ?? '',
              municipalityCode: filters.municipalityCode ?? '',
              overdue: filters.overdue,
              includeClosed: filters.includeClosed,
              number: filters.number ?? '',
            },
            { emitEvent: false },
          );
          this.state.set({ kind: 'loading' });
        }),
        switchMap((filters) => this.api.list(filtersToQuery(filters)).pipe(listStateOf)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind === 'loaded') {
          void this.announcer.announce(
            this.i18n.t('cases.resultCount', { count: state.page.total }),
            'polite',
          );
        }
      });
  }

  /** Selects and checkboxes apply at once; the number search applies on submit. */
  protected applyFilter(change: Partial<CaseFilters>): void {
    void this.navigate(withFilters(this.filters(), change));
  }

  protected onProgrammeChange(programme: string): void {
    // A status of another programme would match nothing.
    const programmeStatuses = this.reference.programme(programme)?.statuses ?? [];
    const status = this.filters().status;
    this.applyFilter({
      programme: programme || null,
      status: status && programme && !programmeStatuses.includes(status) ? null : status,
    });
  }

  protected search(): void {
    const number = this.filterForm.controls.number.value.trim();
    this.applyFilter({ number: number || null });
  }

  protected clearFilters(): void {
    void this.navigate(
      withFilters(this.filters(), {
        programme: null,
        status: null,
        municipalityCode: null,
        overdue: false,
        includeClosed: false,
        number: null,
      }),
    );
  }

  protected onPage(event: PageEvent): void {
    const change: Partial<CaseFilters> =
      event.pageSize !== this.filters().pageSize
        ? { pageSize: event.pageSize, page: 1 }
        : { page: event.pageIndex + 1 };
    this.applyFilter(change);
  }

  protected retry(): void {
    this.reload$.next();
  }

  /**
   * "Hitta ärende": exact number → the case. A number without a case and a case the caller may
   * not see answer alike (issue 18 §7); the 404 says whether the caller may then ask for
   * nödåtkomst by the number (`details.allowedActions`).
   */
  protected async lookup(): Promise<void> {
    if (this.lookupPending()) return;
    this.lookupError.set(null);
    this.lookupMiss.set(null);
    if (this.lookupForm.invalid) {
      this.lookupForm.markAllAsTouched();
      this.lookupInput()?.nativeElement.focus();
      return;
    }
    const number = normaliseCaseNumber(this.lookupForm.controls.number.value);
    this.lookupPending.set(true);
    try {
      const found = await firstValueFrom(this.api.lookup(number));
      await this.router.navigate(['/', APP_PATHS.cases, found.id]);
    } catch (error: unknown) {
      const notFound = error instanceof HttpErrorResponse && error.status === 404;
      this.lookupError.set(notFound ? 'cases.lookupNotFound' : errorMessageKey(error));
      if (notFound) this.lookupMiss.set({ number, allowedActions: deniedActions(error) });
      this.lookupInput()?.nativeElement.focus();
    } finally {
      this.lookupPending.set(false);
    }
  }

  /** Nödåtkomst by the number looked up: a grant opens the case it names. */
  protected async requestEmergencyAccess(): Promise<void> {
    const miss = this.lookupMiss();
    if (!miss) return;
    const granted = await EmergencyAccessDialog.request(this.dialog, { caseNumber: miss.number });
    if (granted) await this.router.navigate(['/', APP_PATHS.cases, granted.caseId]);
  }

  protected subjectMarker(row: CaseSummaryDto): TranslationKey | null {
    if (row.subjectName !== null) return row.subjectProtected ? 'person.protectedIdentity' : null;
    return row.subjectProtected ? 'person.protectedIdentity' : 'person.withheld';
  }

  private navigate(filters: CaseFilters): Promise<boolean> {
    return this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToParams(filters),
      queryParamsHandling: 'merge',
    });
  }
}
