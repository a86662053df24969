import type { AgreementSummaryDto, Page } from '@samsyn/common';
import { type RunningApi, WORKSPACE_ROOT, startApi, tempDir } from '@samsyn/testing';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { e2eContext } from './support/env';
import { ApiClient, type HttpResult } from './support/http';

/** The production build of the client (the e2e target builds it first). */
const CLIENT_DIR = join(WORKSPACE_ROOT, 'dist/apps/client/browser');
/** Issue 18: JavaScript transferred before the sign-in form, compressed. */
const INITIAL_JS_BUDGET = 200_000;
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A GET that leaves the body as it travelled (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res: RawResponse): Buffer {
  const coding = res.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(res.body);
  if (coding === 'gzip') return gunzipSync(res.body);
  return res.body;
}

/** The scripts index.html loads (`<script src>`) and preloads (`<link rel="modulepreload">`). */
function entryScripts(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.js)"/g)].map(
    (m) => m[1],
  );
}

/**
 * The chunks a chunk imports statically (`import{a as b}from"./chunk-X.js"`, `import"./x.js"`,
 * `export{…}from"./x.js"`): the browser fetches them before running it. Dynamic `import("…")`
 * is not followed: that is what loads later.
 */
function staticImports(source: string): string[] {
  const pattern =
    /(?<![\w$.])(?:import|export)\s*(?:\{[^}]*\}\s*from\s*|\*\s*as\s*[\w$]+\s*from\s*|[\w$]+\s*(?:,\s*\{[^}]*\}\s*)?from\s*)?"\.\/([^"]+\.js)"/g;
  return [...source.matchAll(pattern)].map((m) => m[1]);
}

function closure(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(readFileSync(join(CLIENT_DIR, file), 'utf8')));
  }
  return [...seen].sort();
}

/** The chunk the sign-in route loads: `loadChildren: () => import(…).then((m) => m.SIGN_IN_ROUTES)`. */
function signInChunk(): string {
  const found = readdirSync(CLIENT_DIR)
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) => [
      ...readFileSync(join(CLIENT_DIR, file), 'utf8').matchAll(
        /import\("\.\/([^"]+\.js)"\)\.then\(\(?(\w+)\)?=>\2\.SIGN_IN_ROUTES\)/g,
      ),
    ])
    .map((m) => m[1]);
  if (found.length !== 1) throw new Error(`the sign-in route's chunk: found ${found.join(', ')}`);
  return found[0];
}

