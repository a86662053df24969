import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { LOCALES, type Locale } from '@samsyn/common';
import { LocalePreference } from '../auth/locale-preference';
import { I18nService } from '../i18n/i18n.service';
import { LOCALE_NAMES } from '../i18n/translate';
import { TranslatePipe } from '../i18n/translate.pipe';

/**
 * Svenska | English, each option marked with its own language for screen readers. When signed
 * in, the choice is saved on the account (LocalePreference).
 */
@Component({
  selector: 'app-language-switch',
  imports: [MatButtonToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      class="language-switch"
      hideSingleSelectionIndicator
      [attr.aria-label]="'language.label' | t"
      [value]="i18n.locale()"
      (change)="select($event.value)"
    >
      @for (locale of locales; track locale) {
        <mat-button-toggle [value]="locale" [attr.lang]="locale">{{
          names[locale]
        }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
  styles: `
    .language-switch {
      --mat-button-toggle-height: 36px;
      font-size: 0.875rem;
    }
  `,
})
export class LanguageSwitch {
  protected readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly preference = inject(LocalePreference);
  protected readonly locales = LOCALES;
  protected readonly names = LOCALE_NAMES;

  protected select(value: unknown): void {
    if (value !== 'sv' && value !== 'en') return;
    void this.preference.choose(value satisfies Locale);
    // The last announcement ("43 ärenden hittades.") stays in the live region's hidden text;
    // it is in the old language now.
    this.announcer.clear();
  }
}
