/**
 * The API's paging limits (`PageQueryDto` in libs/common), repeated here on purpose: that module's
 * class-transformer decorators read `reflect-metadata`, which the browser bundle does not load,
 * so the client imports nothing from it. paging.spec.ts keeps the two in step.
 */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** The page sizes a list offers; a size typed into the URL must be one of them. */
export const PAGE_SIZES: readonly number[] = [10, 25, 50, 100].filter((n) => n <= MAX_PAGE_SIZE);

/** Which page of a list, and how long a page is. */
export interface Paging {
  page: number;
  pageSize: number;
}

/**
 * The paging in a list's query parameters `page` and `pageSize`: anything unknown is page 1 and
 * the default size.
 */
export function pagingFromParams(params: Readonly<Record<string, unknown>>): Paging {
  const int = (value: unknown) => (typeof value === 'string' ? Number.parseInt(value, 10) : NaN);
  const page = Math.max(1, int(params['page']) || 1);
  const size = int(params['pageSize']);
  return { page, pageSize: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE };
}

/** The query parameters for `paging`: left out (null) where they are the default. */
export function pagingToParams(paging: Paging): { page: number | null; pageSize: number | null } {
  return {
    page: paging.page > 1 ? paging.page : null,
    pageSize: paging.pageSize !== DEFAULT_PAGE_SIZE ? paging.pageSize : null,
  };
}

/** What a paginator's event asks for: another page size starts again on page 1. */
export function pagingAfter(
  event: { pageIndex: number; pageSize: number },
  current: Paging,
): Paging {
  return event.pageSize !== current.pageSize
    ? { page: 1, pageSize: event.pageSize }
    : { page: event.pageIndex + 1, pageSize: current.pageSize };
}
