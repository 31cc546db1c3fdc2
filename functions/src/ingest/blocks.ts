import { gzipSync } from 'node:zlib';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import { batchDelete, queryAll, type Item } from '../adapters/dynamo';
import { factBlockItem, putBlocks, ROWS_PER_BLOCK } from '../repositories/facts';
import { keys } from '../repositories/keys';

/** JSON bytes buffered across all scopes before the fullest scopes are flushed as (partial) blocks. */
export const MAX_PENDING_BYTES = 8 * 1024 * 1024;
/** An encoded block larger than this is split (DynamoDB items are limited to 400 KB). */
const MAX_BLOCK_BYTES = 350_000;
/** Scope buffers kept for reuse after a cut (beyond these, a cut scope gives its buffer back). */
const MAX_IDLE_BUFFERS = 16;
const MAX_IDLE_BUFFER_BYTES = 512 * 1024;
const BATCH = 25;

/**
 * The pending rows of one scope as the JSON array they will be stored as (`[row,row,…` without the
 * closing bracket), in a growable byte buffer. Rows are serialised on arrival, so a pending row costs
 * its JSON bytes outside the JS heap instead of an object graph the garbage collector would promote.
 */
interface ScopeBuffer {
  buf: Buffer;
  len: number;
  rows: number;
}

export interface BlockWriterOptions {
  maxPendingBytes?: number;
  /** Batch writes in flight at once while parsing continues. */
  concurrency?: number;
  put?: (items: readonly Item[]) => Promise<void>;
}

/**
 * Writes the rows of one upload (or JSON batch) as fact blocks while the file streams: rows are grouped
 * per scope (serialised on arrival, see {@link ScopeBuffer}), a block is cut at {@link ROWS_PER_BLOCK}
 * rows (or earlier when the pending bytes of all scopes reach {@link MAX_PENDING_BYTES}), gzip-encoded,
 * and written 25 per BatchWriteItem with
 * `UnprocessedItems` retried by {@link putBlocks}. At most `concurrency` batches are in flight; the
 * parser awaits {@link BlockWriter.backpressure} so memory stays bounded whatever the file size.
 *
 * Block keys are `<memberId>#<chunk>` with chunks numbered per scope in the order rows arrive, so
 * processing the same file again writes exactly the same keys (idempotent retries).
 */
