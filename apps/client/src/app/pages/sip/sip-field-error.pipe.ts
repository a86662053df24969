import { Pipe, type PipeTransform, inject } from '@angular/core';
import type { ValidationErrors } from '@angular/forms';
import { SERVER_ERROR, fieldMessage } from '../../core/forms/field-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import type { TranslationKey } from '../../core/i18n/sv';

/** The SIP rules' error codes (API FieldError.code) and what they mean for the person typing. */
export const SIP_FIELD_CODES: Readonly<Record<string, TranslationKey>> = {
  inFuture: 'sip.field.inFuture',
  inPast: 'sip.field.inPast',
  beforeStart: 'sip.field.beforeStart',
  notParticipating: 'sip.field.notParticipating',
  isUrl: 'sip.field.url',
  placeOrVideo: 'sip.field.placeOrVideo',
  protectedAddress: 'sip.field.protectedAddress',
};

/** `{{ control.errors | sipFieldError }}`: like `fieldError`, knowing the SIP rules' codes too. */
@Pipe({ name: 'sipFieldError', pure: false })
export class SipFieldErrorPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(errors: ValidationErrors | null | undefined): string {
    const server: unknown = errors?.[SERVER_ERROR];
    if (typeof server === 'string' && SIP_FIELD_CODES[server])
      return this.i18n.t(SIP_FIELD_CODES[server]);
    if (errors?.['placeOrVideo']) return this.i18n.t('sip.field.placeOrVideo');
    const message = fieldMessage(errors ?? null);
    return message ? this.i18n.t(message.key, message.params) : '';
  }
}

/** A local date and time (`YYYY-MM-DD`, `HH:MM`) as an ISO timestamp, or null when incomplete. */
export function localDateTime(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const at = new Date(`${date}T${time}:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** An ISO timestamp as the local `YYYY-MM-DD` and `HH:MM` for date and time inputs. */
export function splitDateTime(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}
