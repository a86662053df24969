import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TryggaHemAction, type TryggaHemCaseDto } from '@samsyn/common';
import { LabelPipe, WhenPipe } from '../../../../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../../../../core/i18n/translate.pipe';
import { OfferForm } from './offer-form';
import { OfferUptakeForm } from './offer-uptake-form';
import { recordSection } from './record-form';
import { mayRecord, newRecordId } from './records';

/**
 * Offers of support (D4) and whether they were taken up; social-category writers record new
 * offers and change an offer's uptake (the API keeps `version`: a stale one is a conflict).
 */
@Component({
  selector: 'app-thr-offers',
  imports: [MatButtonModule, TranslatePipe, LabelPipe, WhenPipe, OfferForm, OfferUptakeForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (profile().offers; as list) {
      @if (list.length) {
        <ul class="plain-list">
          @for (o of list; track o.id) {
            <li [id]="'thr-o-item-' + o.id" tabindex="-1">
              {{ o.offeredOn | when }} – {{ o.kind | label: 'offerKind' }}: {{ o.description }} ({{
                o.organisation.name
              }})
              <span
                class="badge"
                [class.badge-positive]="o.uptake === 'accepted' || o.uptake === 'completed'"
                >{{ o.uptake | label: 'offerUptake' }}</span
              >
              @if (o.uptakeOn) {
                <span class="muted"> {{ o.uptakeOn | when }}</span>
              }
              @if (o.note) {
                – <span class="pre-line">{{ o.note }}</span>
              }
              @if (
                o.allowedActions.includes(actions.ChangeOfferUptake) && section.editing() !== o.id
              ) {
                <span class="thr-item-actions no-print">
                  <button
                    mat-button
                    type="button"
                    [id]="'thr-o-correct-' + o.id"
                    [attr.data-action]="actions.ChangeOfferUptake"
                    [attr.data-action-id]="o.id"
                    [attr.aria-label]="'thr.offer.uptakeLabel' | t: { offer: o.description }"
                    (click)="section.startCorrect(o.id)"
                  >
                    {{ 'thr.offer.changeUptake' | t }}
                  </button>
                </span>
              }
              @if (section.editing() === o.id) {
                <app-thr-offer-uptake-form
                  [offer]="o"
                  (saved)="saved($event, o.id)"
                  (cancelled)="section.cancelled(o.id, 'correct')"
                  (reload)="reload.emit()"
                />
              }
            </li>
          }
        </ul>
      } @else {
        <p class="muted">{{ 'th.case.noOffers' | t }}</p>
      }
      @if (canRecord()) {
        @if (section.adding()) {
          <app-thr-offer-form
            [caseId]="profile().caseId"
            (saved)="saved($event, null, list)"
            (cancelled)="section.cancelled(null, 'add')"
          />
        } @else {
          <button
            mat-stroked-button
            type="button"
            class="no-print"
            [id]="section.addButtonId"
            [attr.data-action]="actions.AddOffer"
            (click)="section.startAdd()"
          >
            {{ 'thr.offer.add' | t }}
          </button>
        }
      }
    } @else {
      <p class="withheld">{{ 'th.notAvailable' | t }}</p>
    }
  `,
})
export class OffersSection {
  readonly profile = input.required<TryggaHemCaseDto>();
  readonly updated = output<TryggaHemCaseDto>();
  readonly reload = output<void>();

  protected readonly section = recordSection('thr-o');
  protected readonly actions = TryggaHemAction;
  /** The API allows recording offers on the case (issue 15); per offer, changing its uptake. */
  protected readonly canRecord = computed(() => mayRecord(this.profile(), 'offer'));

  protected saved(
    profile: TryggaHemCaseDto,
    id: string | null,
    before?: readonly { id: string }[],
  ): void {
    this.updated.emit(profile);
    this.section.saved(before ? newRecordId(before, profile.offers) : id);
  }
}
