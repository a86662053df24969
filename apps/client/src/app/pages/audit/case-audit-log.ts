import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import type { AuditEventDto, Page } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { AuditApi } from '../../core/api/audit-api.service';
import { errorMessageKey } from '../../core/api/problem';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { AuditEventsTable } from './audit-events-table';

/** Logg: every audited access to one case, newest first (permission audit:review). */
@Component({
  selector: 'app-case-audit-log',
  imports: [MatButtonModule, MatPaginatorModule, AuditEventsTable, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="case-log-title" tabindex="-1">{{ 'audit.caseLogTitle' | t }}</h2>
    @if (errorKey(); as error) {
      <div class="alert" role="alert">
        <p>{{ error | t }}</p>
        <button mat-stroked-button type="button" (click)="load(pageIndex() + 1)">
          {{ 'common.retry' | t }}
        </button>
      </div>
    }
    @if (page(); as p) {
      <app-audit-events-table
        [events]="p.items"
        [caption]="'audit.caseLogCaption' | t: { count: p.total }"
        [showCases]="false"
      />
      @if (p.total > p.pageSize) {
        <mat-paginator
          [length]="p.total"
          [pageIndex]="pageIndex()"
          [pageSize]="p.pageSize"
          [hidePageSize]="true"
          (page)="onPage($event)"
        />
      }
    } @else if (!errorKey()) {
      <p class="muted" role="status">{{ 'common.loading' | t }}</p>
    }
  `,
})
export class CaseAuditLog {
  private readonly api = inject(AuditApi);

  readonly caseId = input.required<string>();

  protected readonly page = signal<Page<AuditEventDto> | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly errorKey = signal<TranslationKey | null>(null);

  constructor() {
    effect(() => {
      this.caseId();
      untracked(() => void this.load(1));
    });
  }

  protected onPage(event: PageEvent): void {
    void this.load(event.pageIndex + 1);
  }

  protected async load(page: number): Promise<void> {
    this.errorKey.set(null);
    try {
      const result = await firstValueFrom(this.api.caseEvents(this.caseId(), page));
      this.page.set(result);
      this.pageIndex.set(result.page - 1);
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
    }
  }
}
