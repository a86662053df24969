// Unit tests for the client's plain TypeScript (dictionaries, formatting, error mapping) run in
// Node with the root SWC preset; components are covered by the browser tests in client-e2e.
export default {
  displayName: 'client',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/client',
};
