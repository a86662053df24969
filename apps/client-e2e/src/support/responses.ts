import type { Page, Route } from 'playwright-core';

/** What the API answered to a request the page made: its status and JSON body. */
export interface Answered<T> {
  status: number;
  body: T;
}

/**
 * Runs `action` and returns the API's answer to the first request of the page that `matches`,
 * read as it passes (the request goes to the API unchanged and its answer to the page
 * unchanged). Chromium keeps no body of an answer marked `Cache-Control: no-store` once the page
 * has navigated away, which the client does as soon as a creation answers, so the body is read
 * here, before the page has it, and not from the response afterwards.
 */
export async function answerTo<T>(
  page: Page,
  matches: (url: string, method: string) => boolean,
  action: () => Promise<unknown>,
): Promise<Answered<T>> {
  let resolve: (a: Answered<T>) => void = () => undefined;
  const answered = new Promise<Answered<T>>((ok) => (resolve = ok));
  let seen = false;
  const handler = async (route: Route) => {
    const request = route.request();
    if (seen || !matches(request.url(), request.method())) return route.fallback();
    seen = true;
    const response = await route.fetch();
    const text = await response.text();
    resolve({ status: response.status(), body: (text ? JSON.parse(text) : null) as T });
    await route.fulfill({ response, body: text });
  };
  await page.route('**/api/**', handler);
  try {
    const [result] = await Promise.all([answered, action()]);
    return result;
  } finally {
    await page.unroute('**/api/**', handler);
  }
}
