import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { KIND_SPECS, type CustomerRow, type InputKind, type RowByKind } from '@cxl/shared/contracts/inputs';
import { batchPut, ddb, queryPartition, TABLE, type Item } from '../adapters/dynamo';
import { keys, parseScopeKey } from './keys';
import { getUpload } from './uploads';

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
  /**
   * Uploads whose rows make up the scope now: a file upload (the base) followed by JSON batches
   * appended since. Rows are de-duplicated by the kind's unique key, the later member winning.
   */
  members: string[];
  /** Earlier member lists, oldest first (for restore and audit). */
  history: string[][];
  updatedAt: string;
}

function toPointer(kind: InputKind, i: Item): ScopePointer {
  const { bu, month } = parseScopeKey(i.sk);
  const members = Array.isArray(i.members) ? (i.members as string[]) : [];
  const history = Array.isArray(i.history)
    ? (i.history as string[]).map((h) => JSON.parse(h) as string[])
    : [];
  return { kind, scope: i.sk, bu, month, members, history, updatedAt: String(i.updatedAt) };
}

/** Current scope pointers of a kind (one query). */
export async function listScopes(kind: InputKind): Promise<ScopePointer[]> {
  return (await queryPartition(keys.scopePk(kind))).map((i) => toPointer(kind, i));
}

/**
 * Makes `uploadId` the whole content of `scope` (a file upload supersedes the scope, or a restore);
 * returns the members it replaced. Idempotent: when the scope already is exactly this upload, nothing
 * changes and the result is empty.
 */
export async function pointScope(
  kind: InputKind,
  scope: string,
  uploadId: string,
  now: string,
): Promise<string[]> {
  const key = { pk: keys.scopePk(kind), sk: scope };
  const cur = await ddb.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }));
  const prev = cur.Item ? toPointer(kind, cur.Item as Item) : null;
  if (prev && prev.members.length === 1 && prev.members[0] === uploadId) return [];
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression:
          'SET members = :m, updatedAt = :now, history = list_append(if_not_exists(history, :empty), :h)',
        // Optimistic concurrency: the scope must still hold what we read.
        ConditionExpression: prev ? 'updatedAt = :seen' : 'attribute_not_exists(pk)',
        ExpressionAttributeValues: {
          ':m': [uploadId],
          ':now': now,
          ':empty': [],
          ':h': [JSON.stringify(prev?.members ?? [])],
          ...(prev ? { ':seen': prev.updatedAt } : {}),
        },
      }),
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'ConditionalCheckFailedException') {
      return pointScope(kind, scope, uploadId, new Date().toISOString());
    }
    throw e;
  }
  return prev?.members ?? [];
}

/** Appends a JSON batch to a scope's members (idempotent: a member is never added twice). */
export async function appendScope(
  kind: InputKind,
  scope: string,
  batchId: string,
  now: string,
): Promise<void> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: { pk: keys.scopePk(kind), sk: scope },
        UpdateExpression: 'SET members = list_append(if_not_exists(members, :empty), :b), updatedAt = :now',
        ConditionExpression: 'attribute_not_exists(members) OR NOT contains(members, :id)',
        ExpressionAttributeValues: { ':empty': [], ':b': [batchId], ':id': batchId, ':now': now },
      }),
    );
  } catch (e) {
    if (!(e instanceof Error && e.name === 'ConditionalCheckFailedException')) throw e;
  }
}

/**
 * Decoded rows by (kind, scope, members). Blocks are immutable and a scope's members change exactly when
 * its content changes, so a warm process re-reads only the scopes an upload touched. Bounded by rows.
 */
const rowCache = new Map<string, unknown[]>();
let cachedRows = 0;
const MAX_CACHED_ROWS = 3_000_000;

