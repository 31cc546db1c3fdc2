import { gunzipSync, gzipSync } from 'node:zlib';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InputKind, RowByKind } from '@cxl/shared/contracts/inputs';
import { batchPut, ddb, queryPartition, TABLE, type Item } from '../adapters/dynamo';
import { keys, parseScopeKey } from './keys';

/**
 * Fact blocks: the rows an upload contributed to one (bu, month) scope, gzip-compressed JSON in chunks
 * of at most {@link ROWS_PER_BLOCK} rows. Blocks are immutable; a scope pointer names the upload whose
 * blocks are current, so supersede and restore are a pointer change and nothing is ever overwritten.
 */
export const ROWS_PER_BLOCK = 2_000;

export function encodeRows(rows: readonly unknown[]): Uint8Array {
  return gzipSync(Buffer.from(JSON.stringify(rows)), { level: 6 });
}
export function decodeRows<T>(data: Uint8Array): T[] {
  return JSON.parse(gunzipSync(data).toString('utf8')) as T[];
}

export function factBlockItem(
  kind: InputKind,
  scope: string,
  uploadId: string,
  chunk: number,
  rows: readonly unknown[],
): Item {
  return {
    pk: keys.factPk(kind, scope),
    sk: keys.factSk(uploadId, chunk),
    kind,
    uploadId,
    rowCount: rows.length,
    data: encodeRows(rows),
  };
}

export interface ScopePointer {
  kind: InputKind;
  scope: string;
  bu: string;
  month: string;
  current: string;
  history: string[];
  updatedAt: string;
}

/** Current scope pointers of a kind (one query). */
export async function listScopes(kind: InputKind): Promise<ScopePointer[]> {
  const items = await queryPartition(keys.scopePk(kind));
  return items.map((i) => {
    const { bu, month } = parseScopeKey(i.sk);
    return {
      kind,
      scope: i.sk,
      bu,
      month,
      current: String(i.current),
      history: (i.history as string[] | undefined) ?? [],
      updatedAt: String(i.updatedAt),
    };
  });
}

/**
 * Makes `uploadId` current for `scope`; returns the upload it superseded (if any). Idempotent: pointing
 * at the upload that is already current changes nothing.
 */
export async function pointScope(
  kind: InputKind,
  scope: string,
  uploadId: string,
  now: string,
): Promise<string | null> {
  const res = await ddb
    .send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: keys.scopePk(kind), sk: scope },
        UpdateExpression:
          'SET #c = :u, updatedAt = :now, history = list_append(if_not_exists(history, :empty), :hu)',
        ConditionExpression: 'attribute_not_exists(#c) OR #c <> :u',
        ExpressionAttributeNames: { '#c': 'current' },
        ExpressionAttributeValues: { ':u': uploadId, ':now': now, ':empty': [], ':hu': [uploadId] },
        ReturnValues: 'UPDATED_OLD',
      }),
    )
    .catch((e: unknown) => {
      if (e instanceof Error && e.name === 'ConditionalCheckFailedException') return null;
      throw e;
    });
  if (res === null) return null;
  const old: unknown = res.Attributes?.current;
  return typeof old === 'string' ? old : null;
}

/** Rows of the current upload of one scope. */
export async function loadScopeRows<K extends InputKind>(
  kind: K,
  pointer: ScopePointer,
): Promise<RowByKind[K][]> {
  const items = await queryPartition(keys.factPk(kind, pointer.scope), `${pointer.current}#`);
  items.sort((a, b) => (a.sk < b.sk ? -1 : 1));
  return items.flatMap((i) => decodeRows<RowByKind[K]>(i.data as Uint8Array));
}

/** All current rows of a kind, with the scope they belong to. */
export async function loadCurrentRows<K extends InputKind>(
  kind: K,
): Promise<{ pointer: ScopePointer; rows: RowByKind[K][] }[]> {
  const scopes = await listScopes(kind);
  const out: { pointer: ScopePointer; rows: RowByKind[K][] }[] = [];
  // Bounded parallelism keeps the read rate inside a partition-friendly envelope.
  for (let i = 0; i < scopes.length; i += 16) {
    const batch = scopes.slice(i, i + 16);
    out.push(
      ...(await Promise.all(
        batch.map(async (pointer) => ({ pointer, rows: await loadScopeRows(kind, pointer) })),
      )),
    );
  }
  return out;
}

export async function putBlocks(items: readonly Item[]): Promise<void> {
  await batchPut(items);
}
