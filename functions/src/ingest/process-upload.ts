import type { Readable } from 'node:stream';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import type { NumberFormat } from '@cxl/shared/contracts/values';
import { batchDelete, batchPut, ddb, TABLE } from '../adapters/dynamo';
import { logger } from '../lib/logger';
import { listScopes, pointScope } from '../repositories/facts';
import { keys, parseScopeKey } from '../repositories/keys';
import {
  claimSha,
  ERRORS_INLINE,
  getUpload,
  releaseSha,
  updateUpload,
  type RowIssue,
  type UploadRecord,
} from '../repositories/uploads';
import { BlockWriter } from './blocks';
import { rowIssue } from './issues';
import { readUpload, type ReadOutcome } from './read-upload';
import { UploadSource } from './source';
import { loadIngestContext } from './validate';
import type { ZipLimits } from './zip-guard';

export interface ProcessOptions {
  /** Overrides the upload's declared decimal separator (`upload.options.decimal`). */
  numberFormat?: NumberFormat;
  /** Row errors stored for the error report (the count stays exact beyond it). */
  maxErrors?: number;
  /** Zip-bomb limits for XLSX (tests lower them). */
  zipLimits?: ZipLimits;
}

export interface ProcessResult {
  status: UploadRecord['status'];
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  scope: { bu: string; month: string }[];
  supersedes: string[];
  duplicateOf?: string;
  sha256?: string;
  message?: string;
}

/** Errors stored per error item, matching repositories/uploads. */
const ERRORS_PER_CHUNK = 2_000;
const DEFAULT_MAX_ERRORS = 100_000;

/**
 * Row errors of one upload, streamed to error items of 2,000 as they fill (the full report stays
 * complete whatever its size, and memory holds one chunk); the first {@link ERRORS_INLINE} are kept for
 * the upload record.
 */
class ErrorLog {
  count = 0;
  readonly inline: RowIssue[] = [];
  private chunk: RowIssue[] = [];
  private chunks = 0;
  private writing: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly uploadId: string,
    private readonly max: number,
  ) {}

  add(e: RowIssue): void {
    this.count++;
    if (this.count > this.max) return;
    if (this.inline.length < ERRORS_INLINE) this.inline.push(e);
    this.chunk.push(e);
    if (this.chunk.length >= ERRORS_PER_CHUNK) this.flush();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const item = { ...keys.uploadErrors(this.uploadId, this.chunks++), errors: this.chunk };
    this.chunk = [];
    this.writing = this.writing.then(() =>
      batchPut([item]).catch((e: unknown) => {
        this.failure ??= { error: e };
      }),
    );
  }

  async finish(): Promise<void> {
    this.flush();
    await this.writing;
    if (this.failure) throw this.failure.error;
  }

  /** Waits for error items being written, ignoring their failures. */
  async settle(): Promise<void> {
    await this.writing;
  }

  /** Deletes the error items written so far (a duplicate upload reports no errors). */
  async discard(): Promise<void> {
    this.chunk = [];
    await this.writing;
    const written = Array.from({ length: this.chunks }, (_, i) => keys.uploadErrors(this.uploadId, i));
    await batchDelete(written);
  }
}

function formatOf(upload: UploadRecord, opts: ProcessOptions): NumberFormat {
  if (opts.numberFormat) return { declared: true, ...opts.numberFormat };
  const decimal = upload.options?.decimal;
  return decimal ? { decimal, declared: true } : { decimal: '.' };
}

async function shaHolder(kind: InputKind, sha256: string): Promise<string | null> {
  const res = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.sha(kind, sha256), ConsistentRead: true }),
  );
  const id = (res.Item as { uploadId?: unknown } | undefined)?.uploadId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** An upload that still stands for its content: a new copy of the same bytes is a duplicate of it. */
function isLive(u: UploadRecord | null): u is UploadRecord {
  return u !== null && (u.status === 'completed' || u.status === 'processing' || u.status === 'pending');
}

/** Runs `fn` over `items`, at most `n` at a time. */
async function eachLimited<T>(items: readonly T[], n: number, fn: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += n) await Promise.all(items.slice(i, i + n).map(fn));
}

