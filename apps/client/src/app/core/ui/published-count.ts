import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { countText, type PublishedCount } from '@samsyn/common';
import { I18nService } from '../i18n/i18n.service';

/**
 * One count under the small-counts rule (issue 17 §3), written the one way every figure is:
 * the number, "< 5" for a count of 1–4, "x" for one hidden so a small count cannot be worked
 * out; a screen reader hears the words ("färre än 5") instead of the mark.
 */
@Component({
  selector: 'app-published-count',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let c = shown();
    @if (c.spoken) {
      <span aria-hidden="true">{{ c.text }}</span>
      <span class="visually-hidden">{{ c.spoken }}</span>
    } @else {
      {{ c.text }}
    }
  `,
})
export class PublishedCountComponent {
  private readonly i18n = inject(I18nService);
  readonly value = input.required<PublishedCount>();
  protected readonly shown = computed(() => countText(this.value(), this.i18n.locale()));
}
