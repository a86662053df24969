import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import {
  type FormGroupDirective,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  type ActionDto,
  type AgendaItemDto,
  type AttendedUnitInputDto,
  type BoardRowDto,
  type CoordinatorGroupDto,
  ErrorCode,
  type MeetingDto,
  MeetingStatus,
  TryggaHemAction,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { MAX_PAGE_SIZE } from '../../core/api/paging';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { TryggaHemApi } from '../../core/api/trygga-hem-api.service';
import { APP_PATHS } from '../../core/app-paths';
import { FieldErrorPipe } from '../../core/forms/field-error.pipe';
import { focusFirstInvalid } from '../../core/forms/focus-invalid';
import { applyServerErrors } from '../../core/forms/server-errors';
import { required } from '../../core/forms/validators';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  ConfirmDialog,
  type ConfirmDialogData,
  type ConfirmDialogResult,
} from '../../core/ui/confirm-dialog';
import { MeetingAttendance } from '../../core/ui/meeting-attendance';
import { ActionStatusButton } from '../cases/case/tabs/trygga-hem/action-status-button';
import { withChangedActions } from '../cases/case/tabs/trygga-hem/assess';
import { addItem, agendaChanged, focusAfterMove, moveItem, removeItem } from './agenda';
import { type LoadState, loadInto, loadedValue, swedishToday } from './load-state';

/** A case the agenda can name: from the meeting's items or the group's board. */
interface AgendaCase {
  caseId: string;
  caseNumber: string;
  subjectName: string | null;
}

/**
 * Meeting mode (issue 6 §6): the proposed agenda, edited with keyboard-accessible buttons; the
 * cases one by one with the group's decision and actions; the previous meetings' open actions;
 * and approval, after which the minutes are read-only. Large type for a projector; printable.
 */
@Component({
  selector: 'app-meeting-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LabelPipe,
    WhenPipe,
    FieldErrorPipe,
    ActionStatusButton,
    MeetingAttendance,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './trygga-hem.scss',
  templateUrl: './meeting.page.html',
  host: { '[class.projector]': 'projector()' },
})
export class MeetingPage {
  private readonly api = inject(TryggaHemApi);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly paths = APP_PATHS;
  protected readonly meetingId = this.route.snapshot.paramMap.get('meetingId') ?? '';
  protected readonly state = signal<LoadState<MeetingDto>>({ kind: 'loading' });
  protected readonly meeting = computed(() => loadedValue(this.state()));
  protected readonly approved = computed(() => this.meeting()?.status === MeetingStatus.Approved);
  protected readonly actions = TryggaHemAction;

  /** Whether the API lists `action` for the caller on this meeting (it enforces the same rule). */
  protected can(action: TryggaHemAction): boolean {
    return this.meeting()?.allowedActions.includes(action) === true;
  }
  protected readonly group = signal<CoordinatorGroupDto | null>(null);
  /** The group's open cases (agenda candidates), from the board. */
  private readonly candidates = signal<BoardRowDto[]>([]);

  /** Large type and the meeting alone on screen, for a projector. */
  protected readonly projector = signal(false);

  // ------------------------------------------------------------------ agenda editing
  protected readonly draft = signal<string[]>([]);
  protected readonly draftChanged = computed(() => {
    const m = this.meeting();
    return (
      !!m &&
      agendaChanged(
        this.draft(),
        m.items.map((i) => i.caseId),
      )
    );
  });
  private readonly casesById = computed(() => {
    const map = new Map<string, AgendaCase>();
    for (const row of this.candidates()) map.set(row.caseId, row);
    for (const item of this.meeting()?.items ?? []) map.set(item.caseId, item);
    return map;
  });
  protected readonly draftCases = computed(() =>
    this.draft().map(
      (id) => this.casesById().get(id) ?? { caseId: id, caseNumber: id, subjectName: null },
    ),
  );
  protected readonly addable = computed(() =>
    this.candidates().filter((row) => !this.draft().includes(row.caseId)),
  );
  protected readonly addForm = this.fb.group({ caseId: ['', required] });