/** Rows of one scope (cached per exact membership). */
export async function loadScopeRows<K extends InputKind>(
  kind: K,
  pointer: ScopePointer,
): Promise<RowByKind[K][]> {
  const key = `${kind}|${pointer.scope}|${pointer.members.join(',')}`;
  const hit = rowCache.get(key);
  if (hit) return hit as RowByKind[K][];
  const rows = await readScopeRows(kind, pointer);
  while (cachedRows + rows.length > MAX_CACHED_ROWS && rowCache.size > 0) {
    const [oldest, old] = rowCache.entries().next().value as [string, unknown[]];
    cachedRows -= old.length;
    rowCache.delete(oldest);
  }
  if (rows.length <= MAX_CACHED_ROWS) {
    rowCache.set(key, rows);
    cachedRows += rows.length;
  }
  return rows;
}

/** Every member's blocks of a scope, de-duplicated by unique key (later member wins). */
async function readScopeRows<K extends InputKind>(kind: K, pointer: ScopePointer): Promise<RowByKind[K][]> {
  const perMember = await Promise.all(
    pointer.members.map(async (m) => {
      const items = await queryPartition(keys.factPk(kind, pointer.scope), `${m}#`);
      items.sort((a, b) => (a.sk < b.sk ? -1 : 1));
      return items.flatMap((i) => decodeRows<RowByKind[K]>(i.data as Uint8Array));
    }),
  );
  if (perMember.length === 1) return perMember[0] ?? [];
  const unique: ((r: RowByKind[K]) => string) | null = KIND_SPECS[kind].uniqueKey;
  if (!unique) return perMember.flat();
  const byKey = new Map<string, RowByKind[K]>();
  for (const rows of perMember) for (const r of rows) byKey.set(unique(r), r);
  return [...byKey.values()];
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

/**
 * The current customers, one row per customer id. Customers are scoped by (bu, start month), so a
 * corrected file that moves a customer to another BU or start month writes the new row to another scope
 * and leaves the old row in the old one; here the row of the most recently accepted upload wins
 * (accepted = the upload's `finishedAt`; a restore does not make an older file newer). Rows keep their
 * load order. `moved` counts the customer ids that had rows in more than one scope.
 */
export async function loadCurrentCustomers(): Promise<{ rows: CustomerRow[]; moved: number }> {
  const blocks = await loadCurrentRows('customers');
  const sourceOf = new Map<string, string>();
  const conflicted = new Set<string>();
  for (const { pointer, rows } of blocks) {
    const source = pointer.members.at(-1) ?? '';
    for (const r of rows) {
      const seen = sourceOf.get(r.customerId);
      if (seen === undefined) sourceOf.set(r.customerId, source);
      else if (seen !== source) conflicted.add(r.customerId);
    }
  }
  if (conflicted.size === 0) return { rows: blocks.flatMap((b) => b.rows), moved: 0 };
  const uploads = new Set<string>();
  for (const { pointer, rows } of blocks)
    if (rows.some((r) => conflicted.has(r.customerId))) uploads.add(pointer.members.at(-1) ?? '');
  const order = new Map<string, string>();
  await Promise.all(
    [...uploads].map(async (id) => {
      const u = await getUpload(id);
      order.set(id, `${u?.finishedAt ?? u?.createdAt ?? ''}#${id}`);
    }),
  );
  const winner = new Map<string, string>();
  for (const { pointer, rows } of blocks) {
    const rank = order.get(pointer.members.at(-1) ?? '') ?? '';
    for (const r of rows) {
      if (!conflicted.has(r.customerId)) continue;
      const w = winner.get(r.customerId);
      if (w === undefined || rank > w) winner.set(r.customerId, rank);
    }
  }
  const out: CustomerRow[] = [];
  const taken = new Set<string>();
  for (const { pointer, rows } of blocks) {
    const rank = order.get(pointer.members.at(-1) ?? '') ?? '';
    for (const r of rows) {
      if (conflicted.has(r.customerId)) {
        if (winner.get(r.customerId) !== rank || taken.has(r.customerId)) continue;
        taken.add(r.customerId);
      }
      out.push(r);
    }
  }
  return { rows: out, moved: conflicted.size };
}

export async function putBlocks(items: readonly Item[]): Promise<void> {
  await batchPut(items);
}
