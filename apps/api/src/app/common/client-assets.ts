import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** The content codings the client build is precompressed in (tools/precompress.mjs). */
export type ContentCoding = 'br' | 'gzip';

/** The server's preference when a request accepts several codings equally: Brotli is smaller. */
const CODINGS: readonly ContentCoding[] = ['br', 'gzip'];
const SUFFIX: Readonly<Record<ContentCoding, string>> = { br: '.br', gzip: '.gz' };

/** A file whose name carries the build's content hash: a new build gives it a new name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and every unhashed file: kept, but checked with the server before each use. */
export const REVALIDATE = 'no-cache';

/**
 * Angular's output hashing appends 8 upper-case letters and digits to a name (`main-ZUMZIITM.js`,
 * `chunk-HITEHT2V.js`, `styles-IYWRCICN.css`, `media/roboto-AB12CD34.woff2`); files copied from
 * `public/` (favicon.svg) and index.html keep their names from build to build.
 */
const HASHED_NAME = /-[A-Z0-9]{8}\.[A-Za-z0-9]+$/;

export function cacheControlFor(path: string): string {
  return HASHED_NAME.test(path) ? IMMUTABLE : REVALIDATE;
}

/**
 * The coding to answer with, given the request's Accept-Encoding and the variants a file has:
 * the one with the highest q-value (`*` stands for any coding not named), the server's
 * preference (Brotli) on a tie, and null (the file as it is) when none is acceptable.
 */
export function chooseCoding(
  acceptEncoding: string | undefined,
  available: readonly ContentCoding[],
): ContentCoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      const q = /^q\s*=\s*([0-9.]+)$/.exec(param);
      if (q) weight = Number(q[1]);
    }
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: ContentCoding | null = null;
  let bestWeight = 0;
  for (const coding of CODINGS) {
    if (!available.includes(coding)) continue;
    const weight =
      weights.get(coding) ??
      (coding === 'gzip' ? weights.get('x-gzip') : undefined) ??
      weights.get('*') ??
      0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** One file of the built client and its precompressed variants. */
interface ClientAsset {
  file: string;
  variants: Partial<Record<ContentCoding, string>>;
  cacheControl: string;
}

/** Every file under `root` by its URL path (`/main-ZUMZIITM.js`), with its `.br`/`.gz` beside it. */
function scan(root: string): Map<string, ClientAsset> {
  const files = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.add(path);
    }
  };
  walk(root);
  const assets = new Map<string, ClientAsset>();
  for (const file of files) {
    const coding = CODINGS.find((c) => file.endsWith(SUFFIX[c]));
    // A variant is served for its file only, never by its own name.
    if (coding && files.has(file.slice(0, -SUFFIX[coding].length))) continue;
    const urlPath = `/${relative(root, file).split(sep).join('/')}`;
    const variants: ClientAsset['variants'] = {};
    for (const c of CODINGS) if (files.has(file + SUFFIX[c])) variants[c] = file + SUFFIX[c];
    assets.set(urlPath, { file, variants, cacheControl: cacheControlFor(urlPath) });
  }
  return assets;
}

function send(req: Request, res: Response, next: NextFunction, asset: ClientAsset): void {
  const available = Object.keys(asset.variants) as ContentCoding[];
  const coding = chooseCoding(req.get('accept-encoding'), available);
  if (available.length) res.vary('Accept-Encoding');
  res.setHeader('Cache-Control', asset.cacheControl);
  // The type of the file itself, not of its compressed variant.
  res.type(extname(asset.file));
  if (coding) res.setHeader('Content-Encoding', coding);
  res.sendFile(
    coding ? (asset.variants[coding] as string) : asset.file,
    // A range of a compressed body is of little use to anyone: the whole body, always.
    { cacheControl: false, acceptRanges: !coding },
    (error?: Error) => {
      if (error && !res.headersSent) next(error);
    },
  );
}

/**
 * Serves the built Angular client from `root`: its files, each from its precompressed variant
 * when the request accepts one (`Content-Encoding`, `Vary: Accept-Encoding`), hashed files
 * cached for a year as immutable, everything else revalidated; and index.html for every other
 * GET outside `apiPrefix` (the client's own routes). The folder is read once: a build is not
 * changed under a running server.
 */
export function serveClientAssets(root: string, apiPrefix: string): RequestHandler | null {
  if (!existsSync(join(root, 'index.html'))) return null;
  const assets = scan(root);
  const index = assets.get('/index.html') as ClientAsset;
  const api = `/${apiPrefix}`;
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith(api)) return next();
    let path = req.path;
    try {
      path = decodeURIComponent(path);
    } catch {
      // not percent-encoded properly: looked up as it is
    }
    const asset = assets.get(path);
    if (asset) return send(req, res, next, asset);
    if (req.method !== 'GET') return next();
    send(req, res, next, index);
  };
}
