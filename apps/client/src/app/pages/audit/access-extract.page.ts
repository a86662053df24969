import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import { type AccessExtractDto, formatPersonalNumber } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { AuditApi } from '../../core/api/audit-api.service';
import { errorMessageKey } from '../../core/api/problem';
import { APP_PATHS } from '../../core/app-paths';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { applyServerErrors } from '../../core/forms/server-errors';
import { personalNumber, required } from '../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** Loggutdrag (D19): who has read data about a person, and when. Printable for the person. */
@Component({
  selector: 'app-access-extract-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="no-print back" [attr.aria-label]="'review.breadcrumb' | t">
      <a [routerLink]="['/', paths.review]">{{ 'review.title' | t }}</a>
    </nav>
    <h1 tabindex="-1">{{ 'extract.title' | t }}</h1>
    <p class="hint no-print">{{ 'extract.intro' | t }}</p>

    <form class="inline-form" [formGroup]="form" (ngSubmit)="fetch()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>{{ 'extract.personalNumber' | t }}</mat-label>
        <input
          #pnrInput
          matInput
          id="extract-pnr"
          formControlName="personalNumber"
          autocomplete="off"
          inputmode="numeric"
          spellcheck="false"
          required
        />
        <mat-hint>{{ 'person.personalNumberHint' | t }}</mat-hint>
        <mat-error>{{ form.controls.personalNumber.errors | fieldError }}</mat-error>
      </mat-form-field>
      <button mat-flat-button type="submit" [attr.aria-busy]="pending() || null">
        {{ 'extract.fetch' | t }}
      </button>
    </form>

    <div role="status">
      @if (pending()) {
        <p class="muted">{{ 'common.loading' | t }}</p>
      }
    </div>
    @if (errorKey(); as error) {
      <p class="form-error" role="alert">{{ error | t }}</p>
    }

    @if (result(); as r) {
      <section aria-labelledby="extract-result-title">
        <div class="page-header">
          <h2 id="extract-result-title" tabindex="-1">
            {{ 'extract.resultTitle' | t: { number: formatted(r.personalNumber) } }}
          </h2>
          @if (r.found && r.rows.length) {
            <button mat-stroked-button type="button" (click)="print()">
              {{ 'casePage.print' | t }}
            </button>
          }
        </div>
        <p class="print-only">
          {{ 'extract.printedAt' | t: { date: (printedAt | when: 'dateTime') } }}
        </p>
        @if (!r.found) {
          <p>{{ 'extract.notFound' | t }}</p>
        } @else {
          @if (r.summary.length) {
            <div class="table-scroll">
              <table class="data-table plain-table">
                <caption>
                  {{
                    'extract.summaryCaption' | t
                  }}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{{ 'audit.user' | t }}</th>
                    <th scope="col">{{ 'audit.organisation' | t }}</th>
                    <th scope="col">{{ 'audit.unit' | t }}</th>
                    <th scope="col" class="num">{{ 'extract.accesses' | t }}</th>
                    <th scope="col">{{ 'extract.first' | t }}</th>
                    <th scope="col">{{ 'extract.last' | t }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (s of r.summary; track $index) {
                    <tr>
                      <td>{{ s.user?.displayName ?? ('audit.system' | t) }}</td>
                      <td>{{ s.organisation ?? '–' }}</td>
                      <td>{{ s.unit ?? '–' }}</td>
                      <td class="num">{{ s.accesses }}</td>
                      <td class="nowrap">{{ s.first | when: 'dateTime' }}</td>
                      <td class="nowrap">{{ s.last | when: 'dateTime' }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
          <div class="table-scroll">
            <table class="data-table plain-table">
              <caption>
                {{
                  'extract.caption' | t: { count: r.total }
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'audit.when' | t }}</th>
                  <th scope="col">{{ 'audit.user' | t }}</th>
                  <th scope="col">{{ 'audit.organisation' | t }}</th>
                  <th scope="col">{{ 'audit.unit' | t }}</th>
                  <th scope="col">{{ 'audit.action' | t }}</th>
                  <th scope="col">{{ 'audit.cases' | t }}</th>
                  <th scope="col">{{ 'basis.emergency' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of r.rows; track $index) {
                  <tr>
                    <td class="nowrap">{{ row.occurredAt | when: 'dateTime' }}</td>
                    <td>{{ row.user?.displayName ?? ('audit.system' | t) }}</td>
                    <td>{{ row.organisation ?? '–' }}</td>
                    <td>{{ row.unit ?? '–' }}</td>
                    <td>{{ row.action | label: 'auditAction' }}</td>
                    <td class="nowrap">{{ row.caseNumbers.join(', ') }}</td>
                    <td>{{ (row.emergency ? 'common.yes' : 'common.no') | t }}</td>
                  </tr>
                } @empty {
                  <tr>
                    <td colspan="7">{{ 'extract.none' | t }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (r.total > r.pageSize) {
            <mat-paginator
              class="no-print"
              [length]="r.total"
              [pageIndex]="r.page - 1"
              [pageSize]="r.pageSize"
              [hidePageSize]="true"
              (page)="onPage($event)"
            />
          }
        }
      </section>
    }
  `,
  styles: `
    .back {
      margin-bottom: 0.75rem;
    }
    .inline-form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.75rem;
      margin-bottom: 1rem;
    }
    .inline-form button {
      height: 56px;
    }
    .num {
      text-align: end;
    }
  `,
})
export class AccessExtractPage {
  private readonly api = inject(AuditApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly pnrInput = viewChild.required<ElementRef<HTMLInputElement>>('pnrInput');

  protected readonly paths = APP_PATHS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    personalNumber: ['', [required, personalNumber]],
  });
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);
  protected readonly result = signal<AccessExtractDto | null>(null);
  protected printedAt = new Date().toISOString();
  /** The number of the extract shown, for its further pages. */
  private personalNumber = '';

  protected formatted(value: string): string {
    return formatPersonalNumber(value);
  }

  protected async fetch(): Promise<void> {
    if (this.pending()) return;
    this.errorKey.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.pnrInput().nativeElement.focus();
      return;
    }
    this.personalNumber = this.form.controls.personalNumber.value.trim();
    await this.load(1);
  }

  /** Another page of the rows of the extract fetched last (the summary stays the same). */
  protected onPage(event: PageEvent): void {
    if (this.pending() || !this.personalNumber) return;
    void this.load(event.pageIndex + 1);
  }

  private async load(page: number): Promise<void> {
    this.pending.set(true);
    this.result.set(null);
    try {
      const result = await firstValueFrom(this.api.extract(this.personalNumber, page));
      this.result.set(result);
      // The heading of the result is where the answer starts.
      afterNextRender(() => this.document.getElementById('extract-result-title')?.focus(), {
        injector: this.injector,
      });
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
      applyServerErrors(this.form, error);
      this.pnrInput().nativeElement.focus();
    } finally {
      this.pending.set(false);
    }
  }

  protected print(): void {
    this.printedAt = new Date().toISOString();
    this.document.defaultView?.print();
  }
}
