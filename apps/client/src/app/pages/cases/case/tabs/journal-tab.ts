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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import {
  type CaseDto,
  type CreateJournalEntryDto,
  type InformationCategory,
  type JournalEntryDto,
  type Page,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { JournalApi } from '../../../../core/api/journal-api.service';
import { errorMessageKey } from '../../../../core/api/problem';
import { FieldErrorPipe } from '../../../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../../../core/forms/focus-invalid';
import { applyServerErrors } from '../../../../core/forms/server-errors';
import { required } from '../../../../core/forms/validators';
import { isoDay } from '../../../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { ReferenceData } from '../../../../core/reference/reference-data';
import { CaseStore } from '../case.store';
import { allows, CaseAction } from '../case-actions';

const PAGE_SIZE = 20;

/**
 * Journal: append-only (D21). Entries are signed by their author and never edited; "Rätta"
 * writes a correction that points at the original, and both show the link.
 */
@Component({
  selector: 'app-journal-tab',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './journal-tab.html',
})
export class JournalTab {
  protected readonly allows = allows;
  protected readonly CaseAction = CaseAction;
  private readonly store = inject(CaseStore);
  private readonly api = inject(JournalApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly reference = inject(ReferenceData);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly pageSize = PAGE_SIZE;
  protected readonly caseDto = computed(() => this.store.caseDto() as CaseDto);
  /** Categories the caller may write: the programme's, as far as the caller may see them. */
  protected readonly categories = computed<InformationCategory[]>(() => {
    const c = this.caseDto();
    const programme = this.reference.programme(c.programme)?.categories;
    return c.access.categories.filter((cat) => !programme || programme.includes(cat));
  });
  protected readonly page = signal<Page<JournalEntryDto> | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly loadError = signal<TranslationKey | null>(null);
  protected readonly formOpen = signal(false);
  /** The entry being corrected, when the form writes a correction. */
  protected readonly correcting = signal<JournalEntryDto | null>(null);
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);
  protected readonly today = isoDay();

  protected readonly form = this.fb.group({
    category: ['' as InformationCategory | '', required],
    occurredOn: [isoDay(), required],
    text: ['', [required, Validators.maxLength(10000)]],
  });

  /** Entries on this page by id, to name the original of a correction and vice versa. */
  private readonly byId = computed(
    () => new Map((this.page()?.items ?? []).map((entry) => [entry.id, entry])),
  );

  constructor() {
    void this.load(1);
  }

  protected entry(id: string | null): JournalEntryDto | null {
    return id ? (this.byId().get(id) ?? null) : null;
  }

  protected async load(page: number): Promise<void> {
    this.loadError.set(null);
    try {
      const result = await firstValueFrom(this.api.list(this.caseDto().id, page, PAGE_SIZE));
      this.page.set(result);
      this.pageIndex.set(result.page - 1);
    } catch (error: unknown) {
      this.loadError.set(errorMessageKey(error));
    }
  }

  protected onPage(event: PageEvent): void {
    void this.load(event.pageIndex + 1);
  }

  protected openForm(correcting: JournalEntryDto | null = null): void {
    this.correcting.set(correcting);
    this.errorKey.set(null);
    const categories = this.categories();
    this.form.reset({
      category: correcting?.category ?? (categories.length === 1 ? categories[0] : ''),
      occurredOn: correcting?.occurredOn ?? isoDay(),
      text: correcting?.text ?? '',
    });
    this.formOpen.set(true);
    afterNextRender(() => this.focus('#journal-form-title'), { injector: this.injector });
  }

  protected closeForm(): void {
    const correcting = this.correcting();
    this.formOpen.set(false);
    afterNextRender(
      () => this.focus(correcting ? `#correct-${correcting.id}` : '#journal-new-button'),
      { injector: this.injector },
    );
  }

  protected async submit(): Promise<void> {
    if (this.pending()) return;
    this.errorKey.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section()), { injector: this.injector });
      return;
    }
    const value = this.form.getRawValue();
    const correcting = this.correcting();
    const dto: CreateJournalEntryDto = {
      category: value.category as InformationCategory,
      text: value.text.trim(),
      occurredOn: value.occurredOn,
      ...(correcting ? { correctsId: correcting.id } : {}),
    };
    this.pending.set(true);
    try {
      const created = await firstValueFrom(this.api.create(this.caseDto().id, dto));
      this.formOpen.set(false);
      void this.announcer.announce(
        this.i18n.t(correcting ? 'journal.corrected' : 'journal.added'),
        'polite',
      );
      await this.load(1);
      afterNextRender(() => this.focus(`#entry-${created.id}`) || this.focus('#journal-title'), {
        injector: this.injector,
      });
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
      applyServerErrors(this.form, error);
      afterNextRender(() => focusFirstInvalid(this.section()) || this.focus('#journal-error'), {
        injector: this.injector,
      });
    } finally {
      this.pending.set(false);
    }
  }

  private section(): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>('#journal-form');
  }

  private focus(selector: string): boolean {
    const el = this.host.nativeElement.querySelector<HTMLElement>(selector);
    el?.focus();
    return !!el;
  }
}
