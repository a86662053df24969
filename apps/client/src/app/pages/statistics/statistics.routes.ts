import type { Routes } from '@angular/router';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { provideEchartsCore } from 'ngx-echarts';
import { provideMaterialIntl } from '../../core/i18n/material-intl';
import type { TranslationKey } from '../../core/i18n/sv';
import { StatisticsPage } from './statistics.page';

// Only the parts of ECharts the page draws, loaded with the page (not the app's first chunk).
echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** `/statistik` (statistics:read, checked by the parent route). */
export const STATISTICS_ROUTES: Routes = [
  {
    path: '',
    providers: [...provideMaterialIntl(), provideEchartsCore({ echarts })],
    component: StatisticsPage,
    title: 'statistics.title' satisfies TranslationKey,
  },
];
