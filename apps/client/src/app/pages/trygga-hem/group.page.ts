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
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatDialog } from '@angular/material/dialog';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  type CoordinatorGroupDto,
  type CoordinatorGroupMemberDto,
  type MeetingSummaryDto,
  Permission,
  TRYGGA_HEM_PRIORITIES,
  TryggaHemAction,
  type TryggaHemMunicipalityFiguresDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey } from '../../core/api/problem';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import { formatWhen } from '../../core/i18n/format';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ReferenceData } from '../../core/reference/reference-data';
import {
  ConfirmDialog,
  type ConfirmDialogData,
  type ConfirmDialogResult,
} from '../../core/ui/confirm-dialog';
import { PublishedCountComponent } from '../../core/ui/published-count';
import { GroupDetailsForm } from './group-details-form';
import { GroupMemberForm } from './group-member-form';
import { type LoadState, loadInto, loadedValue, swedishToday } from './load-state';

interface GroupView {
  group: CoordinatorGroupDto;
  /** The schedule: members and group managers (agenda sizes for members only). */
  meetings: MeetingSummaryDto[];
  /** The municipality's figures this year (statistics:read), small counts hidden; else null. */
  figures: { threshold: number; values: TryggaHemMunicipalityFiguresDto | null } | null;
}

/** The figures a group page shows, in order (the figures page's labels). */
const FIGURE_ROWS = [
  { field: 'casesTotal', key: 'th.figures.casesTotal' },
  { field: 'notifications', key: 'th.figures.notifications' },
  { field: 'offersMade', key: 'th.figures.offersMade' },
  { field: 'controlMeasures', key: 'th.figures.controlMeasures' },
  { field: 'incidents', key: 'th.figures.incidents' },
  { field: 'repeatIncidents', key: 'th.figures.repeatIncidents' },
] as const satisfies readonly {
  field: keyof TryggaHemMunicipalityFiguresDto;
  key: TranslationKey;
}[];

/**
 * One koordinatorsgrupp: members, the meeting schedule (calling a meeting), the group's figures
 * and — for members only — the way to the board and the meetings. Each control shows only when
 * the API lists its action for the caller (`allowedActions`, issue 15); a samordnare manages the
 * group and its schedule and sees no case rows (D1).
 */
