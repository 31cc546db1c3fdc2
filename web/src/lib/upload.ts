import { ApiError } from './api.ts';
import { isFinal, type Upload, type UploadTarget } from './upload-types.ts';

export interface PostFileOptions {
  /** Bytes sent so far and the request's total (the file plus the form fields). */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/** The message of a refused blob POST: an API error envelope, an S3 `<Message>`, or the status. */
function blobError(xhr: XMLHttpRequest): ApiError {
  const text = typeof xhr.responseText === 'string' ? xhr.responseText : '';
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.message === 'string') {
      return new ApiError(
        xhr.status,
        typeof body.error.code === 'string' ? body.error.code : 'upload_refused',
        body.error.message,
      );
    }
  } catch {
    // not JSON: S3 answers XML
  }
  const s3Code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const s3Message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  if (s3Message) return new ApiError(xhr.status, s3Code ?? 'upload_refused', s3Message);
  return new ApiError(xhr.status, 'upload_refused', `${xhr.status} ${xhr.statusText}`.trim());
}

/**
 * Posts `file` to a presigned-POST target as multipart/form-data: every policy field first, the file
 * last as part `file` (S3 ignores fields after the file). XMLHttpRequest rather than fetch, because
 * only XHR reports upload progress. No Authorization header: the policy fields are the credential.
 */
export function postFile(target: UploadTarget, file: File, options: PostFileOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const form = new FormData();
    for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
    form.append('file', file, file.name);

    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    const done = () => options.signal?.removeEventListener('abort', onAbort);
    xhr.upload.onprogress = (e) => {
      options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    };
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        options.onProgress?.(file.size, file.size);
        resolve();
      } else {
        reject(blobError(xhr));
      }
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, 'network', 'The connection was lost while sending the file.'));
    };
    xhr.ontimeout = () => {
      done();
      reject(new ApiError(0, 'timeout', 'Sending the file took too long.'));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    xhr.open(target.method, target.url);
    xhr.send(form);
  });
}

/** Resolves after `ms`, or rejects with an AbortError when `signal` fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface PollOptions {
  /** Called with every answer, including the final one. */
  onUpdate?: (upload: Upload) => void;
  signal?: AbortSignal;
  /** First wait; it grows by `factor` after each answer up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  /** Consecutive network or 5xx failures tolerated before giving up. */
  maxFailures?: number;
}

/** True for failures worth retrying: no connection, a timeout, a server error, throttling. */
function transient(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 429 || err.status >= 500);
}

/**
 * Polls an upload until it reaches a final status (completed, rejected, failed, duplicate): every
 * 700 ms at first, backing off to 5 s, so a quick file reports quickly and a large one does not flood
 * the API. Transient failures are retried; a 4xx ends the poll with that error.
 */
export async function pollUpload(
  fetchUpload: (signal?: AbortSignal) => Promise<Upload>,
  options: PollOptions = {},
): Promise<Upload> {
  const { signal, initialDelayMs = 700, maxDelayMs = 5000, factor = 1.3, maxFailures = 6 } = options;
  let delay = initialDelayMs;
  let failures = 0;
  for (;;) {
    await sleep(delay, signal);
    try {
      const upload = await fetchUpload(signal);
      failures = 0;
      options.onUpdate?.(upload);
      if (isFinal(upload.status)) return upload;
    } catch (err) {
      if (!transient(err) || ++failures > maxFailures) throw err;
    }
    delay = Math.min(maxDelayMs, Math.round(delay * factor));
  }
}

/** The content type to declare for a file: the browser's, or one derived from the extension. */
export function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'xlsx':
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    case 'tsv':
      return 'text/tab-separated-values';
    case 'csv':
      return 'text/csv';
    case 'txt':
      return 'text/plain';
    default:
      return 'application/octet-stream';
  }
}
