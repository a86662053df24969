import { type Provider, Injectable, effect, inject } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { MatStepperIntl } from '@angular/material/stepper';
import { I18nService } from './i18n.service';

/** Material's paginator texts in the chosen language. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(I18nService);

  constructor() {
    super();
    effect(() => {
      const t = this.i18n;
      this.itemsPerPageLabel = t.t('paginator.itemsPerPage');
      this.nextPageLabel = t.t('paginator.next');
      this.previousPageLabel = t.t('paginator.previous');
      this.firstPageLabel = t.t('paginator.first');
      this.lastPageLabel = t.t('paginator.last');
      this.changes.next();
    });
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0 || pageSize === 0) return this.i18n.t('paginator.rangeEmpty', { length });
    const start = page * pageSize;
    const end = Math.min(start + pageSize, length);
    return this.i18n.t('paginator.range', { start: start + 1, end, length });
  };
}

/** Material's stepper texts ("Optional", …) in the chosen language. */
@Injectable()
export class TranslatedStepperIntl extends MatStepperIntl {
  private readonly i18n = inject(I18nService);

  constructor() {
    super();
    effect(() => {
      this.optionalLabel = this.i18n.t('wizard.optional');
      this.completedLabel = this.i18n.t('wizard.completed');
      this.editableLabel = this.i18n.t('wizard.editable');
      this.changes.next();
    });
  }
}

/**
 * Route providers for pages with paginators and steppers: kept out of the root injector so the
 * initial bundle does not carry Material modules the sign-in page never uses.
 */
export function provideMaterialIntl(): Provider[] {
  return [
    { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
    { provide: MatStepperIntl, useClass: TranslatedStepperIntl },
  ];
}
