#!/usr/bin/env node
// Precompresses a built client for the API's static serving (apps/api/src/app/common/client-assets.ts):
// next to every text file (scripts, styles, HTML, SVG, JSON, …) it writes `<file>.br` (Brotli,
// quality 11) and `<file>.gz` (gzip, level 9), so that no request pays for compression and the
// strongest settings cost nothing at run time. A variant that would not be smaller is not written.
//
//   node tools/precompress.mjs [dir]        (default: dist/apps/client/browser)
//
// Run by `npx nx build client` after the Angular build (the `build` target wraps `build-app`).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map|ico)$/i;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const dir = process.argv[2] ?? 'dist/apps/client/browser';

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

const started = performance.now();
let raw = 0;
let brTotal = 0;
let gzTotal = 0;
const jobs = [];
for (const file of files(dir)) {
  // A rebuild into the same folder must not keep a variant of an older file.
  if (/\.(?:br|gz)$/.test(file)) {
    rmSync(file);
    continue;
  }
  if (!COMPRESSIBLE.test(file)) continue;
  jobs.push(file);
}

await Promise.all(
  jobs.map(async (file) => {
    const content = readFileSync(file);
    const [br, gzipped] = await Promise.all([
      brotli(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
      gz(content, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    raw += content.length;
    if (br.length < content.length) {
      writeFileSync(`${file}.br`, br);
      brTotal += br.length;
    } else brTotal += content.length;
    if (gzipped.length < content.length) {
      writeFileSync(`${file}.gz`, gzipped);
      gzTotal += gzipped.length;
    } else gzTotal += content.length;
  }),
);

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
console.log(
  `precompressed ${jobs.length} files in ${relative(process.cwd(), dir) || '.'}: ${kB(raw)} → ` +
    `${kB(brTotal)} Brotli, ${kB(gzTotal)} gzip (${Math.round(performance.now() - started)} ms)`,
);
