import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import {
  INDICATOR_HEADINGS,
  INDICATOR_TITLES,
  type IndicatorTableDto,
  indicatorColumnLabel,
  indicatorRowLabel,
  isHiddenCount,
} from '@samsyn/common';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { PublishedCountComponent } from '../../core/ui/published-count';

/**
 * One indicator: its chart (hidden from screen readers) and, below it, the same figures as a
 * table — the accessible alternative, and the only place hidden counts appear ("< 5", "x"); the
 * chart leaves them out and says so under it.
 */
@Component({
  selector: 'app-indicator-chart',
  imports: [NgxEchartsDirective, PublishedCountComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let t = table();
    <section
      class="indicator panel"
      [attr.aria-labelledby]="'ind-' + t.id"
      [id]="'section-' + t.id"
    >
      <h2 [id]="'ind-' + t.id">{{ title() }}</h2>
      <div class="chart" aria-hidden="true" echarts [options]="options()" [autoResize]="true"></div>
      @if (leftOut()) {
        <p class="hint chart-note">{{ 'statistics.chartLeavesOut' | t }}</p>
      }
      <div class="table-scroll">
        <table class="plain-table indicator-table" [id]="'table-' + t.id">
          <caption>
            {{
              'statistics.tableOf' | t: { title: title() }
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ firstHeading() }}</th>
              @for (c of t.columns; track c) {
                <th scope="col" class="num">{{ columnLabel(c) }}</th>
              }
              @if (t.rowTotals) {
                <th scope="col" class="num">{{ headings().total }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (row of t.rows; track row; let i = $index) {
              <tr>
                <th scope="row">{{ rowLabel(row) }}</th>
                @for (cell of t.cells[i]; track $index) {
                  <td class="num">
                    @if (cell === null) {
                      <span aria-hidden="true">–</span>
                      <span class="visually-hidden">{{ 'statistics.tooFew' | t }}</span>
                    } @else if (t.unit === 'count') {
                      <app-published-count [value]="cell" />
                    } @else {
                      {{ number(cell) }}
                    }
                  </td>
                }
                @if (t.rowTotals) {
                  <td class="num"><app-published-count [value]="t.rowTotals[i]" /></td>
                }
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
})
export class IndicatorChart {
  private readonly i18n = inject(I18nService);
  readonly table = input.required<IndicatorTableDto>();

  protected readonly headings = computed(() => INDICATOR_HEADINGS[this.i18n.locale()]);
  protected readonly title = computed(() => INDICATOR_TITLES[this.i18n.locale()][this.table().id]);
  protected readonly firstHeading = computed(() =>
    this.table().rowKind === 'period' ? this.headings().period : this.headings().violenceForm,
  );
  /** True when a figure the table shows is missing from the chart (hidden or too few). */
  protected readonly leftOut = computed(() =>
    this.table().cells.some((row) => row.some((c) => c === null || isHiddenCount(c))),
  );

  protected columnLabel(column: string): string {
    return indicatorColumnLabel(column, this.i18n.locale());
  }

  protected rowLabel(row: string): string {
    return indicatorRowLabel(this.table(), row, this.i18n.locale());
  }

  protected number(value: number | { hidden: string }): string {
    return typeof value === 'number'
      ? value.toLocaleString(this.i18n.locale() === 'sv' ? 'sv-SE' : 'en-GB')
      : '';
  }

  protected readonly options = computed<EChartsCoreOption>(() => {
    const t = this.table();
    const stacked = t.chart === 'bar' && t.rowTotals !== null;
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 64, containLabel: true },
      xAxis: {
        type: 'category',
        data: t.rows.map((r) => this.rowLabel(r)),
        axisLabel: { rotate: t.rowKind === 'violence_form' ? 30 : 0, interval: 0 },
      },
      yAxis: { type: 'value', minInterval: t.unit === 'count' ? 1 : undefined },
      series: t.columns.map((c, j) => ({
        name: this.columnLabel(c),
        type: t.chart,
        stack: stacked ? 'total' : undefined,
        connectNulls: false,
        // Hidden counts and values too few to publish are left out of the chart.
        data: t.cells.map((row) => {
          const v = row[j];
          return typeof v === 'number' ? v : null;
        }),
      })),
    };
  });
}
