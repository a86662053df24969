import { errorMessageKey } from '../../core/api/problem';
import type { TranslationKey } from '../../core/i18n/sv';

/** A page's data: loading, loaded or failed with a message a person can act on. */
export type LoadState<T> =
  { kind: 'loading' } | { kind: 'loaded'; value: T } | { kind: 'error'; key: TranslationKey };

/** Runs `load` into a LoadState (never throws). */
export async function loadInto<T>(load: () => Promise<T>): Promise<LoadState<T>> {
  try {
    return { kind: 'loaded', value: await load() };
  } catch (error: unknown) {
    return { kind: 'error', key: errorMessageKey(error) };
  }
}

export function loadedValue<T>(state: LoadState<T>): T | null {
  return state.kind === 'loaded' ? state.value : null;
}

/** Today in Sweden as YYYY-MM-DD (the API's dates are Swedish calendar days). */
export function swedishToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
