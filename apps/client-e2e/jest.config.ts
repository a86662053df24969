// Browser tests: the built client served by the built API (started once in global-setup),
// driven in Debian's Chromium through playwright-core.
export default {
  displayName: 'client-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  // One time budget per journey, for a busy machine (two cores shared): a budget, not a check.
  // What a journey waits for fails on its own after 30 s (until… in support/browser.ts).
  testTimeout: 600_000,
  maxWorkers: 1,
};
