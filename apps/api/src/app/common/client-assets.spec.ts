import { IMMUTABLE, REVALIDATE, cacheControlFor, chooseCoding } from './client-assets';

describe('chooseCoding', () => {
  const both = ['br', 'gzip'] as const;

  it('prefers Brotli when the request accepts both equally, in any order', () => {
    // Chromium's header over plain HTTP and over HTTPS.
    expect(chooseCoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(chooseCoding('br, gzip', both)).toBe('br');
  });

  it('takes gzip when Brotli is not accepted or not there', () => {
    expect(chooseCoding('gzip, deflate', both)).toBe('gzip');
    expect(chooseCoding('x-gzip', both)).toBe('gzip');
    expect(chooseCoding('br, gzip', ['gzip'])).toBe('gzip');
  });

  it('follows the q-values: a higher one wins, q=0 refuses', () => {
    expect(chooseCoding('gzip;q=1, br;q=0.5', both)).toBe('gzip');
    expect(chooseCoding('br;q=0, gzip;q=0.1', both)).toBe('gzip');
    expect(chooseCoding('br;q=0, gzip; q=0', both)).toBeNull();
    expect(chooseCoding('*', both)).toBe('br');
    expect(chooseCoding('*;q=0.5, br;q=0', both)).toBe('gzip');
  });

  it('answers the file as it is without an acceptable coding', () => {
    expect(chooseCoding(undefined, both)).toBeNull();
    expect(chooseCoding('', both)).toBeNull();
    expect(chooseCoding('identity', both)).toBeNull();
    expect(chooseCoding('deflate', both)).toBeNull();
    expect(chooseCoding('br, gzip', [])).toBeNull();
  });
});

describe('cacheControlFor', () => {
  it('caches files named with the build hash for a year, immutable', () => {
    for (const path of [
      '/main-ZUMZIITM.js',
      '/chunk-HITEHT2V.js',
      '/styles-IYWRCICN.css',
      '/media/roboto-AB12CD34.woff2',
    ]) {
      expect({ path, cache: cacheControlFor(path) }).toEqual({ path, cache: IMMUTABLE });
    }
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html and every unhashed file', () => {
    for (const path of ['/index.html', '/favicon.svg', '/robots.txt', '/chunk-lower.js']) {
      expect({ path, cache: cacheControlFor(path) }).toEqual({ path, cache: REVALIDATE });
    }
    expect(REVALIDATE).toBe('no-cache');
  });
});
