// Shared Jest settings for server-side projects: SWC compiles TypeScript (with decorator metadata
// for NestJS) so tests start fast; type errors are caught by `npm run typecheck`.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          // Rewrites @samsyn/* imports at compile time, so Jest's global setup files resolve them too.
          baseUrl: __dirname,
          paths: compilerOptions.paths,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: path.join(__dirname, '/'),
  }),
  setupFiles: [path.join(__dirname, 'tools/jest/set-timezone.js')],
  reporters: ['default', path.join(__dirname, 'tools/jest/summary-reporter.js')],
};
