#!/usr/bin/env node
// `--reset` clears the per-project Jest counts; without it, prints the suite's totals as the
// last line of `npm test` ("tests: N passed, N failed, N skipped") and fails if none ran.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'tmp/test-results';
if (process.argv.includes('--reset')) {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
let files = [];
try {
  files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('summary.json'));
} catch {
  // no results at all
}
const total = { passed: 0, failed: 0, skipped: 0 };
for (const f of files) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  for (const k of Object.keys(total)) total[k] += r[k];
}
// The runtime the suite ran on (CI pins it in .ci/node.sh), so a log shows what was proven.
console.log(`node: ${process.version}`);
console.log(`projects: ${files.map((f) => f.replace(/\/summary\.json$/, '')).join(', ')}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
