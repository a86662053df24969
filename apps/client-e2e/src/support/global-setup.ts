import { type RunningApi, startApi } from './api-server';

declare global {
  var samsynE2eApi: RunningApi | undefined;
}

/**
 * One API for the whole run. E2E_BASE_URL points the tests at an already running instance
 * instead (handy while developing).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env['E2E_BASE_URL']) return;
  const api = await startApi();
  globalThis.samsynE2eApi = api;
  // Tests run in this process (runInBand) and read the address from the environment.
  process.env['E2E_BASE_URL'] = api.baseUrl;
}
