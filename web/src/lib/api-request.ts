import { ApiError, type Query } from './api.ts';
import type { Session } from './session.svelte.ts';

/** An API error that also carries the envelope's `details` (e.g. the fields a 400 refused). */
export class ApiErrorWithDetails extends ApiError {
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(status, code, message);
    this.details = details;
  }
}

/** `[{path, message}]` of a validation error's details, or an empty list for any other shape. */
export function fieldIssues(err: unknown): { path: string; message: string }[] {
  if (!(err instanceof ApiErrorWithDetails) || !Array.isArray(err.details)) return [];
  return err.details.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
}

/** The error an unsuccessful response stands for (the API's envelope when it sent one). */
export async function responseError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null) {
      const e = error as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof e.message === 'string') {
        return new ApiErrorWithDetails(
          response.status,
          typeof e.code === 'string' ? e.code : 'http_error',
          e.message,
          e.details,
        );
      }
    }
  }
  return new ApiError(response.status, 'http_error', `${response.status} ${response.statusText}`.trim());
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  accept?: string;
  signal?: AbortSignal;
}

/**
 * A bearer-authenticated call to `/api{path}` that answers the raw Response when it succeeded, for
 * what the JSON client does not cover: DELETE, file downloads, and errors with their details. A 401
 * ends the session like the JSON client does.
 */
export async function apiFetch(
  session: Session,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Response> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const qs = params.size > 0 ? `?${params.toString()}` : '';
  const token = session.token();
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}${qs}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'Network error');
  }
  if (response.ok) return response;
  const error = await responseError(response);
  if (error.unauthorized && token) session.expire();
  throw error;
}

/** Like {@link apiFetch}, with the JSON body of the answer (an empty answer gives `undefined`). */
export async function apiJson<T>(
  session: Session,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const response = await apiFetch(session, method, path, options);
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'invalid_response', 'Empty or invalid JSON');
  }
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header, if any. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || null;
}

/**
 * Downloads `/api{path}` with the bearer token (a plain link cannot send it) and saves it as a file:
 * the server's Content-Disposition name, else `fallbackName`.
 */
export async function downloadFile(
  session: Session,
  path: string,
  fallbackName: string,
  query?: Query,
): Promise<void> {
  const response = await apiFetch(session, 'GET', path, { query, accept: 'text/csv, */*' });
  const blob = await response.blob();
  const name = dispositionFileName(response.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the blob asynchronously after the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
