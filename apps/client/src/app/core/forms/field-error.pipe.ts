import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { ValidationErrors } from '@angular/forms';
import { I18nService } from '../i18n/i18n.service';
import { fieldMessage } from './field-errors';

/** `<mat-error>{{ control.errors | fieldError }}</mat-error>`: the control's error, translated. */
@Pipe({ name: 'fieldError', pure: false })
export class FieldErrorPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(errors: ValidationErrors | null | undefined): string {
    const message = fieldMessage(errors ?? null);
    return message ? this.i18n.t(message.key, message.params) : '';
  }
}
