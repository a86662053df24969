import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import {
  type ActionDto,
  ActionStatus,
  ErrorCode,
  TryggaHemAction,
  type TryggaHemCaseDto,
} from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { errorMessageKey, problemOf } from '../../../../../core/api/problem';
import { TryggaHemApi } from '../../../../../core/api/trygga-hem-api.service';
import { I18nService } from '../../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { nextActionStatus } from './assess';

/** What changed: the action as it is now, and the case as the API answered it. */
export interface ActionChange {
  action: ActionDto;
  profile: TryggaHemCaseDto;
}

/**
 * Marks a koordinatorsgrupp action done, or open again (issue 6 §6), on the case page and in the
 * meeting. A real button (Enter and Space), named with the action; the result is announced. The
 * action's version goes along: a stale one is a 409, said here, and the page reloads.
 */
@Component({
  selector: 'app-th-action-status-button',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: [':host { display: inline-block; } .form-error { margin: 0.25rem 0 0; }'],
  template: `
    <button
      mat-stroked-button
      type="button"
      class="th-action-status"
      [attr.data-action]="setStatusAction"
      [attr.data-action-id]="action().id"
      [attr.aria-busy]="pending() || null"
      (click)="toggle()"
    >
      {{ (done() ? 'th.actionStatus.reopen' : 'th.actionStatus.markDone') | t
      }}<span class="visually-hidden">: {{ action().description }}</span>
    </button>
    @if (error(); as e) {
      <p class="form-error" role="alert">{{ e | t }}</p>
    }
  `,
})
export class ActionStatusButton {
  private readonly api = inject(TryggaHemApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);

  /** Shown only where `action.allowedActions` has `th.setActionStatus`. */
  readonly action = input.required<ActionDto>();
  protected readonly setStatusAction = TryggaHemAction.SetActionStatus;
  readonly changed = output<ActionChange>();
  /** The action changed elsewhere (409): the page reloads it. */
  readonly stale = output<void>();

  protected readonly done = computed(() => this.action().status === ActionStatus.Done);
  protected readonly pending = signal(false);
  protected readonly error = signal<TranslationKey | null>(null);

  protected async toggle(): Promise<void> {
    // Not disabled while saving: a disabled button would drop the keyboard focus.
    if (this.pending()) return;
    const action = this.action();
    const status = nextActionStatus(action);
    this.pending.set(true);
    this.error.set(null);
    try {
      const profile = await firstValueFrom(
        this.api.updateAction(action.id, { version: action.version, status }),
      );
      const updated = profile.actions?.find((a) => a.id === action.id);
      if (updated) this.changed.emit({ action: updated, profile });
      else this.stale.emit();
      void this.announcer.announce(
        this.i18n.t(
          status === ActionStatus.Done ? 'th.actionStatus.done' : 'th.actionStatus.reopened',
          { description: action.description },
        ),
        'polite',
      );
    } catch (error: unknown) {
      if (problemOf(error)?.code === ErrorCode.VersionConflict) {
        this.error.set('th.actionStatus.conflict');
        // Said aloud as well: after the reload the action may have left the list (done elsewhere).
        void this.announcer.announce(this.i18n.t('th.actionStatus.conflict'), 'assertive');
        this.stale.emit();
      } else {
        this.error.set(errorMessageKey(error));
      }
    } finally {
      this.pending.set(false);
    }
  }
}
