import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { FileError, SourceError } from './issues';

function toBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  throw new SourceError(new Error('the upload stream produced a non-byte chunk'));
}

/**
 * The uploaded bytes, read once as a stream: every chunk is hashed (sha256) as it passes, the first bytes
 * can be peeked to tell CSV from XLSX, and whatever a parser leaves unread can be drained so the hash
 * always covers the whole file. A read failure is a {@link SourceError} (retryable), never a file error.
 */
export class UploadSource {
  private readonly it: AsyncIterator<unknown>;
  private readonly hash = createHash('sha256');
  private peeked: Buffer[] = [];
  private done = false;
  /** Bytes read so far. */
  bytes = 0;

  constructor(private readonly body: Readable) {
    this.it = body[Symbol.asyncIterator]();
  }

  private async next(): Promise<Buffer | null> {
    if (this.done) return null;
    let r: IteratorResult<unknown>;
    try {
      r = await this.it.next();
    } catch (e) {
      this.done = true;
      throw e instanceof SourceError ? e : new SourceError(e);
    }
    if (r.done) {
      this.done = true;
      return null;
    }
    const buf = toBuffer(r.value);
    this.hash.update(buf);
    this.bytes += buf.length;
    return buf;
  }

  /** The first `n` bytes (fewer if the file is shorter), without consuming them. */
  async peek(n: number): Promise<Buffer> {
    let have = this.peeked.reduce((s, b) => s + b.length, 0);
    while (have < n) {
      const b = await this.next();
      if (!b) break;
      this.peeked.push(b);
      have += b.length;
    }
    return Buffer.concat(this.peeked).subarray(0, n);
  }

  /** The file's chunks from the start (peeked bytes first). Stopping early leaves the rest drainable. */
  async *chunks(): AsyncGenerator<Buffer> {
    while (this.peeked.length > 0) {
      const b = this.peeked.shift();
      if (b) yield b;
    }
    for (;;) {
      const b = await this.next();
      if (!b) return;
      yield b;
    }
  }

  /** Reads (and hashes) whatever is left. */
  async drain(): Promise<void> {
    this.peeked = [];
    while (await this.next());
  }

  /** Copies the file to `path` (XLSX needs random access for its zip directory), refusing more than `maxBytes`. */
  async spool(path: string, maxBytes: number): Promise<void> {
    const fh = await open(path, 'w');
    try {
      for await (const b of this.chunks()) {
        if (this.bytes > maxBytes)
          throw new FileError(
            `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it by month`,
          );
        await fh.write(b);
      }
    } finally {
      await fh.close();
    }
  }

  /** sha256 of every byte read (complete once the stream is drained). */
  digest(): string {
    return this.hash.digest('hex');
  }

  get finished(): boolean {
    return this.done;
  }

  close(): void {
    if (!this.body.destroyed) this.body.destroy();
  }
}
