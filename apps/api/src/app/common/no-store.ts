import type { NextFunction, Request, Response } from 'express';

/**
 * For every `/api` answer, errors and downloads included: `Cache-Control: no-store` and no ETag,
 * so that no browser cache (a shared workstation's) or proxy keeps personal data. Set again as
 * the headers go out, so that nothing on the way can undo it: a handler, a library's own Express
 * app (the queue dashboard) or a static file (Swagger UI's).
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((...args: unknown[]) => {
    res.removeHeader('ETag');
    res.setHeader('Cache-Control', 'no-store');
    return writeHead(...args);
  }) as Response['writeHead'];
  next();
}
