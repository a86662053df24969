import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type TryggaHemMunicipalityFiguresDto,
  type TryggaHemStatisticsDto,
  TRYGGA_HEM_PRIORITIES,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { PublishedCountComponent } from '../../core/ui/published-count';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { applyServerErrors } from '../../core/forms/server-errors';
import { dateOrder } from '../../core/forms/validators';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import { type LoadState, loadedValue } from './load-state';
import { errorMessageKey } from '../../core/api/problem';

type CountField = Exclude<
  keyof TryggaHemMunicipalityFiguresDto,
  'municipalityCode' | 'casesByPriority'
>;

const ROWS: readonly { field: CountField; key: TranslationKey }[] = [
  { field: 'casesTotal', key: 'th.figures.casesTotal' },
  { field: 'notifications', key: 'th.figures.notifications' },
  { field: 'offersMade', key: 'th.figures.offersMade' },
  { field: 'offersTakenUp', key: 'th.figures.offersTakenUp' },
  { field: 'controlMeasures', key: 'th.figures.controlMeasures' },
  { field: 'incidents', key: 'th.figures.incidents' },
  { field: 'repeatIncidents', key: 'th.figures.repeatIncidents' },
];

/** Trygga hem figures (D1, D6): counts per municipality and period; no personal data. */
@Component({
  selector: 'app-trygga-hem-figures-page',
  imports: [
    PublishedCountComponent,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    WhenPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './trygga-hem.scss',
  template: `
    @let s = state();
    <h1 tabindex="-1">{{ 'th.figures.title' | t }}</h1>
    <p class="hint">{{ 'th.figures.intro' | t }}</p>
    <form class="panel no-print" [formGroup]="form" (ngSubmit)="load()" novalidate>
      <div class="form-grid">
        <mat-form-field appearance="outline">
          <mat-label>{{ 'case.municipality' | t }}</mat-label>
          <mat-select id="figures-municipality" formControlName="municipalityCode">
            <mat-option value="">{{ 'cases.filterAll' | t }}</mat-option>
            @for (m of reference.municipalities(); track m.id) {
              <mat-option [value]="m.municipalityCode">{{ m.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'th.figures.from' | t }}</mat-label>
          <input matInput type="date" id="figures-from" formControlName="from" />
          <mat-error>{{ form.controls.from.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'th.figures.to' | t }}</mat-label>
          <input matInput type="date" id="figures-to" formControlName="to" />
          <mat-error>{{ form.controls.to.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
      @if (form.errors?.['dateOrder']) {
        <p class="form-error" role="alert">{{ 'th.figures.dateOrder' | t }}</p>
      }
      <button mat-flat-button type="submit">{{ 'th.figures.show' | t }}</button>
    </form>
    <div role="status">
      @if (s.kind === 'loading') {
        <p class="muted">{{ 'common.loading' | t }}</p>
      }
    </div>
    @if (s.kind === 'error') {
      <div class="alert" role="alert">
        <p>{{ s.key | t }}</p>
        <button mat-stroked-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
      </div>
    }
    @if (figures(); as f) {
      <p>
        {{ 'th.figures.period' | t: { from: (f.from | when), to: (f.to | when) } }}
        {{ 'th.figures.suppressed' | t }}
      </p>
      @for (m of f.municipalities; track m.municipalityCode) {
        <section class="th-section" [attr.aria-labelledby]="'fig-' + m.municipalityCode">
          <h2 [id]="'fig-' + m.municipalityCode">
            {{ reference.municipalityName(m.municipalityCode) }}
          </h2>
          <div class="table-scroll">
            <table class="plain-table figures-table">
              <caption class="visually-hidden">
                {{
                  'th.figures.caption'
                    | t: { municipality: reference.municipalityName(m.municipalityCode) }
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'th.figures.measure' | t }}</th>
                  <th scope="col" class="num">{{ 'th.figures.count' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (p of priorities; track p) {
                  <tr>
                    <th scope="row">{{ 'th.figures.casesPriority' | t: { priority: p } }}</th>
                    <td class="num">
                      <app-published-count [value]="m.casesByPriority[p]" />
                    </td>
                  </tr>
                }
                @for (row of rows; track row.field) {
                  <tr>
                    <th scope="row">{{ row.key | t }}</th>
                    <td class="num">
                      <app-published-count [value]="m[row.field]" />
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        </section>
      } @empty {
        <p class="empty-state">{{ 'th.figures.empty' | t }}</p>
      }
    }
  `,
})
export class TryggaHemFiguresPage {
  private readonly api = inject(TryggaHemApi);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly i18n = inject(I18nService);
  protected readonly reference = inject(ReferenceData);
  protected readonly priorities = TRYGGA_HEM_PRIORITIES;
  protected readonly rows = ROWS;
  protected readonly form = this.fb.group(
    { municipalityCode: [''], from: [''], to: [''] },
    { validators: dateOrder('from', 'to') },
  );
  protected readonly state = signal<LoadState<TryggaHemStatisticsDto>>({ kind: 'loading' });
  protected readonly figures = computed(() => loadedValue(this.state()));

  constructor() {
    void this.reference.loadOrganisations().catch(() => undefined);
    void this.load();
  }

  protected async load(): Promise<void> {
    if (this.form.invalid) return;
    this.state.set({ kind: 'loading' });
    const { municipalityCode, from, to } = this.form.getRawValue();
    try {
      const value = await firstValueFrom(
        this.api.statistics({ municipalityCode: municipalityCode || null, from, to }),
      );
      this.state.set({ kind: 'loaded', value });
    } catch (error: unknown) {
      applyServerErrors(this.form, error);
      this.state.set({ kind: 'error', key: errorMessageKey(error) });
    }
  }
}
