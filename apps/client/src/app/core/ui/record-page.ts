import { DOCUMENT, Location } from '@angular/common';
import {
  DestroyRef,
  Directive,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { type Observable, catchError, firstValueFrom, map, of, switchMap } from 'rxjs';
import { errorMessageKey, problemOf } from '../api/problem';
import { fieldMessage } from '../forms/field-errors';
import type { TranslationKey } from '../i18n/sv';
import type { TranslationParams } from '../i18n/translate';

export type RecordState<T> =
  { kind: 'loading' } | { kind: 'loaded'; record: T } | { kind: 'error'; key: TranslationKey };

/** A message after an action, focused so that keyboard and screen-reader users hear it. */
export interface PageMessage {
  key: TranslationKey;
  params?: TranslationParams;
}

/**
 * What an administration page of one record (`:id` in the route) does the same way: loads it,
 * says a message handed over in the history state once (then clears it, so that a reload or a
 * step back does not say it again) or else moves focus to the heading, reloads after a 409,
 * takes a saved version, and runs an action with a busy flag, a focused message and a focused
 * error (the API's rule when it names one). Message ids: `<prefix>-message`, `<prefix>-action-error`.
 */
@Directive()
export abstract class RecordPage<T extends { id: string }> {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly location = inject(Location);
  private readonly route = inject(ActivatedRoute);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<RecordState<T>>({ kind: 'loading' });
  protected readonly record = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.record : null;
  });
  protected readonly errorKey = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.key : null;
  });
  protected readonly message = signal<PageMessage | null>(null);
  protected readonly actionError = signal<TranslationKey | null>(null);
  protected readonly busy = signal(false);

  /** The prefix of the message ids in the template. */
  protected abstract readonly idPrefix: string;
  protected abstract fetch(id: string): Observable<T>;

  /**
   * Reads what the previous page handed over under `stateKey` (cleared at once), then loads the
   * record of the route; `handed` turns what was handed over into the message said on loading.
   * Called from the subclass's constructor, once its own fields are there.
   */
  protected loadFromRoute<H>(
    stateKey: string,
    handed: (value: H, record: T) => PageMessage | null,
    cleared: unknown,
  ): H | undefined {
    const history = (this.location.getState() ?? {}) as Record<string, unknown>;
    const value = history[stateKey] as H | undefined;
    const given = value !== undefined && value !== null && value !== false;
    if (given)
      this.location.replaceState(this.location.path(true), '', {
        ...history,
        [stateKey]: cleared,
      });
    this.route.paramMap
      .pipe(
        map((params) => params.get('id') ?? ''),
        switchMap((id) =>
          this.fetch(id).pipe(
            map((record): RecordState<T> => ({ kind: 'loaded', record })),
            catchError((error: unknown) =>
              of<RecordState<T>>({ kind: 'error', key: errorMessageKey(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => {
        this.state.set(state);
        const said = state.kind === 'loaded' && given ? handed(value, state.record) : null;
        if (said) this.say(said);
        else
          // The shell focused the page before its heading was there: the heading now.
          this.afterRender(() => {
            if (this.document.activeElement?.id === 'main') this.focus('h1');
          });
      });
    return given ? value : undefined;
  }

  protected async reload(): Promise<void> {
    const r = this.record();
    if (!r) return;
    try {
      this.state.set({ kind: 'loaded', record: await firstValueFrom(this.fetch(r.id)) });
      this.actionError.set(null);
    } catch (error: unknown) {
      this.actionError.set(errorMessageKey(error));
    }
  }

  /** A change saved by a form on the page: the page's last message is no longer news. */
  protected changed(record: T): void {
    this.message.set(null);
    this.state.set({ kind: 'loaded', record });
  }

  /** Runs an action that answers the record, then says `done` (with the record's params). */
  protected async act(
    request: () => Observable<T>,
    done: (record: T) => PageMessage,
  ): Promise<void> {
    await this.run(async () => {
      const updated = await firstValueFrom(request());
      this.state.set({ kind: 'loaded', record: updated });
      this.say(done(updated));
    });
  }

  /** Runs an action with the busy flag; a failure is shown (and focused) as the action error. */
  protected async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.actionError.set(null);
    this.message.set(null);
    try {
      await action();
    } catch (error: unknown) {
      // The API's rule when it names one (e.g. "ownOrganisation"); else a stale version or other.
      const rule = problemOf(error)?.errors?.[0]?.code;
      this.actionError.set(rule ? fieldMessage({ server: rule })!.key : errorMessageKey(error));
      this.afterRender(() => this.focus(`#${this.idPrefix}-action-error`));
    } finally {
      this.busy.set(false);
    }
  }

  protected say(message: PageMessage): void {
    this.message.set(message);
    this.afterRender(() => this.focus(`#${this.idPrefix}-message`));
  }

  protected afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  protected focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
