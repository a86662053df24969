import type { CaseListQuery } from '../../core/api/cases-api.service';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from '../../core/api/paging';

/** The caseload's filters, as kept in the URL so a filtered list can be bookmarked and shared. */
export interface CaseFilters {
  programme: string | null;
  status: string | null;
  municipalityCode: string | null;
  overdue: boolean;
  includeClosed: boolean;
  /** Case number or part of it. */
  number: string | null;
  /** Counted from 1, as the API counts. */
  page: number;
  pageSize: number;
}

export const DEFAULT_FILTERS: CaseFilters = {
  programme: null,
  status: null,
  municipalityCode: null,
  overdue: false,
  includeClosed: false,
  number: null,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
};

/** The page sizes offered (core/api/paging); a size typed into the URL must be one of them. */
export { PAGE_SIZES };

/** Query parameter names: short and Swedish-neutral, stable across languages. */
const PARAM = {
  programme: 'programme',
  status: 'status',
  municipalityCode: 'municipality',
  overdue: 'overdue',
  includeClosed: 'closed',
  number: 'number',
  page: 'page',
  pageSize: 'size',
} as const;

type Params = Readonly<Record<string, string | readonly string[] | null | undefined>>;

const PATTERNS = {
  programme: /^[A-Z][A-Z0-9_]{1,29}$/,
  status: /^[a-z][a-z_]{1,39}$/,
  municipalityCode: /^\d{4}$/,
  number: /^[A-Za-z0-9_-]{1,30}$/,
};

function single(params: Params, name: string): string | null {
  const value = params[name];
  const first = Array.isArray(value) ? (value as readonly string[])[0] : value;
  return typeof first === 'string' ? first.trim() : null;
}

function matching(value: string | null, pattern: RegExp): string | null {
  return value && pattern.test(value) ? value : null;
}

function positiveInt(value: string | null): number | null {
  if (!value || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 ? n : null;
}

/**
 * Filters from the URL's query parameters. Anything the API would reject (a mistyped or edited
 * URL) is dropped rather than sent, so the list still loads.
 */
export function filtersFromParams(params: Params): CaseFilters {
  const size = positiveInt(single(params, PARAM.pageSize));
  return {
    programme: matching(single(params, PARAM.programme), PATTERNS.programme),
    status: matching(single(params, PARAM.status), PATTERNS.status),
    municipalityCode: matching(single(params, PARAM.municipalityCode), PATTERNS.municipalityCode),
    overdue: single(params, PARAM.overdue) === 'true',
    includeClosed: single(params, PARAM.includeClosed) === 'true',
    number: matching(single(params, PARAM.number), PATTERNS.number),
    page: positiveInt(single(params, PARAM.page)) ?? 1,
    pageSize: size !== null && PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/**
 * Query parameters for the URL: only what differs from the defaults, each name set or `null`
 * (which removes it when merged into the current URL).
 */
export function filtersToParams(filters: CaseFilters): Record<string, string | null> {
  const orNull = (value: string | null) => (value ? value : null);
  return {
    [PARAM.programme]: orNull(filters.programme),
    [PARAM.status]: orNull(filters.status),
    [PARAM.municipalityCode]: orNull(filters.municipalityCode),
    [PARAM.overdue]: filters.overdue ? 'true' : null,
    [PARAM.includeClosed]: filters.includeClosed ? 'true' : null,
    [PARAM.number]: orNull(filters.number),
    [PARAM.page]: filters.page > 1 ? String(filters.page) : null,
    [PARAM.pageSize]: filters.pageSize !== DEFAULT_PAGE_SIZE ? String(filters.pageSize) : null,
  };
}

/** The `GET /cases` query for these filters. */
export function filtersToQuery(filters: CaseFilters): CaseListQuery {
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    programme: filters.programme,
    status: filters.status,
    municipalityCode: filters.municipalityCode,
    overdue: filters.overdue,
    includeClosed: filters.includeClosed,
    number: filters.number,
  };
}

/** Whether any filter narrows the list (the empty state then says so and offers to clear). */
export function isFiltered(filters: CaseFilters): boolean {
  return (
    !!filters.programme ||
    !!filters.status ||
    !!filters.municipalityCode ||
    filters.overdue ||
    filters.includeClosed ||
    !!filters.number
  );
}

/** Changing a filter starts again on page 1; paging keeps the filters. */
export function withFilters(current: CaseFilters, change: Partial<CaseFilters>): CaseFilters {
  const paging = Object.keys(change).every((k) => k === 'page');
  return { ...current, ...change, page: paging ? (change.page ?? current.page) : 1 };
}
