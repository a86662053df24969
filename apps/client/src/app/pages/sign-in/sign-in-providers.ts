import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { type OidcProviderDto, oidcStartPath } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { OidcApi } from '../../core/api/oidc-api.service';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/**
 * "Logga in med …": one link per identity provider of the organisations (issue 16). A link, not a
 * button: the sign-in leaves Samsyn for the provider's page and comes back through the API. Shows
 * nothing when no provider is configured or the list cannot be fetched (the password form works).
 */
@Component({
  selector: 'app-sign-in-providers',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (links().length) {
      <section class="providers" aria-labelledby="providers-title">
        <h2 id="providers-title">{{ 'oidc.providersTitle' | t }}</h2>
        <ul>
          @for (link of links(); track link.key) {
            <li>
              <a mat-stroked-button class="provider" [href]="link.href">
                {{ 'oidc.signInWith' | t: { name: link.name } }}
              </a>
            </li>
          }
        </ul>
        <p class="or">{{ 'oidc.or' | t }}</p>
      </section>
    }
  `,
  styles: `
    .providers {
      margin: 0 0 1.25rem;
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.125rem;
      font-weight: 600;
    }
    ul {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .provider {
      width: 100%;
      height: auto;
      min-height: 48px;
      white-space: normal;
    }
    .or {
      margin: 1rem 0 0;
      color: var(--mat-sys-on-surface-variant);
      text-align: center;
    }
  `,
})
export class SignInProviders {
  private readonly locale = inject(I18nService).locale;
  private readonly providers = signal<OidcProviderDto[]>([]);

  protected readonly links = computed(() =>
    this.providers().map((p) => ({
      key: p.key,
      name: p.displayName[this.locale()],
      href: oidcStartPath(p.key),
    })),
  );

  constructor() {
    firstValueFrom(inject(OidcApi).providers()).then(
      (providers) => this.providers.set(providers),
      () => undefined,
    );
  }
}
