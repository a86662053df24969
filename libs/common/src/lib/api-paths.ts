/** Route paths shared by the API controllers and the client's API services. */
export const API_PREFIX = 'api';
export const API_VERSION = '1';
export const API_BASE = `/${API_PREFIX}/v${API_VERSION}`;

export const SESSION_COOKIE = 'samsyn_sid';
export const CSRF_COOKIE = 'samsyn_csrf';
export const CSRF_HEADER = 'x-csrf-token';
