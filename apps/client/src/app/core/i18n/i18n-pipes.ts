import { Pipe, type PipeTransform, inject } from '@angular/core';
import { formatWhen, languageName, type WhenFormat } from './format';
import { I18nService } from './i18n.service';
import { type LabelGroup, labelKey } from './labels';

/**
 * `{{ c.status | label: 'status' }}`: the name of an API code in the current language, or the
 * code itself when the client has no name for it. Impure, like `t`, to follow the language.
 */
@Pipe({ name: 'label', pure: false })
export class LabelPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(code: string | null | undefined, group: LabelGroup): string {
    if (code === null || code === undefined) return '';
    const key = labelKey(group, code);
    return key ? this.i18n.t(key) : code;
  }
}

/** `{{ at | when: 'dateTime' }}`: a date or timestamp formatted for the current language. */
@Pipe({ name: 'when', pure: false })
export class WhenPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(value: string | null | undefined, format: WhenFormat = 'date'): string {
    return formatWhen(value, format, this.i18n.locale());
  }
}

/** `{{ person.language | languageName }}`: "arabiska" / "Arabic" for `ar`. */
@Pipe({ name: 'languageName', pure: false })
export class LanguageNamePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(code: string | null | undefined): string {
    return languageName(code, this.i18n.locale());
  }
}
