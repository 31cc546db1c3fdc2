import type { ApiErrorBody } from './api-types.ts';

/** An API call that failed: HTTP status (0 for a network failure), the API's error code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** True when the session is missing or expired and the user has to sign in again. */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export interface ApiClientOptions {
  /** The bearer token of the current session, if any. */
  token: () => string | null;
  /** Called once when an authenticated call answers 401 (session expired). */
  onUnauthorized: () => void;
}

export type Query = Record<string, string | number | undefined>;

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = body.error;
  return typeof error === 'object' && error !== null && 'message' in error;
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(response.status, body.error.code, body.error.message);
    throw new ApiError(response.status, 'http_error', `${response.status} ${response.statusText}`.trim());
  }
  if (body === undefined) throw new ApiError(response.status, 'invalid_response', 'Empty or invalid JSON');
  return body as T;
}

/** A small client for the same-origin `/api`: JSON in and out, bearer auth, typed errors. */
export function createApiClient(options: ApiClientOptions) {
  async function request<T>(
    method: string,
    path: string,
    init: { query?: Query; body?: unknown; signal?: AbortSignal },
  ) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const qs = params.size > 0 ? `?${params.toString()}` : '';
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(`/api${path}${qs}`, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
    }
    try {
      return await parse<T>(response);
    } catch (err) {
      if (err instanceof ApiError && err.unauthorized && token) options.onUnauthorized();
      throw err;
    }
  }

  return {
    get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
    post: <T>(path: string, body: unknown, signal?: AbortSignal) =>
      request<T>('POST', path, { body, signal }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** True for the error thrown by `fetch` when its AbortSignal fires. */
export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
