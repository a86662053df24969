import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { APP_PATHS } from '../../core/app-paths';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CaseAuditLog } from './case-audit-log';

/** The audit log of one case for the log reviewer, who need not have access to the case itself. */
@Component({
  selector: 'app-case-log-page',
  imports: [RouterLink, CaseAuditLog, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="no-print back" [attr.aria-label]="'review.breadcrumb' | t">
      <a [routerLink]="['/', paths.review]">{{ 'review.title' | t }}</a>
    </nav>
    <h1 tabindex="-1">{{ 'audit.caseLogPageTitle' | t }}</h1>
    @if (caseId(); as id) {
      <app-case-audit-log [caseId]="id" />
    }
  `,
  styles: `
    .back {
      margin-bottom: 0.75rem;
    }
  `,
})
export class CaseLogPage {
  protected readonly paths = APP_PATHS;
  protected readonly caseId = toSignal(
    inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('id') ?? '')),
    { initialValue: '' },
  );
}
