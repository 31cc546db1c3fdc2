import type { InputKind } from '@cxl/shared/contracts/inputs';
import { batchDelete, queryAll, type Item } from '../adapters/dynamo';
import { factBlockItem, putBlocks, ROWS_PER_BLOCK } from '../repositories/facts';
import { keys } from '../repositories/keys';

/** Rows buffered across all scopes before the fullest scopes are flushed as (partial) blocks. */
export const MAX_PENDING_ROWS = 40_000;
/** An encoded block larger than this is split (DynamoDB items are limited to 400 KB). */
const MAX_BLOCK_BYTES = 350_000;
const BATCH = 25;
export interface BlockWriterOptions {
  maxPendingRows?: number;
  /** Batch writes in flight at once while parsing continues. */
  concurrency?: number;
  put?: (items: readonly Item[]) => Promise<void>;
}

/**
 * Writes the rows of one upload (or JSON batch) as fact blocks while the file streams: rows are grouped
 * per scope, a block is cut at {@link ROWS_PER_BLOCK} rows (or earlier when the pending rows of all
 * scopes together reach {@link MAX_PENDING_ROWS}), gzip-encoded, and written 25 per BatchWriteItem with
 * `UnprocessedItems` retried by {@link putBlocks}. At most `concurrency` batches are in flight; the
 * parser awaits {@link BlockWriter.backpressure} so memory stays bounded whatever the file size.
 *
 * Block keys are `<memberId>#<chunk>` with chunks numbered per scope in the order rows arrive, so
 * processing the same file again writes exactly the same keys (idempotent retries).
 */
export class BlockWriter {
  private readonly pending = new Map<string, unknown[]>();
  private pendingRows = 0;
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
    this.maxPending = opts.maxPendingRows ?? MAX_PENDING_ROWS;
    this.concurrency = opts.concurrency ?? 2;
    this.put = opts.put ?? putBlocks;
  }

  /** Adds one accepted row to its scope. */
  add(scope: string, row: unknown): void {
    let buf = this.pending.get(scope);
    if (!buf) this.pending.set(scope, (buf = []));
    buf.push(row);
    this.pendingRows++;
    this.rows.set(scope, (this.rows.get(scope) ?? 0) + 1);
    if (buf.length >= ROWS_PER_BLOCK) this.cut(scope);
    else if (this.pendingRows >= this.maxPending) this.cutLargest();
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
    const buf = this.pending.get(scope);
    if (!buf || buf.length === 0) return;
    this.pending.delete(scope);
    this.pendingRows -= buf.length;
    this.encode(scope, buf);
    this.pump(false);
  }

  private cutLargest(): void {
    const bySize = [...this.pending].sort((a, b) => b[1].length - a[1].length);
    for (const [scope] of bySize) {
      if (this.pendingRows < this.maxPending / 2) break;
      this.cut(scope);
    }
  }

  /**
   * Encodes a block (gzip JSON, see repositories/facts) and queues its item; a block past the item
   * limit is split in two. Chunk numbers follow row order, so the same file gives the same keys.
   */
  private encode(scope: string, rows: unknown[]): void {
    if (this.stopped) return;
    const n = this.chunks.get(scope) ?? 0;
    const item = factBlockItem(this.kind, scope, this.memberId, n, rows);
    if ((item.data as Uint8Array).length > MAX_BLOCK_BYTES && rows.length > 1) {
      const half = Math.ceil(rows.length / 2);
      this.encode(scope, rows.slice(0, half));
      this.encode(scope, rows.slice(half));
      return;
    }
    this.chunks.set(scope, n + 1);
    this.queue.push(item);
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
