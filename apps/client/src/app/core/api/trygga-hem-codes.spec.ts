import { BOARD_SORTS, MeetingStatus, TRYGGA_HEM_PRIORITIES } from '@samsyn/common';
import { BOARD_SORT_ORDERS, MEETING_APPROVED, PRIORITIES } from './trygga-hem-codes';

describe('Trygga hem codes repeated in the client', () => {
  it('match libs/common', () => {
    expect(PRIORITIES).toEqual(TRYGGA_HEM_PRIORITIES);
    expect(BOARD_SORT_ORDERS).toEqual(BOARD_SORTS);
    expect(MEETING_APPROVED).toBe(MeetingStatus.Approved);
  });
});
