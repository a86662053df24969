import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  currentRequestId,
  RequestContextMiddleware,
  requestIdOf,
  runWithRequestContext,
} from './request-context';

function response(header?: string): ServerResponse {
  return { getHeader: () => header } as unknown as ServerResponse;
}
const request = (id?: unknown) => ({ id }) as unknown as IncomingMessage;

describe('request context', () => {
  it('has no request id outside a request', () => {
    expect(currentRequestId()).toBeNull();
  });

  it('keeps the id across awaits within the request, and only there', async () => {
    const seen = await runWithRequestContext({ requestId: 'a' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentRequestId();
    });
    expect(seen).toBe('a');
    expect(currentRequestId()).toBeNull();
  });

  it('keeps concurrent requests apart', async () => {
    const run = (id: string, delay: number) =>
      runWithRequestContext({ requestId: id }, async () => {
        await new Promise((r) => setTimeout(r, delay));
        return currentRequestId();
      });
    await expect(Promise.all([run('a', 5), run('b', 1)])).resolves.toEqual(['a', 'b']);
  });

  it("the middleware opens a context with the logger's request id for the rest of the request", () => {
    let seen: string | null = 'unset';
    new RequestContextMiddleware().use(request('req-7'), response('req-7'), () => {
      seen = currentRequestId();
    });
    expect(seen).toBe('req-7');
  });

  it("takes pino-http's req.id, else the x-request-id response header, else nothing", () => {
    expect(requestIdOf(request('from-req'), response('from-header'))).toBe('from-req');
    expect(requestIdOf(request(12), response())).toBe('12');
    expect(requestIdOf(request(), response('from-header'))).toBe('from-header');
    expect(requestIdOf(request(), response())).toBeNull();
    expect(requestIdOf(request('x'.repeat(101)), response())).toBeNull();
  });
});
