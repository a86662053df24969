import type { BoardSort, MeetingStatus, TryggaHemPriority } from '@samsyn/common';

/**
 * Trygga hem codes the client needs as values, repeated here on purpose: `trygga-hem.dto.ts`
 * extends `PageQueryDto`, whose class-transformer decorators read `reflect-metadata`, which the
 * browser bundle does not load — so the client imports only types from it (see paging.ts).
 * trygga-hem-codes.spec.ts keeps these in step with libs/common.
 */
export const PRIORITIES: readonly TryggaHemPriority[] = ['A', 'B', 'C', 'D'] as TryggaHemPriority[];

export const BOARD_SORT_ORDERS: readonly BoardSort[] = [
  'agenda',
  'priority',
  'daysSinceReview',
  'caseNumber',
];

export const MEETING_APPROVED: MeetingStatus = 'approved' as MeetingStatus;
