import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { SipMeetingDto, SipReceivedInvitationDto } from '@samsyn/common';
import { distinctUntilChanged, firstValueFrom, map } from 'rxjs';
import { errorMessageKey } from '../../core/api/problem';
import { SipApi } from '../../core/api/sip-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { SipMeetingCard } from './sip-meeting-card';

type State =
  | { kind: 'loading' }
  | { kind: 'meeting'; meeting: SipMeetingDto }
  /** An invited unit without access to the case sees the meeting through its invitation. */
  | { kind: 'invitation'; invitation: SipReceivedInvitationDto }
  | { kind: 'error'; key: TranslationKey };

/** `/sip/moten/:id`, the page the calendar file links to: the meeting and its invitations' state. */
@Component({
  selector: 'app-sip-meeting-page',
  imports: [RouterLink, TranslatePipe, LabelPipe, WhenPipe, SipMeetingCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 tabindex="-1">{{ 'sip.meeting.title' | t }}</h1>
    @switch (state().kind) {
      @case ('loading') {
        <p class="muted" role="status">{{ 'common.loading' | t }}</p>
      }
      @case ('error') {
        @let s = state();
        <div class="alert" role="alert">
          <p>{{ (s.kind === 'error' ? s.key : 'error.unknown') | t }}</p>
        </div>
      }
    }
    @let s = state();
    @if (s.kind === 'meeting') {
      <p class="subtitle">
        <a [routerLink]="['/', paths.cases, s.meeting.caseId]" [queryParams]="{ flik: 'sip' }">{{
          'sip.plan.backToCase' | t: { number: s.meeting.caseNumber }
        }}</a>
      </p>
      <app-sip-meeting-card
        [meeting]="s.meeting"
        [linkToPage]="false"
        [headingLevel]="2"
        (changed)="meetingChanged($event)"
      />
    } @else if (s.kind === 'invitation') {
      @let inv = s.invitation;
      <p class="notice">{{ 'sip.meeting.viaInvitation' | t }}</p>
      <dl class="facts">
        <dt>{{ 'sip.inbox.case' | t: { number: inv.caseNumber } }}</dt>
        <dd>{{ inv.kind | label: 'sipInvitationKind' }}</dd>
        <dt>{{ 'sip.meeting.time' | t }}</dt>
        <dd>{{ inv.meeting.startsAt | when: 'dateTime' }}</dd>
        <dt>{{ 'sip.meeting.place' | t }}</dt>
        <dd>{{ inv.meeting.place ?? inv.meeting.videoLink }}</dd>
        <dt>{{ 'sip.meeting.answer' | t }}</dt>
        <dd>{{ inv.state | label: 'sipInvitationState' }}</dd>
      </dl>
      <a [routerLink]="['/', paths.sip, paths.sipInvitations]">{{ 'sip.inbox.title' | t }}</a>
    }
  `,
})
export class SipMeetingPage {
  private readonly api = inject(SipApi);
  protected readonly paths = APP_PATHS;
  protected readonly state = signal<State>({ kind: 'loading' });

  constructor() {
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((p) => p.get('id') ?? ''),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((id) => void this.load(id));
  }

  private async load(id: string): Promise<void> {
    this.state.set({ kind: 'loading' });
    try {
      this.state.set({ kind: 'meeting', meeting: await firstValueFrom(this.api.meeting(id)) });
    } catch (error: unknown) {
      const status = error instanceof HttpErrorResponse ? error.status : 0;
      if (status === 403 || status === 404) {
        const mine = await firstValueFrom(this.api.invitations()).catch(() => []);
        const invitation = mine.find((i) => i.meetingId === id);
        if (invitation) return this.state.set({ kind: 'invitation', invitation });
      }
      this.state.set({ kind: 'error', key: errorMessageKey(error) });
    }
  }

  protected meetingChanged(meeting: SipMeetingDto): void {
    this.state.set({ kind: 'meeting', meeting });
  }
}