@Component({
  selector: 'app-coordinator-group-page',
  imports: [
    PublishedCountComponent,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
    GroupDetailsForm,
    GroupMemberForm,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './trygga-hem.scss',
  template: `
    @let s = state();
    <div class="page-header">
      <h1 tabindex="-1">{{ view()?.group?.name ?? ('th.group.title' | t) }}</h1>
      @if (can(actions.GroupViewBoard)) {
        <a
          mat-flat-button
          [attr.data-action]="actions.GroupViewBoard"
          [routerLink]="['/', paths.coordinatorGroups, groupId, paths.board]"
          >{{ 'th.board.open' | t }}</a
        >
      }
    </div>
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
    @if (view(); as v) {
      <section aria-labelledby="group-facts-title">
        <h2 id="group-facts-title">{{ 'th.group.about' | t }}</h2>
        <dl class="facts">
          <dt>{{ 'case.municipality' | t }}</dt>
          <dd>{{ reference.municipalityName(v.group.municipalityCode) }}</dd>
          <dt>{{ 'th.group.schedule' | t }}</dt>
          <dd>{{ v.group.meetingSchedule || ('common.notGiven' | t) }}</dd>
          <dt>{{ 'th.group.caseCount' | t }}</dt>
          <dd>{{ v.group.caseCount }}</dd>
        </dl>
        @if (can(actions.GroupEdit)) {
          @if (editing()) {
            <app-group-details-form
              [group]="v.group"
              (changed)="onDetailsChanged($event.group, $event.saved)"
              (cancelled)="stopEditing()"
            />
          } @else {
            <div class="manage-actions">
              <button
                mat-stroked-button
                type="button"
                id="edit-group-button"
                [attr.data-action]="actions.GroupEdit"
                (click)="editing.set(true)"
              >
                {{ 'th.groupAdmin.edit' | t }}
              </button>
            </div>
          }
        }
      </section>

      <section aria-labelledby="group-members-title">
        <h2 id="group-members-title" tabindex="-1">{{ 'th.group.members' | t }}</h2>
        @if (v.group.members.length === 0) {
          <p class="muted">{{ 'th.group.noMembers' | t }}</p>
        } @else {
          <div class="table-scroll">
            <table class="plain-table">
              <caption class="visually-hidden">
                {{
                  'th.group.membersCaption' | t: { count: v.group.members.length }
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'th.group.memberName' | t }}</th>
                  <th scope="col">{{ 'audit.organisation' | t }}</th>
                  <th scope="col">{{ 'th.group.memberType' | t }}</th>
                  <th scope="col">{{ 'th.group.memberSince' | t }}</th>
                  @if (can(actions.GroupManageMembers)) {
                    <th scope="col">{{ 'th.groupAdmin.actions' | t }}</th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (m of v.group.members; track m.id) {
                  <tr>
                    <td>{{ m.user.displayName }}</td>
                    <td>{{ m.organisation.name }}</td>
                    <td>{{ m.organisation.type | label: 'orgType' }}</td>
                    <td class="nowrap">{{ m.addedAt | when }}</td>
                    @if (can(actions.GroupManageMembers)) {
                      <td>
                        <button
                          mat-stroked-button
                          type="button"
                          [attr.data-action]="actions.GroupManageMembers"
                          [attr.aria-label]="
                            'th.groupAdmin.removeLabel' | t: { name: m.user.displayName }
                          "
                          (click)="removeMember(m)"
                        >
                          {{ 'th.groupAdmin.remove' | t }}
                        </button>
                      </td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
        @if (removeError(); as e) {
          <p class="form-error" role="alert">{{ e | t }}</p>
        }
        @if (can(actions.GroupManageMembers)) {
          <app-group-member-form [groupId]="groupId" (added)="setGroup($event)" />
        }
      </section>

      <section aria-labelledby="group-meetings-title">
        <h2 id="group-meetings-title" tabindex="-1">{{ 'th.group.schedule.title' | t }}</h2>
        @if (!can(actions.GroupOpenMeetings)) {
          <p class="hint">{{ 'th.group.schedule.managerNote' | t }}</p>
        }
        @if (v.meetings.length === 0) {
          <p class="muted">{{ 'th.group.schedule.none' | t }}</p>
        } @else {
          <ul class="plain-list" id="group-meeting-list">
            @for (m of v.meetings; track m.id) {
              <li>
                @if (can(actions.GroupOpenMeetings)) {
                  <a [routerLink]="['/', paths.coordinatorGroups, paths.meeting, m.id]">{{
                    'th.meeting.heading' | t: { date: (m.heldOn | when) }
                  }}</a>
                } @else {
                  {{ 'th.meeting.heading' | t: { date: (m.heldOn | when) } }}
                }
                <span class="badge" [class.badge-positive]="m.status === 'approved'">{{
                  m.status | label: 'meetingStatus'
                }}</span>
                @if (m.itemCount !== null) {
                  <span class="muted">{{ 'th.group.itemCount' | t: { count: m.itemCount } }}</span>
                }
              </li>
            }
          </ul>
        }
        @if (can(actions.GroupCallMeeting)) {
          <form
            class="panel no-print"
            id="new-meeting-form"
            [formGroup]="meetingForm"
            (ngSubmit)="startMeeting()"
            novalidate
            aria-labelledby="new-meeting-title"
          >
            <h3 id="new-meeting-title">
              {{ (member() ? 'th.group.newMeeting' : 'th.group.callMeeting') | t }}
            </h3>
            <p class="hint">
              {{ (member() ? 'th.group.newMeetingHint' : 'th.group.callMeetingHint') | t }}
            </p>
            @if (createError(); as error) {
              <p class="form-error" role="alert">{{ error | t }}</p>
            }
            <div class="inline-form">
              <mat-form-field appearance="outline">
                <mat-label>{{ 'th.meeting.heldOn' | t }}</mat-label>
                <input
                  matInput
                  type="date"
                  id="new-meeting-date"
                  formControlName="heldOn"
                  required
                />
                <mat-error>{{ meetingForm.controls.heldOn.errors | fieldError }}</mat-error>
              </mat-form-field>
              <button
                mat-flat-button
                type="submit"
                [attr.data-action]="actions.GroupCallMeeting"
                [attr.aria-busy]="creating() || null"
              >
                {{ (member() ? 'th.group.startMeeting' : 'th.group.callSubmit') | t }}
              </button>
            </div>
          </form>
        }
      </section>

      @if (v.figures; as f) {
        <section aria-labelledby="group-figures-title">
          <h2 id="group-figures-title">{{ 'th.group.figures' | t }}</h2>
          <p class="hint">
            {{ 'th.group.figuresHint' | t }}
            {{ 'th.figures.suppressed' | t }}
          </p>
          @if (f.values; as values) {
            <div class="table-scroll">
              <table class="plain-table figures-table">
                <caption class="visually-hidden">
                  {{
                    'th.figures.caption'
                      | t: { municipality: reference.municipalityName(v.group.municipalityCode) }
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
                        <app-published-count [value]="values.casesByPriority[p]" />
                      </td>
                    </tr>
                  }
                  @for (row of figureRows; track row.field) {
                    <tr>
                      <th scope="row">{{ row.key | t }}</th>
                      <td class="num">
                        <app-published-count [value]="values[row.field]" />
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          } @else {
            <p class="empty-state">{{ 'th.figures.empty' | t }}</p>
          }
          <p>
            <a [routerLink]="['/', paths.tryggaHemFigures]">{{ 'th.group.figuresLink' | t }}</a>
          </p>
        </section>
      }
    }
  `,
  styles: [
    `
      .inline-form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-start;
        gap: 0.75rem;
      }
      .inline-form button {
        height: 56px;
      }
      .manage-actions {
        margin: 0.5rem 0 1.5rem;
      }
      app-group-member-form,
      app-group-details-form {
        display: block;
        margin: 1rem 0 1.5rem;
      }
    `,
  ],
})
export class CoordinatorGroupPage {
  private readonly api = inject(TryggaHemApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly reference = inject(ReferenceData);
  protected readonly paths = APP_PATHS;
  protected readonly groupId = this.route.snapshot.paramMap.get('groupId') ?? '';
  protected readonly state = signal<LoadState<GroupView>>({ kind: 'loading' });
  protected readonly view = computed(() => loadedValue(this.state()));
  protected readonly meetingForm = this.fb.group({ heldOn: [swedishToday(), required] });
  protected readonly creating = signal(false);
  protected readonly createError = signal<TranslationKey | null>(null);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly actions = TryggaHemAction;
  protected readonly priorities = TRYGGA_HEM_PRIORITIES;
  protected readonly figureRows = FIGURE_ROWS;
  protected readonly member = computed(() => this.view()?.group.isMember === true);
  protected readonly editing = signal(false);
  protected readonly removeError = signal<TranslationKey | null>(null);

  constructor() {
    void this.reference.loadOrganisations().catch(() => undefined);
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set({ kind: 'loading' });
    this.state.set(
      await loadInto(async () => {
        const group = await firstValueFrom(this.api.group(this.groupId));
        const [meetings, figures] = await Promise.all([
          firstValueFrom(this.api.meetings(this.groupId)),
          this.auth.can(Permission.StatisticsRead)
            ? firstValueFrom(this.api.statistics({ municipalityCode: group.municipalityCode }))
            : null,
        ]);
        return {
          group,
          meetings,
          figures: figures && {
            threshold: figures.smallCellThreshold,
            values:
              figures.municipalities.find((m) => m.municipalityCode === group.municipalityCode) ??
              null,
          },
        };
      }),
    );
  }

  /** The group as the API last answered it (after an edit or a membership change). */
  protected setGroup(group: CoordinatorGroupDto): void {
    const v = this.view();
    if (v) this.state.set({ kind: 'loaded', value: { ...v, group } });
  }

  protected onDetailsChanged(group: CoordinatorGroupDto, saved: boolean): void {
    this.setGroup(group);
    if (saved) this.stopEditing();
  }

  protected stopEditing(): void {
    this.editing.set(false);
    afterNextRender(() => this.focus('#edit-group-button'), { injector: this.injector });
  }

  /** Removes a member after confirmation (focus starts on Cancel); they leave the case teams. */
  protected async removeMember(member: CoordinatorGroupMemberDto): Promise<void> {
    this.removeError.set(null);
    const data: ConfirmDialogData = {
      title: 'th.groupAdmin.removeTitle',
      message: 'th.groupAdmin.removeMessage',
      params: { name: member.user.displayName },
      confirm: 'th.groupAdmin.remove',
      destructive: true,
    };
    const result = await firstValueFrom(
      this.dialog
        .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, { data })
        .afterClosed(),
    );
    if (!result) return;
    try {
      this.setGroup(await firstValueFrom(this.api.removeGroupMember(this.groupId, member.id)));
      void this.announcer.announce(
        this.i18n.t('th.groupAdmin.removed', { name: member.user.displayName }),
        'polite',
      );
    } catch (error: unknown) {
      this.removeError.set(errorMessageKey(error));
    }
    // The row (and its button) is gone: continue from the section's heading.
    afterNextRender(() => this.focus('#group-members-title'), { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }

  /** A new meeting with the agenda the board proposes; opens it in meeting mode. */
  /** Whether the API lists `action` for the caller on this group (it enforces the same rule). */
  protected can(action: TryggaHemAction): boolean {
    return this.view()?.group.allowedActions.includes(action) === true;
  }

  protected async startMeeting(): Promise<void> {
    if (this.creating()) return;
    this.createError.set(null);
    if (this.meetingForm.invalid) {
      this.meetingForm.markAllAsTouched();
      document.getElementById('new-meeting-date')?.focus();
      return;
    }
    this.creating.set(true);
    try {
      if (!this.member()) {
        // A samordnare calls the meeting; the agenda is the members' (D1).
        const called = await firstValueFrom(
          this.api.callMeeting(this.groupId, this.meetingForm.getRawValue().heldOn),
        );
        const v = this.view();
        if (v)
          this.state.set({
            kind: 'loaded',
            value: {
              ...v,
              meetings: [...v.meetings, called].sort((a, b) => b.heldOn.localeCompare(a.heldOn)),
            },
          });
        void this.announcer.announce(
          this.i18n.t('th.group.meetingCalled', {
            date: formatWhen(called.heldOn, 'date', this.i18n.locale()),
          }),
          'polite',
        );
        return;
      }
      const meeting = await firstValueFrom(
        this.api.createMeeting(this.groupId, this.meetingForm.getRawValue().heldOn),
      );
      void this.announcer.announce(this.i18n.t('th.group.meetingStarted'), 'polite');
      await this.router.navigate(['/', APP_PATHS.coordinatorGroups, APP_PATHS.meeting, meeting.id]);
    } catch (error: unknown) {
      this.createError.set(errorMessageKey(error));
      applyServerErrors(this.meetingForm, error);
    } finally {
      this.creating.set(false);
    }
  }
}