describe('HTTP caching and compression (issue 18)', () => {
  describe('every /api answer', () => {
    let coordinator: ApiClient;

    beforeAll(async () => {
      coordinator = await ApiClient.signedIn('samordnare.orebro');
    });

    const expectNoStore = (what: string, res: HttpResult | Response, status: number) =>
      expect({
        what,
        status: res.status,
        cacheControl: res.headers.get('cache-control'),
        etag: res.headers.get('etag'),
      }).toEqual({ what, status, cacheControl: 'no-store', etag: null });

    it('JSON, successes and errors, with a session and without: no-store, no ETag', async () => {
      const anonymous = new ApiClient();
      const social = await ApiClient.signedIn('social.orebro');
      const none = '00000000-0000-4000-8000-000000000000';
      expectNoStore('health', await anonymous.get('/api/health'), 200);
      expectNoStore('me without a session', await anonymous.get('/api/v1/me'), 401);
      expectNoStore('an invalid sign-in', await anonymous.post('/api/v1/auth/login', {}), 400);
      expectNoStore('me', await coordinator.get('/api/v1/me'), 200);
      expectNoStore('the case list', await social.get('/api/v1/cases'), 200);
      expectNoStore('agreements', await coordinator.get('/api/v1/agreements'), 200);
      expectNoStore('a missing case', await social.get(`/api/v1/cases/${none}`), 404);
      expectNoStore('an unknown path', await coordinator.get('/api/v1/no-such-thing'), 404);
      expectNoStore('a refused permission', await social.get('/api/v1/statistics/indicators'), 403);
      expectNoStore('the OpenAPI document', await anonymous.get('/api/docs-json'), 200);
      // Swagger UI's page and its static files (served by a library's own static handler).
      expectNoStore('Swagger UI', await anonymous.get('/api/docs'), 200);
      expectNoStore(
        'Swagger UI script',
        await anonymous.get('/api/docs/swagger-ui-bundle.js'),
        200,
      );
    });

    it("the queue dashboard's own Express app: its page, a script and its JSON", async () => {
      const sysadmin = await ApiClient.signedIn('sysadmin');
      const base = '/api/v1/admin/queues';
      const page = await sysadmin.request<string>('GET', base, undefined, {
        headers: { accept: 'text/html' },
      });
      expectNoStore('dashboard page', page, 200);
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)?.[1];
      expect(script).toBeDefined();
      expectNoStore('dashboard script', await sysadmin.get(`${base}/${script}`), 200);
      expectNoStore('dashboard JSON', await sysadmin.get(`${base}/api/queues`), 200);
    });

    it('the same JSON asked for again is answered in full, never 304', async () => {
      const first = await fetch(`${coordinator.baseUrl}/api/health`);
      const again = await fetch(`${coordinator.baseUrl}/api/health`, {
        headers: { 'if-none-match': '*', 'if-modified-since': new Date().toUTCString() },
      });
      expectNoStore('health', first, 200);
      expectNoStore('health, conditional', again, 200);
    });

    it('downloads: the statistics CSV and a follow-up report PDF', async () => {
      const cookie = [...coordinator.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const download = (path: string) =>
        fetch(`${coordinator.baseUrl}${path}`, { headers: { cookie } });

      const csv = await download(
        '/api/v1/statistics/indicators.csv?from=2025-01-01&to=2025-03-31&period=month&lang=sv',
      );
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expectNoStore('statistics CSV', csv, 200);

      const agreements = await coordinator.get<Page<AgreementSummaryDto>>('/api/v1/agreements');
      expect(agreements.body.items.length).toBeGreaterThan(0);
      const year = new Date().getUTCFullYear();
      const pdf = await download(
        `/api/v1/statistics/agreements/${agreements.body.items[0].id}/follow-up-report.pdf?year=${year}&lang=sv`,
      );
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expectNoStore('follow-up report PDF', pdf, 200);
    });
  });

  describe('the built client as the API serves it', () => {
    let api: RunningApi;
    let main: string;

    beforeAll(async () => {
      if (!existsSync(join(CLIENT_DIR, 'index.html')))
        throw new Error(`${CLIENT_DIR} has no index.html: npx nx build client`);
      const scripts = entryScripts(readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8'));
      main = scripts.find((file) => /^main-[A-Z0-9]{8}\.js$/.test(file)) as string;
      expect(main).toBeDefined();
      // A second API process on the same database, serving the client.
      api = await startApi({
        DATABASE_URL: e2eContext().databaseUrl,
        DATA_DIR: tempDir('samsyn-http-'),
        CLIENT_DIST_DIR: CLIENT_DIR,
      });
    }, 90_000);

    afterAll(() => api?.stop());

    it('a hashed script: Brotli or gzip as accepted, its own type, immutable for a year', async () => {
      const original = readFileSync(join(CLIENT_DIR, main));
      for (const [acceptEncoding, coding] of [
        // Chromium's header: Brotli wins though gzip comes first.
        ['gzip, deflate, br, zstd', 'br'],
        ['gzip, deflate', 'gzip'],
        ['br;q=0, gzip', 'gzip'],
        ['identity', undefined],
        [undefined, undefined],
      ] as const) {
        const res = await rawGet(
          `${api.url}/${main}`,
          acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
        );
        expect({
          acceptEncoding,
          status: res.status,
          encoding: res.headers['content-encoding'],
          type: res.headers['content-type'],
          vary: res.headers['vary'],
          cacheControl: res.headers['cache-control'],
        }).toEqual({
          acceptEncoding,
          status: 200,
          encoding: coding,
          type: expect.stringMatching(/^(text|application)\/javascript\b/),
          vary: expect.stringMatching(/accept-encoding/i),
          cacheControl: IMMUTABLE,
        });
        expect(decode(res).equals(original)).toBe(true);
        if (coding) expect(res.body.length).toBeLessThan(original.length / 2);
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
      }
    });

    it('index.html, a client route and an unhashed file: compressed, revalidated every time', async () => {
      const index = readFileSync(join(CLIENT_DIR, 'index.html'));
      for (const path of ['/', '/index.html', '/arenden', '/logga-in']) {
        const res = await rawGet(`${api.url}${path}`, { 'accept-encoding': 'gzip, br' });
        expect({
          path,
          status: res.status,
          encoding: res.headers['content-encoding'],
          type: res.headers['content-type'],
          cacheControl: res.headers['cache-control'],
        }).toEqual({
          path,
          status: 200,
          encoding: 'br',
          type: 'text/html; charset=utf-8',
          cacheControl: 'no-cache',
        });
        expect(decode(res).equals(index)).toBe(true);
      }
      const favicon = await rawGet(`${api.url}/favicon.svg`);
      expect(favicon.status).toBe(200);
      expect(favicon.headers['cache-control']).toBe('no-cache');
      expect(favicon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    });

    it('revalidating index.html costs a 304 (Last-Modified; no ETags anywhere)', async () => {
      const first = await rawGet(`${api.url}/`, { 'accept-encoding': 'br' });
      const lastModified = first.headers['last-modified'];
      expect(lastModified).toBeDefined();
      expect(first.headers['etag']).toBeUndefined();
      const again = await rawGet(`${api.url}/`, {
        'accept-encoding': 'br',
        'if-modified-since': lastModified as string,
      });
      expect(again.status).toBe(304);
    });

    it('its API answers stay no-store', async () => {
      const res = await rawGet(`${api.url}/api/health`, { 'accept-encoding': 'br, gzip' });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['etag']).toBeUndefined();
    });
  });

  it('the JavaScript before the sign-in form weighs at most 200 kB as transferred', () => {
    const index = readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8');
    const files = closure([...entryScripts(index), signInChunk()]);
    const sizes = files.map((file) => {
      const path = join(CLIENT_DIR, file);
      const raw = statSync(path).size;
      // What the API sends for it: the precompressed variant the build wrote, or the file itself
      // when compressing would not make it smaller (a few dozen bytes).
      const served = (suffix: string) =>
        existsSync(path + suffix) ? statSync(path + suffix).size : raw;
      const size = { file, raw, br: served('.br'), gzip: served('.gz') };
      if (raw > 1000) expect(size.br).toBeLessThan(raw / 2);
      return size;
    });
    const total = (key: 'raw' | 'br' | 'gzip') => sizes.reduce((sum, s) => sum + s[key], 0);
    const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
    console.log(
      `Initial JavaScript before the sign-in form: ${files.length} files, ${kB(total('raw'))} ` +
        `uncompressed, ${kB(total('br'))} Brotli, ${kB(total('gzip'))} gzip\n` +
        sizes
          .sort((a, b) => b.raw - a.raw)
          .map((s) => `  ${s.file}: ${kB(s.raw)} → ${kB(s.br)} br, ${kB(s.gzip)} gzip`)
          .join('\n'),
    );
    expect(files.length).toBeGreaterThan(2);
    expect(total('br')).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
    expect(total('gzip')).toBeLessThanOrEqual(INITIAL_JS_BUDGET);
  });
});
