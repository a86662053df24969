import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18nService } from './i18n.service';
import type { TranslationKey } from './sv';

/** Route `title`s are translation keys; the document title follows the language. */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private readonly key = signal<TranslationKey | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const app = this.i18n.t('app.name');
      const key = this.key();
      this.title.setTitle(key ? `${this.i18n.t(key)} – ${app}` : app);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key.set(this.buildTitle(snapshot) as TranslationKey | undefined);
  }
}
