import { TryggaHemPriority } from '@samsyn/common';
import {
  DEFAULT_BOARD_FILTERS,
  boardFiltersFromParams,
  boardFiltersToParams,
  boardFiltersToQuery,
  isBoardFiltered,
  withBoardFilters,
} from './board-filters';

describe('board filters in the URL', () => {
  it('reads the defaults from an empty URL', () => {
    expect(boardFiltersFromParams({})).toEqual(DEFAULT_BOARD_FILTERS);
    expect(isBoardFiltered(DEFAULT_BOARD_FILTERS)).toBe(false);
  });

  it('round-trips filters, sort and paging through the query parameters', () => {
    const filters = {
      ...DEFAULT_BOARD_FILTERS,
      priority: TryggaHemPriority.D,
      repeat: true,
      highRisk: true,
      sort: 'daysSinceReview' as const,
      page: 3,
      pageSize: 50,
    };
    const params = boardFiltersToParams(filters);
    expect(params).toEqual({
      priority: 'D',
      repeat: 'true',
      overdue: null,
      highRisk: 'true',
      newIncidents: null,
      sort: 'daysSinceReview',
      page: '3',
      size: '50',
    });
    expect(boardFiltersFromParams(params)).toEqual(filters);
    expect(isBoardFiltered(filters)).toBe(true);
  });

  it('drops values the API would reject rather than failing the board', () => {
    expect(
      boardFiltersFromParams({
        priority: 'E',
        sort: 'name; drop',
        page: '-2',
        size: '7',
        repeat: 'yes',
      }),
    ).toEqual(DEFAULT_BOARD_FILTERS);
    expect(boardFiltersFromParams({ priority: ['B', 'C'] }).priority).toBe('B');
  });

  it('starts again on page 1 when a filter changes, but not when paging', () => {
    const onPage4 = { ...DEFAULT_BOARD_FILTERS, page: 4 };
    expect(withBoardFilters(onPage4, { overdueActions: true }).page).toBe(1);
    expect(withBoardFilters(onPage4, { sort: 'priority' }).page).toBe(1);
    expect(withBoardFilters(onPage4, { page: 5 }).page).toBe(5);
  });

  it('sends the API only what narrows the board', () => {
    const query = boardFiltersToQuery({ ...DEFAULT_BOARD_FILTERS, newIncidents: true });
    expect(query).toMatchObject({
      newIncidents: true,
      repeat: false,
      priority: null,
      sort: 'agenda',
    });
  });
});
