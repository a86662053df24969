import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { OIDC_REFUSED_REASON_PARAM, OidcRefusal } from '@samsyn/common';
import { map } from 'rxjs';
import { APP_PATHS } from '../../core/app-paths';
import type { TranslationKey } from '../../core/i18n/sv';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

const REASONS = new Set<string>(Object.values(OidcRefusal));

/**
 * Where the API sends a refused sign-in through an identity provider (`/logga-in/nekad?orsak=…`):
 * why, in the user's language, and the way back to sign-in. The reason is only a code: the page
 * shows no identity.
 */
@Component({
  selector: 'app-sign-in-refused-page',
  imports: [MatButtonModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="refused">
      <section class="card" aria-labelledby="refused-title">
        <h1 id="refused-title" tabindex="-1">{{ 'oidc.refusedTitle' | t }}</h1>
        <p class="reason" role="alert">{{ messageKey() | t }}</p>
        <p>{{ 'oidc.refusedAudited' | t }}</p>
        <a mat-flat-button [routerLink]="signInLink">{{ 'oidc.backToSignIn' | t }}</a>
      </section>
    </div>
  `,
  styles: `
    .refused {
      display: flex;
      justify-content: center;
      padding-top: 3rem;
    }
    .card {
      width: 100%;
      max-width: 480px;
      padding: 2rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      background: var(--mat-sys-surface-container-lowest);
      box-sizing: border-box;
    }
    h1 {
      margin: 0 0 1rem;
      font-size: 1.75rem;
      font-weight: 600;
      &:focus {
        outline: none;
      }
    }
    .reason {
      padding: 0.75rem 1rem;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class SignInRefusedPage {
  protected readonly signInLink = `/${APP_PATHS.signIn}`;
  private readonly reason = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((q) => q.get(OIDC_REFUSED_REASON_PARAM))),
  );
  protected readonly messageKey = computed<TranslationKey>(() => {
    const reason = this.reason();
    return reason && REASONS.has(reason)
      ? (`oidc.refused.${reason}` as TranslationKey)
      : 'oidc.refused.unknown';
  });
}
