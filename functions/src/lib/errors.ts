/** Typed domain errors; {@link statusOf} maps them to HTTP statuses in one place. */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'invalid_credentials'
  | 'token_expired'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unprocessable'
  | 'internal';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, details);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(
    message = 'Sign in to continue.',
    code: 'unauthorized' | 'invalid_credentials' | 'token_expired' = 'unauthorized',
  ) {
    super(code, message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this action.') {
    super('forbidden', message);
  }
}
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('not_found', message);
  }
}
export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  internal: 500,
};

/** HTTP status of a domain error code. */
export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** The error envelope of contracts.md. */
export function envelope(code: ErrorCode, message: string, details?: unknown): string {
  return JSON.stringify({ error: details === undefined ? { code, message } : { code, message, details } });
}
