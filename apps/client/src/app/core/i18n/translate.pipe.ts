import { Pipe, type PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';
import type { TextKey, TranslationParams } from './translate';

/**
 * `{{ 'nav.cases' | t }}`, or for a plural text `{{ 'cases.resultCount' | t: { count } }}`.
 * Impure so it re-reads the text on every check; the language signal it reads marks the view for
 * checking when the language changes (zoneless, OnPush).
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TextKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
