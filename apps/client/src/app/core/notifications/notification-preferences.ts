import { ChangeDetectionStrategy, Component, inject, input, signal, computed } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatRadioModule } from '@angular/material/radio';
import { EmailMode, type NotificationPreferencesDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { NotificationsApi } from '../api/notifications-api.service';
import { errorMessageKey } from '../api/problem';
import { I18nService } from '../i18n/i18n.service';
import type { TranslationKey } from '../i18n/sv';
import { TranslatePipe } from '../i18n/translate.pipe';

type PrefsState =
  | { kind: 'loading' }
  | { kind: 'loaded'; prefs: NotificationPreferencesDto }
  | { kind: 'error'; key: TranslationKey };

const EMAIL_MODES: readonly EmailMode[] = [EmailMode.Immediate, EmailMode.Digest, EmailMode.Off];
const EMAIL_MODE_KEYS: Readonly<Record<EmailMode, TranslationKey>> = {
  [EmailMode.Immediate]: 'notifications.emailMode.immediate',
  [EmailMode.Digest]: 'notifications.emailMode.digest',
  [EmailMode.Off]: 'notifications.emailMode.off',
};

/**
 * How reminders reach the user by e-mail (at once, a daily digest, not at all): a section of the
 * notifications page and of "Mitt konto". For users with notification:read (the host checks).
 */
@Component({
  selector: 'app-notification-preferences',
  imports: [ReactiveFormsModule, MatButtonModule, MatRadioModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel prefs" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{{ heading() | t }}</h2>
      <p class="hint">{{ 'notifications.prefsIntro' | t }}</p>
      @if (prefsState().kind === 'loading') {
        <p class="muted">{{ 'common.loading' | t }}</p>
      }
      @if (prefsLoadError(); as error) {
        <div class="alert" role="alert">
          <p>{{ error | t }}</p>
          <button mat-stroked-button type="button" (click)="loadPreferences()">
            {{ 'common.retry' | t }}
          </button>
        </div>
      }
      @if (prefs(); as current) {
        <form [formGroup]="prefsForm" (ngSubmit)="savePreferences()">
          <p id="email-mode-label" class="field-label">{{ 'notifications.emailMode' | t }}</p>
          @if (!current.emailAvailable) {
            <p id="email-unavailable" class="notice">
              {{ 'notifications.emailUnavailable' | t }}
            </p>
          }
          <mat-radio-group
            class="radio-column"
            formControlName="emailMode"
            aria-labelledby="email-mode-label"
            [attr.aria-describedby]="!current.emailAvailable ? 'email-unavailable' : null"
          >
            @for (mode of emailModes; track mode) {
              <mat-radio-button [value]="mode">{{ modeKeys[mode] | t }}</mat-radio-button>
            }
          </mat-radio-group>
          @if (prefsError(); as error) {
            <p class="form-error" role="alert">{{ error | t }}</p>
          }
          <div class="form-actions">
            <button
              mat-flat-button
              type="submit"
              [disabled]="savingPrefs() || !current.emailAvailable"
            >
              {{ 'common.save' | t }}
            </button>
          </div>
          <div role="status">
            @if (prefsStatus()()) {
              <p>{{ prefsStatus()() }}</p>
            }
          </div>
        </form>
      }
    </section>
  `,
  styles: `
    .field-label {
      margin: 0 0 0.5rem;
      font-weight: 600;
    }

    .radio-column {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
    }
  `,
})
export class NotificationPreferences {
  private readonly api = inject(NotificationsApi);
  private readonly i18n = inject(I18nService);
  private readonly fb = inject(NonNullableFormBuilder);

  /** The section's heading. */
  readonly heading = input<TranslationKey>('notifications.prefsTitle');

  protected readonly emailModes = EMAIL_MODES;
  protected readonly modeKeys = EMAIL_MODE_KEYS;
  protected readonly prefsState = signal<PrefsState>({ kind: 'loading' });
  protected readonly prefs = computed(() => {
    const state = this.prefsState();
    return state.kind === 'loaded' ? state.prefs : null;
  });
  protected readonly prefsLoadError = computed(() => {
    const state = this.prefsState();
    return state.kind === 'error' ? state.key : null;
  });
  protected readonly prefsError = signal<TranslationKey | null>(null);
  protected readonly prefsStatus = signal<() => string>(() => '');
  protected readonly savingPrefs = signal(false);
  protected readonly prefsForm = this.fb.group({ emailMode: [EmailMode.Off as EmailMode] });

  constructor() {
    void this.loadPreferences();
  }

  protected async savePreferences(): Promise<void> {
    if (this.savingPrefs() || !this.prefs()?.emailAvailable) return;
    this.savingPrefs.set(true);
    this.prefsError.set(null);
    this.prefsStatus.set(() => '');
    try {
      const prefs = await firstValueFrom(
        this.api.setPreferences(this.prefsForm.controls.emailMode.value),
      );
      this.applyPreferences(prefs);
      this.prefsStatus.set(() => this.i18n.t('notifications.prefsSaved'));
    } catch (error: unknown) {
      this.prefsError.set(errorMessageKey(error));
    } finally {
      this.savingPrefs.set(false);
    }
  }

  protected async loadPreferences(): Promise<void> {
    this.prefsState.set({ kind: 'loading' });
    try {
      this.applyPreferences(await firstValueFrom(this.api.preferences()));
    } catch (error: unknown) {
      this.prefsState.set({ kind: 'error', key: errorMessageKey(error) });
    }
  }

  private applyPreferences(prefs: NotificationPreferencesDto): void {
    this.prefsState.set({ kind: 'loaded', prefs });
    const control = this.prefsForm.controls.emailMode;
    control.setValue(prefs.emailMode);
    if (prefs.emailAvailable) control.enable();
    else control.disable();
  }
}