/**
 * Processes one uploaded file as a stream, with memory bounded whatever its size:
 *
 * 1. bytes are hashed (sha256) as they pass; the first bytes tell XLSX (zip magic) from CSV;
 * 2. CSV: encoding detection and streaming decode, delimiter sniffing, csv-parse's stream API;
 *    XLSX: spooled to a temp file, inspected as a zip (bombs refused), first sheet streamed by exceljs;
 * 3. each record is validated as it arrives (header aliases, cell parsers with row/column/value/reason,
 *    unique keys, scope, locked months) and accepted rows are written as fact blocks under this upload's
 *    id, 25 blocks per batch write, while parsing continues;
 * 4. at the end the hash is known: a byte-identical copy of a live upload is a `duplicate` (its blocks
 *    are deleted, nothing else changes); otherwise `reject-file` with any error, or no valid row, rejects
 *    (blocks deleted); else the content claim is taken and each scope's pointer moves to this upload.
 *
 * Retrying with the same upload id is safe: blocks have the same keys, stale chunks of an earlier attempt
 * are pruned, the claim is held by this id and pointer moves are idempotent. A problem with the file
 * never throws — it is a `rejected` upload with reasons; a storage or database failure throws (the worker
 * marks the upload `failed` and the platform retries).
 */
export async function processUpload(
  upload: UploadRecord,
  body: Readable,
  opts: ProcessOptions = {},
): Promise<ProcessResult> {
  const { kind, uploadId } = upload;
  const source = new UploadSource(body);
  try {
    const before = await getUpload(uploadId);
    const isRetry = before !== null && before.status !== 'pending';
    await updateUpload(uploadId, { status: 'processing' });
    const ctx = await loadIngestContext(kind, formatOf(upload, opts));
    const errors = new ErrorLog(uploadId, opts.maxErrors ?? DEFAULT_MAX_ERRORS);
    const writer = new BlockWriter(kind, uploadId);
    const rejectFile = upload.onError === 'reject-file';
    let read: ReadOutcome;
    try {
      read = await readUpload(
        source,
        upload.fileName,
        kind,
        ctx,
        {
          accept: (scope, row) => {
            // With reject-file, one error means nothing applies: stop writing blocks that would be deleted.
            if (!(rejectFile && errors.count > 0)) writer.add(scope, row);
          },
          reject: (issue) => errors.add(issue),
          backpressure: () => writer.backpressure(),
        },
        opts.zipLimits,
      );
      await source.drain();
    } catch (e) {
      // Reading failed (storage, network): let writes in flight finish so nothing runs on after we throw.
      await writer.settle();
      await errors.settle();
      throw e;
    }
    const sha256 = source.digest();
    const { rowsTotal, rowsAccepted, fileError } = read;

    const finishedAt = new Date().toISOString();
    const scopeKeys = [...read.scopes].sort();
    const scope = scopeKeys.map(parseScopeKey);

    // A byte-identical copy of an upload that still stands: a no-op, whatever this copy would say.
    const duplicate = await findDuplicate(kind, sha256, uploadId);
    if (duplicate) {
      await writer.discard();
      await errors.discard();
      return await answerDuplicate(upload, duplicate, sha256, finishedAt);
    }

    const rejectAll = fileError !== null || (rejectFile && errors.count > 0) || rowsAccepted === 0;
    if (rejectAll) {
      await writer.discard();
      if (fileError)
        errors.add(rowIssue(fileError.row, fileError.column, fileError.value, fileError.message));
      await errors.finish();
      const message =
        fileError !== null
          ? `The file was rejected: ${fileError.message}.`
          : rowsAccepted === 0
            ? 'No row could be accepted; see the errors, correct the file and upload it again.'
            : `${errors.count} row error(s): nothing was applied because this upload is all-or-nothing (reject-file). Correct the rows listed and upload again.`;
      const result: ProcessResult = {
        status: 'rejected',
        rowsTotal,
        rowsAccepted: 0,
        rowsRejected: rowsTotal,
        scope,
        supersedes: [],
        sha256,
        message,
      };
      await updateUpload(uploadId, {
        ...result,
        errors: errors.inline,
        errorCount: errors.count,
        finishedAt,
      });
      return result;
    }

    await writer.finish();
    if (isRetry) await writer.pruneStale();
    const other = await claimContent(kind, sha256, uploadId);
    if (other) {
      // Lost a race with an identical upload that claimed the content first.
      await writer.discard();
      await errors.discard();
      return await answerDuplicate(upload, other, sha256, finishedAt);
    }
    const supersedes = await moveScopes(kind, scopeKeys, uploadId, finishedAt, isRetry);
    await errors.finish();
    const rowsRejected = rowsTotal - rowsAccepted;
    const result: ProcessResult = {
      status: 'completed',
      rowsTotal,
      rowsAccepted,
      rowsRejected,
      scope,
      supersedes,
      sha256,
      message:
        rowsRejected > 0
          ? `${rowsAccepted} row(s) applied; ${rowsRejected} quarantined — see the errors, correct those rows and upload them again.`
          : `All ${rowsAccepted} row(s) applied.`,
    };
    await updateUpload(uploadId, { ...result, errors: errors.inline, errorCount: errors.count, finishedAt });
    logger.info('upload processed', {
      uploadId,
      kind,
      rowsTotal,
      rowsAccepted,
      rowsRejected,
      scopes: scope.length,
      bytes: source.bytes,
    });
    return result;
  } finally {
    source.close();
  }
}

