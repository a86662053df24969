import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { CoordinatorGroupDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import { type LoadState, loadInto, loadedValue } from './load-state';

/** "Koordinatorsgrupp": the groups the caller is a member of (all of them for group managers). */
@Component({
  selector: 'app-coordinator-groups-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './trygga-hem.scss',
  template: `
    <h1 tabindex="-1">{{ 'th.groups.title' | t }}</h1>
    <p class="hint">{{ 'th.groups.intro' | t }}</p>
    <div role="status">
      @if (state().kind === 'loading') {
        <p class="muted">{{ 'common.loading' | t }}</p>
      }
    </div>
    @let s = state();
    @if (s.kind === 'error') {
      <div class="alert" role="alert">
        <p>{{ s.key | t }}</p>
        <button mat-stroked-button type="button" (click)="load()">{{ 'common.retry' | t }}</button>
      </div>
    }
    @if (groups(); as groups) {
      @if (groups.length === 0) {
        <div class="empty-state">
          <p class="empty-title">{{ 'th.groups.empty' | t }}</p>
          <p class="empty-hint">{{ 'th.groups.emptyHint' | t }}</p>
        </div>
      } @else {
        <ul class="group-list" [attr.aria-label]="'th.groups.title' | t">
          @for (group of groups; track group.id) {
            <li class="card">
              <h2>
                <a [routerLink]="['/', paths.coordinatorGroups, group.id]">{{ group.name }}</a>
              </h2>
              <dl class="facts">
                <dt>{{ 'case.municipality' | t }}</dt>
                <dd>{{ reference.municipalityName(group.municipalityCode) }}</dd>
                <dt>{{ 'th.group.caseCount' | t }}</dt>
                <dd>{{ group.caseCount }}</dd>
                <dt>{{ 'th.group.nextMeeting' | t }}</dt>
                <dd>
                  {{
                    group.nextMeeting
                      ? (group.nextMeeting.heldOn | when)
                      : ('th.group.noMeeting' | t)
                  }}
                </dd>
                <dt>{{ 'th.group.membership' | t }}</dt>
                <dd>{{ (group.isMember ? 'th.group.member' : 'th.group.notMember') | t }}</dd>
              </dl>
            </li>
          }
        </ul>
      }
    }
  `,
})
export class CoordinatorGroupsPage {
  private readonly api = inject(TryggaHemApi);
  protected readonly reference = inject(ReferenceData);
  protected readonly paths = APP_PATHS;
  protected readonly state = signal<LoadState<CoordinatorGroupDto[]>>({ kind: 'loading' });
  protected readonly groups = computed(() => loadedValue(this.state()));

  constructor() {
    void this.reference.loadOrganisations().catch(() => undefined);
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    this.state.set(await loadInto(() => firstValueFrom(this.api.groups())));
  }
}
