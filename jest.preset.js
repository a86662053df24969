// Shared Jest settings for server-side projects: SWC compiles TypeScript (with decorator metadata
// for NestJS) so tests start fast; type errors are caught by `npm run typecheck`.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

/**
 * ESM-only packages that Jest, running CommonJS, must compile like our sources: otplib's base32
 * and hash dependencies (the built API on Node 24 requires them natively).
 */
const ESM_ONLY = ['@scure/base', '@noble/hashes'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
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
  // Everything in node_modules runs as published, except the ESM-only packages above (the last
  // node_modules segment of a path decides, for nested copies).
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)(?!.*/node_modules/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: path.join(__dirname, '/'),
  }),
  setupFiles: [path.join(__dirname, 'tools/jest/set-timezone.js')],
  reporters: ['default', path.join(__dirname, 'tools/jest/summary-reporter.js')],
};