/** The live upload holding this content, when it is not this upload. */
async function findDuplicate(
  kind: InputKind,
  sha256: string,
  uploadId: string,
): Promise<UploadRecord | null> {
  const holder = await shaHolder(kind, sha256);
  if (holder === null || holder === uploadId) return null;
  const prior = await getUpload(holder);
  return isLive(prior) ? prior : null;
}

/**
 * Takes the content claim for this upload. Returns the live upload that holds it instead, or null when
 * the claim is ours (a claim left by a rejected or failed upload is taken over).
 */
async function claimContent(kind: InputKind, sha256: string, uploadId: string): Promise<UploadRecord | null> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const holder = await claimSha(kind, sha256, uploadId);
    if (holder === null || holder === uploadId) return null;
    const other = await getUpload(holder);
    if (isLive(other)) return other;
    await releaseSha(kind, sha256, holder);
  }
  throw new Error(`could not claim the content of upload ${uploadId}`);
}

async function answerDuplicate(
  upload: UploadRecord,
  prior: UploadRecord,
  sha256: string,
  finishedAt: string,
): Promise<ProcessResult> {
  const pointers = await listScopes(upload.kind);
  const current = new Set(pointers.filter((p) => p.members.includes(prior.uploadId)).map((p) => p.scope));
  const priorScope = prior.scope ?? [];
  const stale = priorScope.filter((s) => !current.has(`${s.bu}#${s.month}`)).length;
  const result: ProcessResult = {
    status: 'duplicate',
    rowsTotal: prior.rowsTotal ?? 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    scope: priorScope,
    supersedes: [],
    duplicateOf: prior.uploadId,
    sha256,
    message:
      stale > 0
        ? `This file is identical to upload ${prior.uploadId}, which a later upload has replaced in ${stale} of its ${priorScope.length} scope(s): use Restore on that upload to make it current again.`
        : `This file is identical to upload ${prior.uploadId}; nothing changed.`,
  };
  await updateUpload(upload.uploadId, { ...result, errors: [], errorCount: 0, finishedAt });
  return result;
}

/**
 * Points each scope at this upload and returns the uploads it replaced. On a retry a scope may already
 * point here (an earlier attempt moved it); what it replaced then is the last entry of its history.
 */
async function moveScopes(
  kind: InputKind,
  scopeKeys: readonly string[],
  uploadId: string,
  now: string,
  isRetry: boolean,
): Promise<string[]> {
  const supersedes = new Set<string>();
  const alreadyHere: string[] = [];
  await eachLimited(scopeKeys, 8, async (key) => {
    const prev = await pointScope(kind, key, uploadId, now);
    if (prev.length === 0) alreadyHere.push(key);
    for (const p of prev) if (p !== uploadId) supersedes.add(p);
  });
  if (isRetry && alreadyHere.length > 0) {
    const byScope = new Map((await listScopes(kind)).map((p) => [p.scope, p]));
    for (const key of alreadyHere) {
      const last = byScope.get(key)?.history.at(-1) ?? [];
      for (const p of last) if (p !== uploadId) supersedes.add(p);
    }
  }
  return [...supersedes].sort();
}
