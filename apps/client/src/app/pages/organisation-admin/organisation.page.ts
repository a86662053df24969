import { DOCUMENT, Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { OrganisationDto } from '@samsyn/common';
import { catchError, firstValueFrom, map, of, switchMap } from 'rxjs';
import { OrganisationAdminApi } from '../../core/api/organisation-admin-api.service';
import { errorMessageKey, problemOf } from '../../core/api/problem';
import { APP_PATHS } from '../../core/app-paths';
import { fieldMessage } from '../../core/forms/field-errors';
import { LabelPipe } from '../../core/i18n/i18n-pipes';
import type { TranslationKey } from '../../core/i18n/sv';
import type { TranslationParams } from '../../core/i18n/translate';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { askToConfirm } from '../../core/ui/confirm-dialog';
import { OrganisationForm } from './organisation-form';
import { OrganisationUnits } from './organisation-units';

/** The history state key by which "Ny organisation" tells this page that it has just created it. */
export const CREATED_STATE = 'organisationCreated';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; organisation: OrganisationDto }
  | { kind: 'error'; key: TranslationKey };

/** A message after an action, focused so that keyboard and screen-reader users hear it. */
interface Message {
  key: TranslationKey;
  params?: TranslationParams;
}

/**
 * One organisation (system_admin): its details and codes, deactivating or reactivating it (its
 * users are signed out), and its units.
 */
@Component({
  selector: 'app-organisation-page',
  imports: [
    RouterLink,
    MatButtonModule,
    TranslatePipe,
    LabelPipe,
    OrganisationForm,
    OrganisationUnits,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './organisation.page.html',
  styleUrl: './organisation-admin.scss',
})
export class OrganisationPage {
  private readonly api = inject(OrganisationAdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);

  protected readonly list = ['/', APP_PATHS.administration, APP_PATHS.organisations];
  protected readonly state = signal<State>({ kind: 'loading' });
  protected readonly organisation = computed(() => {
    const s = this.state();
    return s.kind === 'loaded' ? s.organisation : null;
  });
  protected readonly errorKey = computed(() => {
    const s = this.state();
    return s.kind === 'error' ? s.key : null;
  });
  protected readonly message = signal<Message | null>(null);
  protected readonly statusError = signal<TranslationKey | null>(null);
  protected readonly busy = signal(false);

  constructor() {
    // Said once: a reload or a step back to this entry must not say it again.
    const location = inject(Location);
    const history = (location.getState() ?? {}) as Record<string, unknown>;
    const created = history[CREATED_STATE] === true;
    if (created)
      location.replaceState(location.path(true), '', { ...history, [CREATED_STATE]: false });
    inject(ActivatedRoute)
      .paramMap.pipe(
        map((params) => params.get('id') ?? ''),
        switchMap((id) =>
          this.api.get(id).pipe(
            map((organisation): State => ({ kind: 'loaded', organisation })),
            catchError((error: unknown) =>
              of<State>({ kind: 'error', key: errorMessageKey(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.state.set(state);
        if (state.kind === 'loaded' && created) {
          this.say({ key: 'orgAdmin.created', params: { name: state.organisation.name } });
        } else {
          // The shell focused the page before its heading was there: the heading now.
          this.afterRender(() => {
            if (this.document.activeElement?.id === 'main') this.focus('h1');
          });
        }
      });
  }

  protected async reload(): Promise<void> {
    const o = this.organisation();
    if (!o) return;
    try {
      this.state.set({ kind: 'loaded', organisation: await firstValueFrom(this.api.get(o.id)) });
      this.statusError.set(null);
    } catch (error: unknown) {
      this.statusError.set(errorMessageKey(error));
    }
  }

  /** A change saved by the form or the units: the page's last message is no longer news. */
  protected changed(organisation: OrganisationDto): void {
    this.message.set(null);
    this.state.set({ kind: 'loaded', organisation });
  }

  /** Deactivates or reactivates the organisation after asking; its users are signed out. */
  protected async toggleActive(): Promise<void> {
    const o = this.organisation();
    if (!o || this.busy()) return;
    const deactivate = o.active;
    const confirmed = await askToConfirm(this.dialog, {
      title: deactivate ? 'orgAdmin.deactivateTitle' : 'orgAdmin.reactivateTitle',
      message: deactivate ? 'orgAdmin.deactivateMessage' : 'orgAdmin.reactivateMessage',
      params: { name: o.name },
      confirm: deactivate ? 'orgAdmin.deactivate' : 'orgAdmin.reactivate',
      destructive: deactivate,
    });
    if (!confirmed) return;
    this.busy.set(true);
    this.statusError.set(null);
    this.message.set(null);
    try {
      const updated = await firstValueFrom(
        this.api.update(o.id, { version: o.version, active: !deactivate }),
      );
      this.state.set({ kind: 'loaded', organisation: updated });
      this.say({
        key: deactivate ? 'orgAdmin.deactivated' : 'orgAdmin.reactivated',
        params: { name: updated.name },
      });
    } catch (error: unknown) {
      // "ownOrganisation": the administrator's own; else a stale version or another failure.
      const rule = problemOf(error)?.errors?.[0]?.code;
      this.statusError.set(rule ? fieldMessage({ server: rule })!.key : errorMessageKey(error));
      this.afterRender(() => this.focus('#org-status-error'));
    } finally {
      this.busy.set(false);
    }
  }

  private say(message: Message): void {
    this.message.set(message);
    this.afterRender(() => this.focus('#org-message'));
  }

  private afterRender(run: () => void): void {
    afterNextRender(run, { injector: this.injector });
  }

  private focus(selector: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus();
  }
}
