import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { CaseAction, CaseDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { CasesApi } from '../../../core/api/cases-api.service';
import { deniedActions, errorMessageKey, problemOf } from '../../../core/api/problem';
import type { TranslationKey } from '../../../core/i18n/sv';

/** The access policy's reason for a 403 (`details.reason`, an AccessDenialReason), if given. */
function denialReason(error: unknown): string | null {
  const reason = problemOf(error)?.details?.['reason'];
  return typeof reason === 'string' ? reason : null;
}

export type CaseState =
  | { kind: 'loading' }
  | { kind: 'loaded'; case: CaseDto }
  /** 403: the caller has no access (and the policy's reason); the page offers nödåtkomst. */
  | { kind: 'forbidden'; reason: string | null; allowedActions: CaseAction[] }
  | { kind: 'notFound' }
  | { kind: 'error'; key: TranslationKey };

/**
 * The open case, shared by the case page and its tabs (provided by the page). Every write the
 * API answers with the updated case goes through `set`, so all tabs show the same version.
 */
@Injectable()
export class CaseStore {
  private readonly api = inject(CasesApi);
  private readonly current = signal<CaseState>({ kind: 'loading' });
  private id: string | null = null;
  private loads = 0;

  readonly state = this.current.asReadonly();
  readonly caseDto = computed(() => {
    const state = this.current();
    return state.kind === 'loaded' ? state.case : null;
  });

  /** Loads the case; `quiet` keeps the current content on screen while reloading. */
  async load(id: string, quiet = false): Promise<void> {
    this.id = id;
    const load = ++this.loads;
    if (!quiet || this.current().kind !== 'loaded') this.current.set({ kind: 'loading' });
    let next: CaseState;
    try {
      next = { kind: 'loaded', case: await firstValueFrom(this.api.get(id)) };
    } catch (error: unknown) {
      const status = error instanceof HttpErrorResponse ? error.status : 0;
      next =
        status === 403
          ? {
              kind: 'forbidden',
              reason: denialReason(error),
              allowedActions: deniedActions(error),
            }
          : status === 404
            ? { kind: 'notFound' }
            : { kind: 'error', key: errorMessageKey(error) };
    }
    // A slower, older load must not overwrite a newer one.
    if (load === this.loads) this.current.set(next);
  }

  reload(): Promise<void> {
    return this.id ? this.load(this.id, true) : Promise.resolve();
  }

  /** The case as the API returned it after a write. */
  set(caseDto: CaseDto): void {
    this.loads++;
    this.current.set({ kind: 'loaded', case: caseDto });
  }
}
