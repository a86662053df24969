import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { SipTimelineDto } from '@samsyn/common';
import { LabelPipe, WhenPipe } from '../../core/i18n/i18n-pipes';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { layoutTimeline } from './sip-timeline';

/**
 * Every agency's measures side by side on one time axis (D12). The chart is a picture for sighted
 * readers (hidden from assistive technology); the table under it says the same in text, including
 * which measures overlap with another agency's — never by colour alone.
 */
@Component({
  selector: 'app-sip-timeline',
  imports: [TranslatePipe, LabelPipe, WhenPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (layout(); as l) {
      @if (l.overlapCount) {
        <p class="notice">{{ 'sip.timeline.overlaps' | t: { count: l.overlapCount } }}</p>
      }
      <div class="sip-timeline" aria-hidden="true">
        <div class="sip-timeline-axis">
          @for (tick of l.ticks; track tick.date) {
            <span
              class="sip-timeline-tick"
              [class.sip-timeline-tick-end]="tick.offset > 80"
              [style.left.%]="tick.offset"
              >{{ tick.date | when }}</span
            >
          }
        </div>
        @for (lane of l.lanes; track lane.key) {
          <div class="sip-timeline-lane">
            <div class="sip-timeline-label">{{ lane.label }}</div>
            <div class="sip-timeline-track">
              @for (bar of lane.bars; track bar.measure.id) {
                <div
                  class="sip-timeline-bar"
                  [class.sip-timeline-overlap]="bar.overlapsWith.length"
                  [class.sip-timeline-open]="bar.openEnded"
                  [style.left.%]="bar.offset"
                  [style.width.%]="bar.width"
                  [title]="bar.measure.description"
                >
                  {{ bar.overlapsWith.length ? '⚠ ' : '' }}{{ bar.measure.description }}
                </div>
              }
            </div>
          </div>
        }
      </div>
      <div class="table-scroll">
        <table class="data-table plain-table">
          <caption>
            {{
              'sip.timeline.caption' | t: { from: (l.from | when), to: (l.to | when) }
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ 'sip.timeline.agency' | t }}</th>
              <th scope="col">{{ 'sip.plan.measure' | t }}</th>
              <th scope="col">{{ 'sip.plan.period' | t }}</th>
              <th scope="col">{{ 'sip.plan.status' | t }}</th>
              <th scope="col">{{ 'sip.timeline.overlapsWith' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (lane of l.lanes; track lane.key) {
              @for (bar of lane.bars; track bar.measure.id; let first = $first) {
                <tr>
                  @if (first) {
                    <th scope="rowgroup" [attr.rowspan]="lane.bars.length">{{ lane.label }}</th>
                  }
                  <td>{{ bar.measure.description }}</td>
                  <td class="nowrap">
                    {{ bar.measure.startDate | when }} –
                    {{
                      bar.measure.endDate ? (bar.measure.endDate | when) : ('sip.timeline.open' | t)
                    }}
                  </td>
                  <td>{{ bar.measure.status | label: 'sipMeasureStatus' }}</td>
                  <td>
                    @if (bar.overlapsWith.length) {
                      <strong>{{ 'sip.timeline.overlapMark' | t }}</strong>
                      {{ bar.overlapsWith.join('; ') }}
                    } @else {
                      –
                    }
                  </td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>
    } @else {
      <p>{{ 'sip.timeline.none' | t }}</p>
    }
  `,
  styles: `
    .sip-timeline {
      margin: 1rem 0;
      font-size: 0.8125rem;
    }
    .sip-timeline-axis {
      position: relative;
      height: 1.5rem;
      margin-left: 12rem;
      border-bottom: 1px solid var(--mat-sys-outline);
    }
    .sip-timeline-tick {
      position: absolute;
      top: 0;
      white-space: nowrap;
      border-left: 1px solid var(--mat-sys-outline);
      padding-left: 2px;
    }
    /* Near the right edge the date reads leftwards from its line, inside the timeline. */
    .sip-timeline-tick-end {
      transform: translateX(-100%);
      border-left: 0;
      border-right: 1px solid var(--mat-sys-outline);
      padding: 0 2px 0 0;
    }
    .sip-timeline-lane {
      display: flex;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .sip-timeline-label {
      flex: 0 0 12rem;
      padding: 0.25rem 0.5rem 0.25rem 0;
      font-weight: 600;
    }
    .sip-timeline-track {
      position: relative;
      flex: 1;
      min-height: 2rem;
      display: flex;
      flex-direction: column;
      gap: 2px;
      padding: 2px 0;
    }
    .sip-timeline-bar {
      position: relative;
      overflow: hidden;
      white-space: nowrap;
      text-overflow: ellipsis;
      border-radius: 4px;
      padding: 0 4px;
      background: #d6e4ff;
      color: #00264d;
      border: 1px solid #00408a;
    }
    .sip-timeline-open {
      border-right-style: dashed;
    }
    .sip-timeline-overlap {
      background: #fff0c2;
      color: #3d2c00;
      border: 2px solid #8a5a00;
    }
  `,
})
export class SipTimelineView {
  readonly timeline = input.required<SipTimelineDto>();
  protected readonly layout = computed(() => layoutTimeline(this.timeline()));
}
