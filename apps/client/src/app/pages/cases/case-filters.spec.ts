import {
  DEFAULT_FILTERS,
  filtersFromParams,
  filtersToParams,
  filtersToQuery,
  isFiltered,
  withFilters,
} from './case-filters';

describe('case filters and query parameters', () => {
  it('reads every filter from the URL', () => {
    expect(
      filtersFromParams({
        programme: 'SIP',
        status: 'need_identified',
        municipality: '1880',
        overdue: 'true',
        closed: 'true',
        number: 'SIP-2026-000001',
        page: '3',
        size: '50',
      }),
    ).toEqual({
      programme: 'SIP',
      status: 'need_identified',
      municipalityCode: '1880',
      overdue: true,
      includeClosed: true,
      number: 'SIP-2026-000001',
      page: 3,
      pageSize: 50,
    });
  });

  it('uses the defaults for an empty URL', () => {
    expect(filtersFromParams({})).toEqual(DEFAULT_FILTERS);
  });

  it('drops values the API would reject instead of failing the list', () => {
    expect(
      filtersFromParams({
        programme: 'sip; drop',
        status: 'Need Identified',
        municipality: '18',
        overdue: 'yes',
        number: 'SIP 2026',
        page: '-2',
        size: '1000',
      }),
    ).toEqual(DEFAULT_FILTERS);
    expect(filtersFromParams({ page: '0' }).page).toBe(1);
  });

  it('takes the first of repeated parameters', () => {
    expect(filtersFromParams({ programme: ['SIP', 'TRYGGA_HEM'] }).programme).toBe('SIP');
  });

  it('writes only what differs from the defaults and removes the rest', () => {
    expect(filtersToParams(DEFAULT_FILTERS)).toEqual({
      programme: null,
      status: null,
      municipality: null,
      overdue: null,
      closed: null,
      number: null,
      page: null,
      size: null,
    });
    expect(
      filtersToParams({ ...DEFAULT_FILTERS, programme: 'SIP', overdue: true, page: 2 }),
    ).toMatchObject({ programme: 'SIP', overdue: 'true', page: '2', closed: null });
  });

  it('round-trips through the URL', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      programme: 'TRYGGA_HEM',
      status: 'active',
      includeClosed: true,
      page: 4,
      pageSize: 10,
    };
    const params = Object.fromEntries(
      Object.entries(filtersToParams(filters)).filter(([, v]) => v !== null),
    );
    expect(filtersFromParams(params)).toEqual(filters);
  });

  it('builds the API query', () => {
    expect(filtersToQuery({ ...DEFAULT_FILTERS, municipalityCode: '1880', overdue: true })).toEqual(
      {
        page: 1,
        pageSize: 25,
        programme: null,
        status: null,
        municipalityCode: '1880',
        overdue: true,
        includeClosed: false,
        number: null,
      },
    );
  });

  it('knows when the list is filtered', () => {
    expect(isFiltered(DEFAULT_FILTERS)).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTERS, page: 5 })).toBe(false);
    expect(isFiltered({ ...DEFAULT_FILTERS, includeClosed: true })).toBe(true);
  });

  it('goes back to page 1 when a filter changes, not when paging', () => {
    const onPage3 = { ...DEFAULT_FILTERS, page: 3 };
    expect(withFilters(onPage3, { status: 'active' }).page).toBe(1);
    expect(withFilters(onPage3, { page: 4 })).toEqual({ ...DEFAULT_FILTERS, page: 4 });
  });
});