  // ------------------------------------------------------------------ case by case
  protected readonly current = signal(0);
  protected readonly currentItem = computed<AgendaItemDto | null>(
    () => this.meeting()?.items[this.current()] ?? null,
  );
  protected readonly owners = computed(() =>
    (this.group()?.members ?? []).map((m) => ({
      id: m.id,
      userId: m.user.id,
      organisationId: m.organisation.id,
      label: `${m.user.displayName}, ${m.organisation.name}`,
    })),
  );
  protected readonly decisionForm = this.fb.group({
    decision: ['', [required, Validators.maxLength(5000)]],
  });
  protected readonly actionForm = this.fb.group({
    description: ['', [required, Validators.maxLength(1000)]],
    owner: ['', required],
    dueOn: ['', required],
  });
  protected readonly today = swedishToday();

  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);
  /** Someone else changed the meeting: offer to reload rather than overwrite. */
  protected readonly conflict = signal(false);

  constructor() {
    void this.load();
    // A new version of the meeting resets the agenda draft …
    effect(() => {
      const m = this.meeting();
      untracked(() => {
        if (m) this.draft.set(m.items.map((i) => i.caseId));
      });
    });
    // … and the decision form follows the current item (and its saved decision).
    effect(() => {
      const item = this.currentItem();
      untracked(() => this.decisionForm.reset({ decision: item?.decision ?? '' }));
    });
  }

  protected async load(): Promise<void> {
    const first = this.state().kind !== 'loaded';
    if (first) this.state.set({ kind: 'loading' });
    const next = await loadInto(() => firstValueFrom(this.api.meeting(this.meetingId)));
    this.state.set(next);
    if (next.kind === 'loaded' && first) void this.loadGroup(next.value);
  }

  private async loadGroup(meeting: MeetingDto): Promise<void> {
    try {
      this.group.set(await firstValueFrom(this.api.group(meeting.groupId)));
      if (meeting.status !== MeetingStatus.Approved) {
        const board = await firstValueFrom(
          this.api.board(meeting.groupId, { pageSize: MAX_PAGE_SIZE, sort: 'caseNumber' }),
        );
        this.candidates.set(board.items);
      }
    } catch {
      // Without them only adding cases and naming owners are unavailable; the page says so.
    }
  }

  protected toggleProjector(): void {
    this.projector.update((on) => !on);
  }

  protected print(): void {
    this.document.defaultView?.print();
  }

  // ------------------------------------------------------------------ agenda
  protected move(index: number, step: -1 | 1): void {
    const next = moveItem(this.draft(), index, step);
    this.draft.set(next);
    const target = focusAfterMove(index + step, next.length, step);
    const moved = this.draftCases()[target.index];
    void this.announcer.announce(
      this.i18n.t('th.agenda.moved', { number: moved.caseNumber, position: target.index + 1 }),
      'polite',
    );
    afterNextRender(() => this.focus(`#agenda-${target.direction}-${target.index}`), {
      injector: this.injector,
    });
  }

  protected remove(caseId: string, index: number): void {
    const removed = this.casesById().get(caseId);
    this.draft.set(removeItem(this.draft(), caseId));
    void this.announcer.announce(
      this.i18n.t('th.agenda.removed', { number: removed?.caseNumber ?? '' }),
      'polite',
    );
    const remaining = this.draft().length;
    afterNextRender(
      () =>
        this.focus(
          remaining ? `#agenda-remove-${Math.min(index, remaining - 1)}` : '#agenda-add-case',
        ),
      { injector: this.injector },
    );
  }

  protected add(): void {
    const caseId = this.addForm.getRawValue().caseId;
    if (!caseId) {
      this.addForm.markAllAsTouched();
      return;
    }
    this.draft.set(addItem(this.draft(), caseId));
    this.addForm.reset({ caseId: '' });
    void this.announcer.announce(
      this.i18n.t('th.agenda.added', { number: this.casesById().get(caseId)?.caseNumber ?? '' }),
      'polite',
    );
  }

  protected resetAgenda(): void {
    const m = this.meeting();
    if (m) this.draft.set(m.items.map((i) => i.caseId));
  }

  protected async saveAgenda(): Promise<void> {
    const m = this.meeting();
    if (!m) return;
    await this.write(async () => {
      this.state.set({
        kind: 'loaded',
        value: await firstValueFrom(this.api.updateAgenda(m.id, m.version, this.draft())),
      });
      this.current.set(0);
      void this.announcer.announce(this.i18n.t('th.agenda.saved'), 'polite');
    });
  }

  // ------------------------------------------------------------------ case by case
  protected goTo(index: number): void {
    const count = this.meeting()?.items.length ?? 0;
    if (index < 0 || index >= count) return;
    this.current.set(index);
    this.actionForm.reset({ description: '', owner: '', dueOn: '' });
    afterNextRender(() => this.focus('#current-item-title'), { injector: this.injector });
  }

  protected async saveDecision(): Promise<void> {
    const m = this.meeting();
    const item = this.currentItem();
    if (!m || !item) return;
    if (this.decisionForm.invalid) {
      this.decisionForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section('#decision-form')), {
        injector: this.injector,
      });
      return;
    }
    const decision = this.decisionForm.getRawValue().decision.trim();
    await this.write(
      async () => {
        const updated = await firstValueFrom(
          this.api.recordDecision(m.id, item.id, item.version, decision),
        );
        this.state.set({ kind: 'loaded', value: updated });
        void this.announcer.announce(
          this.i18n.t('th.meeting.decisionSaved', { number: item.caseNumber }),
          'polite',
        );
      },
      (error) => applyServerErrors(this.decisionForm, error),
    );
  }

  /** `form` is the template's directive: resetting through it clears its submitted state too. */
  protected async addAction(form: FormGroupDirective): Promise<void> {
    const m = this.meeting();
    const item = this.currentItem();
    if (!m || !item) return;
    if (this.actionForm.invalid) {
      this.actionForm.markAllAsTouched();
      afterNextRender(() => focusFirstInvalid(this.section('#action-form')), {
        injector: this.injector,
      });
      return;
    }
    const value = this.actionForm.getRawValue();
    const owner = this.owners().find((o) => o.id === value.owner);
    if (!owner) return;
    await this.write(
      async () => {
        await firstValueFrom(
          this.api.addAction(m.id, item.id, {
            description: value.description.trim(),
            ownerOrganisationId: owner.organisationId,
            ownerUserId: owner.userId,
            dueOn: value.dueOn,
          }),
        );
        form.resetForm({ description: '', owner: '', dueOn: '' });
        await this.load();
        void this.announcer.announce(
          this.i18n.t('th.meeting.actionAdded', { number: item.caseNumber }),
          'polite',
        );
        afterNextRender(() => this.focus('#action-description'), { injector: this.injector });
      },
      (error) =>
        applyServerErrors(this.actionForm, error, (path) =>
          path === 'ownerUserId' || path === 'ownerOrganisationId' ? 'owner' : path,
        ),
    );
  }

  protected async approve(): Promise<void> {
    const m = this.meeting();
    if (!m) return;
    const data: ConfirmDialogData = {
      title: 'th.meeting.approveTitle',
      message: 'th.meeting.approveConfirm',
      confirm: 'th.meeting.approve',
    };
    const confirmed = await firstValueFrom(
      this.dialog
        .open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult | null>(ConfirmDialog, {
          data,
          width: '480px',
        })
        .afterClosed(),
    );
    if (!confirmed) return;
    await this.write(async () => {
      this.state.set({
        kind: 'loaded',
        value: await firstValueFrom(this.api.approve(m.id, m.version)),
      });
      void this.announcer.announce(this.i18n.t('th.meeting.approved'), 'polite');
      afterNextRender(() => this.focus('h1'), { injector: this.injector });
    });
  }

  /** Records who took part (issue 17 §2); the page then shows the meeting as answered. */
  protected readonly saveAttendance = async (units: AttendedUnitInputDto[]): Promise<void> => {
    const m = this.meeting()!;
    this.state.set({
      kind: 'loaded',
      value: await firstValueFrom(this.api.recordAttendance(m.id, m.version, units)),
    });
  };

  protected async reloadAfterConflict(): Promise<void> {
    this.conflict.set(false);
    this.error.set(null);
    await this.load();
    void this.announcer.announce(this.i18n.t('th.reloaded'), 'polite');
  }

  /** One write at a time; conflicts offer a reload, other failures say what went wrong. */
  private async write(run: () => Promise<void>, onError?: (error: unknown) => void): Promise<void> {
    if (this.pending()) return;
    this.pending.set(true);
    this.error.set(null);
    this.conflict.set(false);
    try {
      await run();
    } catch (error: unknown) {
      const problem = problemOf(error);
      if (problem?.code === ErrorCode.VersionConflict) {
        this.conflict.set(true);
        afterNextRender(() => this.focus('#meeting-conflict-reload'), { injector: this.injector });
      } else if (problem?.code === ErrorCode.RuleViolation) {
        // 409: the minutes were approved meanwhile; 422: something on the agenda is undecided.
        this.error.set(
          problem.status === 409 ? 'th.meeting.alreadyApproved' : 'th.meeting.undecided',
        );
        if (problem.status === 409) await this.load();
      } else {
        this.error.set(errorMessageKey(error));
        onError?.(error);
      }
    } finally {
      this.pending.set(false);
    }
  }

  // ------------------------------------------------------------------ earlier meetings' actions
  /**
   * Open actions from earlier meetings are marked done here while the meeting is open: each one
   * the API allows `th.setActionStatus` on (the column shows when any is).
   */
  protected readonly canChangeActions = computed(
    () =>
      !this.approved() &&
      this.carriedOver().some((a) => a.allowedActions.includes(TryggaHemAction.SetActionStatus)),
  );

  /** Actions changed here: a done one stays in the list (to be opened again) until a reload. */
  private readonly changedActions = signal<ReadonlyMap<string, ActionDto>>(new Map());
  protected readonly carriedOver = computed(() =>
    withChangedActions(this.meeting()?.carriedOverActions ?? [], this.changedActions()),
  );

  protected actionChanged(action: ActionDto): void {
    this.changedActions.update((changed) => new Map(changed).set(action.id, action));
  }

  private section(selector: string): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(selector);
  }

  private focus(selector: string): void {
    this.section(selector)?.focus();
  }
}
