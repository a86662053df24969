import { CSRF_COOKIE, CSRF_HEADER } from '@samsyn/common';
import { DEMO_PASSWORD, e2eContext } from './env';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client with its own cookie jar that sends the CSRF header like the browser client. */
export class ApiClient {
  /** `cookies`: a jar to share, e.g. by one browser's requests to two API processes. */
  constructor(
    readonly baseUrl = e2eContext().apiUrl,
    readonly cookies = new Map<string, string>(),
  ) {}

  static async signedIn(
    username: string,
    password = DEMO_PASSWORD,
    baseUrl?: string,
  ): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await client.login(username, password);
    if (res.status !== 200)
      throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  login(username: string, password: string): Promise<HttpResult> {
    return this.request('POST', '/api/v1/auth/login', { username, password });
  }

  get<T = unknown>(path: string): Promise<HttpResult<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.request<T>('POST', path, body);
  }

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (this.cookies.size)
      headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get(CSRF_COOKIE);
    if (csrf && options.csrf !== false && method !== 'GET') headers[CSRF_HEADER] = csrf;
    let payload: string | undefined = options.rawBody;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}
