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
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey } from '../../core/api/problem';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { AuthService } from '../../core/auth/auth.service';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
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
import { GroupDetailsForm } from './group-details-form';
import { GroupMemberForm } from './group-member-form';
import { type LoadState, loadInto, loadedValue, swedishToday } from './load-state';

interface GroupView {
  group: CoordinatorGroupDto;
  /** Null for non-members: only members see the group's meetings. */
  meetings: MeetingSummaryDto[] | null;
}

/** One koordinatorsgrupp: members, meeting schedule, meetings and the way to the board. */
@Component({
  selector: 'app-coordinator-group-page',
  imports: [
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
      @if (view()?.group?.isMember) {
        <a mat-flat-button [routerLink]="['/', paths.coordinatorGroups, groupId, paths.board]">{{
          'th.board.open' | t
        }}</a>
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
        @if (canManage()) {
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
                  @if (canManage()) {
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
                    @if (canManage()) {
                      <td>
                        <button
                          mat-stroked-button
                          type="button"
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
        @if (canManage()) {
          <app-group-member-form [groupId]="groupId" (added)="setGroup($event)" />
        }
      </section>

      @if (v.meetings; as meetings) {
        <section aria-labelledby="group-meetings-title">
          <h2 id="group-meetings-title">{{ 'th.group.meetings' | t }}</h2>
          @if (meetings.length === 0) {
            <p class="muted">{{ 'th.group.noMeetings' | t }}</p>
          } @else {
            <ul class="plain-list">
              @for (m of meetings; track m.id) {
                <li>
                  <a [routerLink]="['/', paths.coordinatorGroups, paths.meeting, m.id]">{{
                    'th.meeting.heading' | t: { date: (m.heldOn | when) }
                  }}</a>
                  <span class="badge" [class.badge-positive]="m.status === 'approved'">{{
                    m.status | label: 'meetingStatus'
                  }}</span>
                  <span class="muted">{{ 'th.group.itemCount' | t: { count: m.itemCount } }}</span>
                </li>
              }
            </ul>
          }
          <form
            class="panel no-print"
            id="new-meeting-form"
            [formGroup]="meetingForm"
            (ngSubmit)="startMeeting()"
            novalidate
            aria-labelledby="new-meeting-title"
          >
            <h3 id="new-meeting-title">{{ 'th.group.newMeeting' | t }}</h3>
            <p class="hint">{{ 'th.group.newMeetingHint' | t }}</p>
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
              <button mat-flat-button type="submit" [attr.aria-busy]="creating() || null">
                {{ 'th.group.startMeeting' | t }}
              </button>
            </div>
          </form>
        </section>
      } @else {
        <p class="notice">{{ 'th.group.membersOnly' | t }}</p>
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
  /** Group managers (coordinator_group:manage) edit the group and its members. */
  protected readonly canManage = computed(() => this.auth.can(Permission.CoordinatorGroupManage));
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
        const meetings = group.isMember
          ? await firstValueFrom(this.api.meetings(this.groupId))
          : null;
        return { group, meetings };
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
