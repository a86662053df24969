/**
 * The API's paging limits (`PageQueryDto` in libs/common), repeated here on purpose: that module's
 * class-transformer decorators read `reflect-metadata`, which the browser bundle does not load,
 * so the client imports nothing from it. paging.spec.ts keeps the two in step.
 */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
