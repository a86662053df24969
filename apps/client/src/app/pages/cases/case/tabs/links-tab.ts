import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { CaseDto } from '@samsyn/common';
import { firstValueFrom } from 'rxjs';
import { CasesApi } from '../../../../core/api/cases-api.service';
import { errorMessageKey } from '../../../../core/api/problem';
import { APP_PATHS } from '../../../../core/app-paths';
import { FieldErrorPipe } from '../../../../core/forms/field-error.pipe';
import { applyServerErrors } from '../../../../core/forms/server-errors';
import { caseNumber, normaliseCaseNumber, required } from '../../../../core/forms/validators';
import { LabelPipe } from '../../../../core/i18n/i18n-pipes';
import { I18nService } from '../../../../core/i18n/i18n.service';
import type { TranslationKey } from '../../../../core/i18n/sv';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { CaseStore } from '../case.store';
import { allows, CaseAction } from '../case-actions';

/**
 * Länkade ärenden: the linked cases the caller may see, and how many others exist (their number
 * only, never their content, D3).
 */
@Component({
  selector: 'app-links-tab',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    LabelPipe,
    FieldErrorPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = caseDto();
    <h2 id="links-title" tabindex="-1">{{ 'links.title' | t }}</h2>
    @if (c.linkedCases.length) {
      <ul class="plain-list">
        @for (link of c.linkedCases; track link.id) {
          <li>
            <a [routerLink]="['/', paths.cases, link.id]">{{ link.number }}</a>
            – {{ link.programme | label: 'programme' }},
            <span class="badge">{{ link.status | label: 'status' }}</span>
          </li>
        }
      </ul>
    } @else if (!c.hiddenLinkedCases) {
      <p>{{ 'links.none' | t }}</p>
    }
    @if (c.hiddenLinkedCases) {
      <p class="notice">{{ 'links.hidden' | t: { count: c.hiddenLinkedCases } }}</p>
    }

    @if (allows(c, CaseAction.Link)) {
      <section class="panel no-print" aria-labelledby="link-form-title">
        <h3 id="link-form-title">{{ 'links.add' | t }}</h3>
        @if (errorKey(); as error) {
          <p class="form-error" role="alert">{{ error | t }}</p>
        }
        <form class="inline-form" [formGroup]="form" (ngSubmit)="link()" novalidate>
          <mat-form-field appearance="outline" class="link-number">
            <mat-label>{{ 'links.number' | t }}</mat-label>
            <input
              #numberInput
              matInput
              id="link-number"
              formControlName="number"
              autocomplete="off"
              spellcheck="false"
              placeholder="SIP-2026-000001"
              required
            />
            <mat-error>{{ form.controls.number.errors | fieldError }}</mat-error>
          </mat-form-field>
          <button
            mat-flat-button
            type="submit"
            data-action="case.link"
            [attr.aria-busy]="pending() || null"
          >
            {{ 'links.submit' | t }}
          </button>
        </form>
      </section>
    }
  `,
  styles: `
    .inline-form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.75rem;
    }
    .inline-form button {
      height: 56px;
    }
    /* Wide enough for the whole label ("Ärendenummer att länka *"), never cut. */
    .link-number {
      width: min(100%, 20rem);
    }
  `,
})
export class LinksTab {
  protected readonly allows = allows;
  protected readonly CaseAction = CaseAction;
  private readonly store = inject(CaseStore);
  private readonly api = inject(CasesApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly numberInput = viewChild<ElementRef<HTMLInputElement>>('numberInput');

  protected readonly paths = APP_PATHS;
  protected readonly caseDto = computed(() => this.store.caseDto() as CaseDto);
  protected readonly form = inject(NonNullableFormBuilder).group({
    number: ['', [required, caseNumber]],
  });
  protected readonly pending = signal(false);
  protected readonly errorKey = signal<TranslationKey | null>(null);

  protected async link(): Promise<void> {
    if (this.pending()) return;
    this.errorKey.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.numberInput()?.nativeElement.focus();
      return;
    }
    const number = normaliseCaseNumber(this.form.controls.number.value);
    this.pending.set(true);
    try {
      const updated = await firstValueFrom(this.api.link(this.caseDto().id, { number }));
      this.store.set(updated);
      this.form.reset();
      void this.announcer.announce(this.i18n.t('links.linked', { number }), 'polite');
    } catch (error: unknown) {
      this.errorKey.set(errorMessageKey(error));
      applyServerErrors(this.form, error);
      this.numberInput()?.nativeElement.focus();
    } finally {
      this.pending.set(false);
    }
  }
}
