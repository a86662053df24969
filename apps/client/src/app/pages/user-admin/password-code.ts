import { Clipboard } from '@angular/cdk/clipboard';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { PasswordResetResultDto } from '@samsyn/common';
import { APP_PATHS } from '../../core/app-paths';
import { WhenPipe } from '../../core/i18n/i18n-pipes';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/**
 * How a one-time set-password code went out: "sent by e-mail", or the code itself — shown once
 * (the API keeps only its hash), with a copy button and where the user types it in.
 */
@Component({
  selector: 'app-password-code',
  imports: [MatButtonModule, TranslatePipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = result();
    <section
      class="panel notice"
      aria-labelledby="password-code-title"
      id="password-code"
      tabindex="-1"
    >
      <h2 id="password-code-title">{{ 'userAdmin.codeTitle' | t }}</h2>
      @if (r.delivery === 'code') {
        <p>{{ 'userAdmin.codeShownOnce' | t: { until: (r.expiresAt | when: 'dateTime') } }}</p>
        <p class="one-time-code" data-testid="one-time-code">{{ r.code }}</p>
        <p>{{ 'userAdmin.codeLink' | t: { link: link(r.code) } }}</p>
        <button mat-stroked-button type="button" (click)="copy(r.code)">
          {{ 'userAdmin.copyCode' | t }}
        </button>
      } @else {
        <p>{{ 'userAdmin.sentByEmail' | t: { until: (r.expiresAt | when: 'dateTime') } }}</p>
      }
    </section>
  `,
  styleUrl: './user-admin.scss',
})
export class PasswordCode {
  private readonly clipboard = inject(Clipboard);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly origin = inject(DOCUMENT).location.origin;

  readonly result = input.required<PasswordResetResultDto>();
  /** Where the user chooses the password with the code. */
  protected link(code: string): string {
    return `${this.origin}/${APP_PATHS.setPassword}/${code}`;
  }

  protected copy(code: string): void {
    if (this.clipboard.copy(code))
      void this.announcer.announce(this.i18n.t('userAdmin.copied'), 'polite');
  }
}
