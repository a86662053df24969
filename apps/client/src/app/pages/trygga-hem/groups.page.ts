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
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { type CoordinatorGroupDto, Permission } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import { GroupCreateForm } from './group-create-form';
import { type LoadState, loadInto, loadedValue } from './load-state';

/** "Koordinatorsgrupp": the groups the caller is a member of (all of them for group managers). */
@Component({
  selector: 'app-coordinator-groups-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, WhenPipe, GroupCreateForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './trygga-hem.scss',
  template: `
    <div class="page-header">
      <h1 tabindex="-1">{{ 'th.groups.title' | t }}</h1>
      @if (canManage() && !creating()) {
        <button mat-flat-button type="button" id="create-group-button" (click)="startCreating()">
          {{ 'th.groupAdmin.create' | t }}
        </button>
      }
    </div>
    <p class="hint">{{ 'th.groups.intro' | t }}</p>
    @if (creating()) {
      <app-group-create-form
        [taken]="takenMunicipalities()"
        (created)="onCreated($event)"
        (cancelled)="stopCreating()"
      />
    }
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
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  /** Group managers (coordinator_group:manage) create groups; the API enforces it too. */
  protected readonly canManage = computed(() => this.auth.can(Permission.CoordinatorGroupManage));
  protected readonly creating = signal(false);
  /** A manager's list holds every group: their municipalities are taken. */
  protected readonly takenMunicipalities = computed(() =>
    (this.groups() ?? []).map((g) => g.municipalityCode),
  );

  constructor() {
    void this.reference.loadOrganisations().catch(() => undefined);
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    this.state.set(await loadInto(() => firstValueFrom(this.api.groups())));
  }

  protected startCreating(): void {
    this.creating.set(true);
  }

  protected stopCreating(): void {
    this.creating.set(false);
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('#create-group-button')?.focus(),
      { injector: this.injector },
    );
  }

  /** The new group opens, where members are added next. */
  protected async onCreated(group: CoordinatorGroupDto): Promise<void> {
    await this.router.navigate(['/', APP_PATHS.coordinatorGroups, group.id]);
  }
}
