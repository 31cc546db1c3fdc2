import type { RowIssue } from '../repositories/uploads';

/**
 * A problem with the file as a whole (encoding, structure, size, header): the upload is rejected with
 * this reason, which says what is wrong and what to do.
 */
export class FileError extends Error {
  constructor(
    message: string,
    readonly row = 0,
    readonly column = '',
    readonly value = '',
  ) {
    super(message);
    this.name = 'FileError';
  }
}

/** The upload's bytes could not be read (storage or network): not the file's fault, so it is retried. */
export class SourceError extends Error {
  constructor(cause: unknown) {
    super(`the uploaded file could not be read: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'SourceError';
  }
}

const MAX_VALUE_CHARS = 120;
const MAX_REASON_CHARS = 400;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * A row issue as users see it: values and reasons are clipped so a huge field cannot blow an error item
 * past DynamoDB's 400 KB limit, and control characters are shown escaped.
 */
export function rowIssue(row: number, column: string, value: string, reason: string): RowIssue {
  return {
    row,
    column: clip(column, MAX_VALUE_CHARS),
    value: clip(value, MAX_VALUE_CHARS).replace(
      CONTROL_CHARS,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ),
    reason: clip(reason, MAX_REASON_CHARS),
  };
}

/** The message of any thrown value. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
