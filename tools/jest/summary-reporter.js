// Records each Jest run's counts in tmp/test-results/, so that `npm test` can end with one
// line for the whole suite (tools/test-summary.mjs).
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    // apps/api → tmp/test-results/apps/api: the test target's Nx output, so cached runs count too.
    this.project = globalConfig.rootDir.split('/').slice(-2).join('/');
  }

  onRunComplete(_contexts, results) {
    const dir = join(__dirname, '../../tmp/test-results', this.project);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'summary.json'),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = SummaryReporter;
