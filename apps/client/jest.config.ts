// Unit tests for the client's plain TypeScript (dictionaries, formatting, filters, form → DTO
// mapping, the typed API clients) run in Node with the root SWC preset. Angular's packages are
// ES modules, so SWC compiles them (and RxJS) to CommonJS for Jest as well, and Angular's JIT
// compiler is loaded first (setup files add to the preset's) so its partially compiled classes
// can be used. Components are covered by the browser tests in client-e2e.
export default {
  displayName: 'client',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/client',
  transform: {
    '^.+\\.mjs$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['node_modules/(?!(@angular|rxjs)/)'],
  moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
  setupFiles: ['@angular/compiler'],
};
