import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import type { UploadOptions } from '@cxl/shared/contracts/uploads';
import { batchPut, ddb, queryAll, TABLE } from '../adapters/dynamo';
import { keys } from './keys';

export type UploadStatus = 'pending' | 'processing' | 'completed' | 'rejected' | 'failed' | 'duplicate';
export type OnError = 'reject-file' | 'accept-valid';

export interface RowIssue {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface UploadRecord {
  uploadId: string;
  kind: InputKind;
  fileName: string;
  blobKey: string;
  onError: OnError;
  options?: UploadOptions;
  createdBy: string;
  createdAt: string;
  status: UploadStatus;
  sha256?: string;
  rowsTotal?: number;
  rowsAccepted?: number;
  rowsRejected?: number;
  /** The first {@link ERRORS_INLINE} row errors; the rest are in error chunks. */
  errors?: RowIssue[];
  errorCount?: number;
  scope?: { bu: string; month: string }[];
  supersedes?: string[];
  duplicateOf?: string;
  message?: string;
  finishedAt?: string;
  restoredAt?: string;
  restoredBy?: string;
}

export const ERRORS_INLINE = 200;
const ERRORS_PER_CHUNK = 2_000;

export async function createUpload(u: UploadRecord): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        ...keys.upload(u.uploadId),
        gsi1pk: keys.uploadsByKind(u.kind),
        gsi1sk: `${u.createdAt}#${u.uploadId}`,
        ...u,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getUpload(uploadId: string): Promise<UploadRecord | null> {
  const res = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.upload(uploadId) }));
  if (!res.Item) return null;
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest } = res.Item;
  return rest as UploadRecord;
}

/** Upload versions of a kind, newest first (GSI1). */
export async function listUploads(kind: InputKind): Promise<UploadRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :p',
    ExpressionAttributeValues: { ':p': keys.uploadsByKind(kind) },
    ScanIndexForward: false,
  });
  return items.map(
    ({ pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...rest }) => rest as unknown as UploadRecord,
  );
}

/** Sets fields of an upload record (status transitions and results). */
export async function updateUpload(uploadId: string, fields: Partial<UploadRecord>): Promise<void> {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return;
  await ddb.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: keys.upload(uploadId),
      UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
    }),
  );
}

/** Stores every row error in chunks so the error report is complete whatever its size. */
export async function putUploadErrors(uploadId: string, errors: readonly RowIssue[]): Promise<void> {
  const items = [];
  for (let i = 0; i < errors.length; i += ERRORS_PER_CHUNK) {
    items.push({
      ...keys.uploadErrors(uploadId, i / ERRORS_PER_CHUNK),
      errors: errors.slice(i, i + ERRORS_PER_CHUNK),
    });
  }
  await batchPut(items);
}

/**
 * Claims the (kind, sha256) pair for an upload. Returns null when claimed, or the upload id that
 * already holds this exact content.
 */
export async function claimSha(kind: InputKind, sha256: string, uploadId: string): Promise<string | null> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...keys.sha(kind, sha256), uploadId },
        ConditionExpression: 'attribute_not_exists(pk) OR uploadId = :u',
        ExpressionAttributeValues: { ':u': uploadId },
      }),
    );
    return null;
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') {
      const res = await ddb.send(new GetCommand({ TableName: TABLE, Key: keys.sha(kind, sha256) }));
      return String(res.Item?.uploadId ?? '');
    }
    throw e;
  }
}

/** Releases a content claim so the same file can be uploaded again after a rejection. */
export async function releaseSha(kind: InputKind, sha256: string, uploadId: string): Promise<void> {
  await ddb
    .send(
      new DeleteCommand({
        TableName: TABLE,
        Key: keys.sha(kind, sha256),
        ConditionExpression: 'uploadId = :u',
        ExpressionAttributeValues: { ':u': uploadId },
      }),
    )
    .catch((e: unknown) => {
      if (!(e instanceof Error && e.name === 'ConditionalCheckFailedException')) throw e;
    });
}

/** Months locked by finance (uploads into them are refused). */
export async function lockedMonths(): Promise<Set<string>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
    ExpressionAttributeValues: { ':p': 'PERIOD', ':s': 'LOCK#' },
  });
  return new Set(items.map((i) => i.sk.slice('LOCK#'.length)));
}