export class BlockWriter {
  private readonly pending = new Map<string, ScopeBuffer>();
  private pendingBytes = 0;
  private readonly chunks = new Map<string, number>();
  private readonly rows = new Map<string, number>();
  private queue: Item[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private stopped = false;
  private failure: { error: Error } | null = null;
  private readonly maxPending: number;
  private readonly concurrency: number;
  private readonly put: (items: readonly Item[]) => Promise<void>;

  constructor(
    private readonly kind: InputKind,
    private readonly memberId: string,
    opts: BlockWriterOptions = {},
  ) {
    this.maxPending = opts.maxPendingBytes ?? MAX_PENDING_BYTES;
    this.concurrency = opts.concurrency ?? 2;
    this.put = opts.put ?? putBlocks;
  }

  /** Adds one accepted row to its scope. */
  add(scope: string, row: unknown): void {
    let sb = this.pending.get(scope);
    if (!sb) this.pending.set(scope, (sb = { buf: Buffer.allocUnsafe(16 * 1024), len: 0, rows: 0 }));
    const json = JSON.stringify(row);
    // Room for the separator, the closing bracket and the row at up to 3 bytes per UTF-16 unit.
    const need = sb.len + 2 + json.length * 3;
    if (need > sb.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, sb.buf.length * 2));
      sb.buf.copy(bigger, 0, 0, sb.len);
      sb.buf = bigger;
    }
    const before = sb.len;
    sb.buf[sb.len++] = sb.rows === 0 ? 0x5b : 0x2c;
    sb.len += sb.buf.write(json, sb.len);
    sb.rows++;
    this.pendingBytes += sb.len - before;
    this.rows.set(scope, (this.rows.get(scope) ?? 0) + 1);
    if (sb.rows >= ROWS_PER_BLOCK) this.cut(scope);
    else if (this.pendingBytes >= this.maxPending) this.cutLargest();
  }

  /** Rows accepted per scope key. */
  get rowsByScope(): ReadonlyMap<string, number> {
    return this.rows;
  }

  /** Resolves once the write queue is short enough to take more rows; undefined when it already is. */
  backpressure(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.queue.length < BATCH * this.concurrency) return undefined;
    return this.waitForRoom();
  }

  /** Flushes every pending row and waits for all writes; throws the first write failure. */
  async finish(): Promise<void> {
    for (const scope of [...this.pending.keys()]) this.cut(scope);
    this.pump(true);
    while (this.inflight.size > 0) {
      await Promise.race(this.inflight);
      this.pump(true);
    }
    if (this.failure) throw this.failure.error;
  }

  /** Waits for compression and writes in flight without flushing (before deleting what was written). */
  async settle(): Promise<void> {
    this.stopped = true;
    this.pending.clear();
    this.queue = [];
    while (this.inflight.size > 0) await Promise.race(this.inflight);
  }

  /** Every block key this writer has produced (written or queued). */
  blockKeys(): { pk: string; sk: string }[] {
    const out: { pk: string; sk: string }[] = [];
    for (const [scope, n] of this.chunks)
      for (let c = 0; c < n; c++)
        out.push({ pk: keys.factPk(this.kind, scope), sk: keys.factSk(this.memberId, c) });
    return out;
  }

  /** Deletes every block this writer produced (a rejected or duplicate upload leaves nothing behind). */
  async discard(): Promise<void> {
    await this.settle();
    await batchDelete(this.blockKeys());
  }

  /**
   * Deletes blocks of this member beyond the chunks written now, in the scopes written now — left by an
   * earlier attempt that cut its blocks differently (a retry after the customers or locks changed).
   */
  async pruneStale(): Promise<void> {
    const stale: { pk: string; sk: string }[] = [];
    const scopes = [...this.chunks];
    for (let i = 0; i < scopes.length; i += 8) {
      await Promise.all(
        scopes.slice(i, i + 8).map(async ([scope, n]) => {
          const items = await queryAll({
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
            ExpressionAttributeValues: { ':pk': keys.factPk(this.kind, scope), ':p': `${this.memberId}#` },
            ProjectionExpression: 'pk, sk',
          });
          for (const it of items) {
            const chunk = Number(it.sk.slice(this.memberId.length + 1));
            if (!(chunk < n)) stale.push({ pk: it.pk, sk: it.sk });
          }
        }),
      );
    }
    await batchDelete(stale);
  }

  private cut(scope: string): void {
    const sb = this.pending.get(scope);
    if (!sb || sb.rows === 0) return;
    this.pendingBytes -= sb.len;
    sb.buf[sb.len++] = 0x5d;
    this.encode(scope, sb.buf.subarray(0, sb.len), sb.rows);
    sb.len = 0;
    sb.rows = 0;
    if (this.pending.size > MAX_IDLE_BUFFERS || sb.buf.length > MAX_IDLE_BUFFER_BYTES)
      this.pending.delete(scope);
    this.pump(false);
  }

  private cutLargest(): void {
    const bySize = [...this.pending].sort((a, b) => b[1].len - a[1].len);
    for (const [scope] of bySize) {
      if (this.pendingBytes < this.maxPending / 2) break;
      this.cut(scope);
    }
  }

  /**
   * Compresses a block's JSON (the format `decodeRows` reads) and queues its item; a block past the
   * item limit is split in two. Chunk numbers follow row order, so the same file gives the same keys.
   */
  private encode(scope: string, json: Buffer, rows: number): void {
    if (this.stopped) return;
    const data = gzipSync(json, { level: 6 });
    if (data.length > MAX_BLOCK_BYTES && rows > 1) {
      const parsed = JSON.parse(json.toString('utf8')) as unknown[];
      const half = Math.ceil(parsed.length / 2);
      for (const part of [parsed.slice(0, half), parsed.slice(half)])
        this.encode(scope, Buffer.from(JSON.stringify(part)), part.length);
      return;
    }
    const n = this.chunks.get(scope) ?? 0;
    this.chunks.set(scope, n + 1);
    this.queue.push({ ...factBlockItem(this.kind, scope, this.memberId, n, []), rowCount: rows, data });
  }

  private pump(force: boolean): void {
    while (
      this.inflight.size < this.concurrency &&
      (this.queue.length >= BATCH || (force && this.queue.length > 0))
    ) {
      const batch = this.queue.splice(0, BATCH);
      const p: Promise<void> = this.put(batch).then(
        () => {
          this.inflight.delete(p);
        },
        (e: unknown) => {
          this.failure ??= { error: e instanceof Error ? e : new Error(String(e)) };
          this.inflight.delete(p);
        },
      );
      this.inflight.add(p);
    }
  }

  private async waitForRoom(): Promise<void> {
    while (this.queue.length >= BATCH * this.concurrency) {
      this.pump(false);
      if (this.inflight.size === 0) break;
      await Promise.race(this.inflight);
      if (this.failure) throw this.failure.error;
    }
    this.pump(false);
  }
}
