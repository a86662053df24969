import {
  BOARD_SORTS,
  type BoardSort,
  TRYGGA_HEM_PRIORITIES,
  type TryggaHemPriority,
} from '@samsyn/common';
import type { BoardQuery } from '../../core/api/trygga-hem-api.service';
import { DEFAULT_PAGE_SIZE } from '../../core/api/paging';
import { PAGE_SIZES } from '../cases/case-filters';

/** The caseload board's filters, sort and page, as kept in the URL (bookmarkable, shareable). */
export interface BoardFilters {
  priority: TryggaHemPriority | null;
  repeat: boolean;
  overdueActions: boolean;
  highRisk: boolean;
  newIncidents: boolean;
  sort: BoardSort;
  /** Counted from 1, as the API counts. */
  page: number;
  pageSize: number;
}

export const DEFAULT_BOARD_FILTERS: BoardFilters = {
  priority: null,
  repeat: false,
  overdueActions: false,
  highRisk: false,
  newIncidents: false,
  sort: 'agenda',
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

/** The flag filters, in the order the page shows them. */
export const BOARD_FLAGS = ['repeat', 'overdueActions', 'highRisk', 'newIncidents'] as const;
export type BoardFlag = (typeof BOARD_FLAGS)[number];

/** Query parameter names: stable across languages. */
const PARAM = {
  priority: 'priority',
  repeat: 'repeat',
  overdueActions: 'overdue',
  highRisk: 'highRisk',
  newIncidents: 'newIncidents',
  sort: 'sort',
  page: 'page',
  pageSize: 'size',
} as const;

type Params = Readonly<Record<string, string | readonly string[] | null | undefined>>;

function single(params: Params, name: string): string | null {
  const value = params[name];
  const first = Array.isArray(value) ? (value as readonly string[])[0] : value;
  return typeof first === 'string' ? first.trim() : null;
}

function positiveInt(value: string | null): number | null {
  if (!value || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

/** Filters from the URL; anything the API would reject (an edited URL) falls back to the default. */
export function boardFiltersFromParams(params: Params): BoardFilters {
  const priority = single(params, PARAM.priority);
  const sort = single(params, PARAM.sort);
  const size = positiveInt(single(params, PARAM.pageSize));
  return {
    priority:
      priority && (TRYGGA_HEM_PRIORITIES as readonly string[]).includes(priority)
        ? (priority as TryggaHemPriority)
        : null,
    repeat: single(params, PARAM.repeat) === 'true',
    overdueActions: single(params, PARAM.overdueActions) === 'true',
    highRisk: single(params, PARAM.highRisk) === 'true',
    newIncidents: single(params, PARAM.newIncidents) === 'true',
    sort:
      sort && (BOARD_SORTS as readonly string[]).includes(sort) ? (sort as BoardSort) : 'agenda',
    page: positiveInt(single(params, PARAM.page)) ?? 1,
    pageSize: size !== null && PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** URL parameters: only what differs from the defaults; `null` removes a name when merged. */
export function boardFiltersToParams(filters: BoardFilters): Record<string, string | null> {
  const flag = (on: boolean) => (on ? 'true' : null);
  return {
    [PARAM.priority]: filters.priority,
    [PARAM.repeat]: flag(filters.repeat),
    [PARAM.overdueActions]: flag(filters.overdueActions),
    [PARAM.highRisk]: flag(filters.highRisk),
    [PARAM.newIncidents]: flag(filters.newIncidents),
    [PARAM.sort]: filters.sort !== 'agenda' ? filters.sort : null,
    [PARAM.page]: filters.page > 1 ? String(filters.page) : null,
    [PARAM.pageSize]: filters.pageSize !== DEFAULT_PAGE_SIZE ? String(filters.pageSize) : null,
  };
}

/** The API query for these filters (false flags are left out by `queryParams`). */
export function boardFiltersToQuery(filters: BoardFilters): BoardQuery {
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    priority: filters.priority,
    repeat: filters.repeat,
    overdueActions: filters.overdueActions,
    highRisk: filters.highRisk,
    newIncidents: filters.newIncidents,
    sort: filters.sort,
  };
}

/** Whether any filter narrows the board (the empty state then offers to clear them). */
export function isBoardFiltered(filters: BoardFilters): boolean {
  return !!filters.priority || BOARD_FLAGS.some((flag) => filters[flag]);
}

/** Changing a filter or the sort starts again on page 1; paging keeps everything else. */
export function withBoardFilters(
  current: BoardFilters,
  change: Partial<BoardFilters>,
): BoardFilters {
  const paging = Object.keys(change).every((k) => k === 'page');
  return { ...current, ...change, page: paging ? (change.page ?? current.page) : 1 };
}
