import * as common from '@samsyn/common';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';

describe('paging limits', () => {
  it('are the API’s', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(common.DEFAULT_PAGE_SIZE);
    expect(MAX_PAGE_SIZE).toBe(common.MAX_PAGE_SIZE);
  });
});
