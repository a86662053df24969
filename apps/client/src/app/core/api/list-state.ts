import { type Observable, catchError, map, of } from 'rxjs';
import type { TranslationKey } from '../i18n/sv';
import { errorMessageKey } from './problem';

/** A list page's state: loading, the page it got, or the message for a failed request. */
export type ListState<P> =
  { kind: 'loading' } | { kind: 'loaded'; page: P } | { kind: 'error'; key: TranslationKey };

/** One request's outcome as a list state: its page, or the failure's message. */
export function listStateOf<P>(request: Observable<P>): Observable<ListState<P>> {
  return request.pipe(
    map((page): ListState<P> => ({ kind: 'loaded', page })),
    catchError((error: unknown) =>
      of<ListState<P>>({ kind: 'error', key: errorMessageKey(error) }),
    ),
  );
}

/** The page of a loaded state, else null. */
export function loadedPage<P>(state: ListState<P>): P | null {
  return state.kind === 'loaded' ? state.page : null;
}

/** The message of a failed state, else null. */
export function failureKey(state: ListState<unknown>): TranslationKey | null {
  return state.kind === 'error' ? state.key : null;
}
