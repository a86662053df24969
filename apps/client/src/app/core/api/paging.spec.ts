import * as common from '@samsyn/common';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pagingAfter,
  pagingFromParams,
  pagingToParams,
} from './paging';

describe('paging limits', () => {
  it('are the API’s', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(common.DEFAULT_PAGE_SIZE);
    expect(MAX_PAGE_SIZE).toBe(common.MAX_PAGE_SIZE);
  });
});

describe('paging in the URL', () => {
  it('reads page and size, falling back to page 1 and the default size', () => {
    expect(pagingFromParams({ page: '3', pageSize: '50' })).toEqual({ page: 3, pageSize: 50 });
    expect(pagingFromParams({})).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
    expect(pagingFromParams({ page: '-2', pageSize: '7' })).toEqual({
      page: 1,
      pageSize: DEFAULT_PAGE_SIZE,
    });
    expect(pagingFromParams({ page: 'x', pageSize: '1000' })).toEqual({
      page: 1,
      pageSize: DEFAULT_PAGE_SIZE,
    });
  });

  it('leaves the defaults out of the URL', () => {
    expect(pagingToParams({ page: 1, pageSize: DEFAULT_PAGE_SIZE })).toEqual({
      page: null,
      pageSize: null,
    });
    expect(pagingToParams({ page: 2, pageSize: 10 })).toEqual({ page: 2, pageSize: 10 });
  });

  it('starts again on page 1 when the page size changes', () => {
    const current = { page: 3, pageSize: 25 };
    expect(pagingAfter({ pageIndex: 3, pageSize: 25 }, current)).toEqual({ page: 4, pageSize: 25 });
    expect(pagingAfter({ pageIndex: 2, pageSize: 50 }, current)).toEqual({ page: 1, pageSize: 50 });
  });
});
