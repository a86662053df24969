import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { type AuditEventDto, CaseAction } from '@samsyn/common';
import { APP_PATHS } from '../../core/app-paths';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/** Audit events as a table: when, who, from where, what, on which case, on what basis. */
@Component({
  selector: 'app-audit-events-table',
  imports: [RouterLink, TranslatePipe, LabelPipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table class="data-table plain-table">
        <caption>
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ 'audit.when' | t }}</th>
            <th scope="col">{{ 'audit.user' | t }}</th>
            <th scope="col">{{ 'audit.organisation' | t }}</th>
            <th scope="col">{{ 'audit.action' | t }}</th>
            @if (showCases()) {
              <th scope="col">{{ 'audit.cases' | t }}</th>
            }
            <th scope="col">{{ 'audit.basis' | t }}</th>
            <th scope="col">{{ 'audit.outcome' | t }}</th>
          </tr>
        </thead>
        <tbody>
          @for (e of events(); track e.id) {
            <tr>
              <td class="nowrap">{{ e.occurredAt | when: 'dateTime' }}</td>
              <td>{{ e.user?.displayName ?? ('audit.system' | t) }}</td>
              <td>
                {{ e.organisation?.name }}
                @if (e.unit) {
                  <br /><span class="muted">{{ e.unit.name }}</span>
                }
              </td>
              <td>
                {{ e.action | label: 'auditAction' }}
                @if (e.target) {
                  <br /><span class="muted"
                    >{{ e.target.kind | label: 'auditTarget' }}: {{ e.target.name }}</span
                  >
                }
              </td>
              @if (showCases()) {
                <td class="nowrap">
                  @for (number of e.caseNumbers; track number; let i = $index) {
                    @if (e.caseIds[i] && mayOpenLog(e, i)) {
                      <a
                        data-action="audit.caseLog"
                        [attr.data-action-id]="e.caseIds[i]"
                        [routerLink]="['/', paths.review, paths.caseLog, e.caseIds[i]]"
                        >{{ number }}</a
                      >
                    } @else {
                      {{ number }}
                    }
                    <br />
                  }
                </td>
              }
              <td>
                {{ e.basis ? (e.basis | label: 'basis') : '–' }}
                @if (e.emergency) {
                  <span class="badge badge-warning">{{ 'basis.emergency' | t }}</span>
                }
              </td>
              <td>
                <span class="badge" [class.badge-danger]="e.outcome === 'denied'">{{
                  (e.outcome === 'denied' ? 'audit.denied' : 'audit.allowed') | t
                }}</span>
              </td>
            </tr>
          } @empty {
            <tr>
              <td [attr.colspan]="showCases() ? 7 : 6">{{ 'audit.noEvents' | t }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
})
export class AuditEventsTable {
  readonly events = input.required<readonly AuditEventDto[]>();
  readonly caption = input.required<string>();
  readonly showCases = input(true);

  protected readonly paths = APP_PATHS;

  /**
   * Issue 15: a case's log is linked only where the API allows the caller to open it (another
   * organisation's case shows its number as text).
   */
  protected mayOpenLog(e: AuditEventDto, i: number): boolean {
    return !!e.caseAllowedActions?.[i]?.includes(CaseAction.CaseLogRead);
  }
}
