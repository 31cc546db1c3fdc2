import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { FileError } from './issues';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** Bytes of non-ASCII text looked at before choosing between UTF-8 and GB18030. */
const DECISION_WINDOW = 4096;

const BOMS: readonly [TextEncoding, readonly number[]][] = [
  ['utf-8-bom', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
  ['gb18030', [0x84, 0x31, 0x95, 0x33]],
];

/**
 * Length of `buf` without a UTF-8 sequence cut off at its end (0–3 bytes are held back for the next
 * chunk). Invalid bytes are left in place for the validity check to find.
 */
export function completeUtf8Length(buf: Uint8Array): number {
  const n = buf.length;
  for (let i = n - 1; i >= Math.max(0, n - 4); i--) {
    const b = buf[i] ?? 0;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need > n ? i : n;
    }
  }
  return n;
}

/**
 * Streaming decoder for uploaded text: detects the encoding from the first bytes and turns every chunk
 * into UTF-8 bytes for the CSV parser, holding at most a few KB.
 *
 * - A BOM decides: UTF-8, UTF-16 LE/BE (Excel's "Unicode text"), GB18030.
 * - Without a BOM, ASCII reads the same in UTF-8 and GB18030, so the decision waits for the first
 *   non-ASCII bytes: if the next few KB are valid UTF-8 the file is UTF-8, otherwise GB18030 (Chinese
 *   Excel's default CSV encoding). UTF-8 passes through untouched (only validated); GB18030 and UTF-16
 *   go through a streaming `TextDecoder`.
 * - NUL bytes mean a binary file; UTF-8 that turns invalid later means mixed encodings. Both are a
 *   {@link FileError} with the byte offset, never a guess.
 */
export class TextNormaliser {
  encoding: TextEncoding | null = null;
  private offset = 0;
  private held: Buffer | null = null;
  private decoder: TextDecoder | null = null;
  private bomChecked = false;

  /** Feeds a chunk; returns the UTF-8 bytes ready for parsing (possibly none). */
  push(chunk: Buffer): Buffer[] {
    let data = this.held ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = null;
    if (!this.bomChecked) {
      if (data.length < 4) {
        this.held = data;
        return [];
      }
      data = this.checkBom(data);
    }
    return this.process(data, false);
  }

  /** Flushes what is held at the end of the file. */
  end(): Buffer[] {
    let data = this.held ?? Buffer.alloc(0);
    this.held = null;
    if (!this.bomChecked) data = this.checkBom(data);
    const out = this.process(data, true);
    if (this.decoder) out.push(...this.decoded(this.decoder, new Uint8Array(0), true));
    return out;
  }

  private checkBom(data: Buffer): Buffer {
    this.bomChecked = true;
    for (const [enc, bom] of BOMS) {
      if (data.length >= bom.length && bom.every((b, i) => data[i] === b)) {
        if (enc === 'utf-16le' && data[2] === 0 && data[3] === 0)
          throw new FileError(
            'the file is UTF-32 encoded; save it as CSV UTF-8 (or XLSX) and upload it again',
          );
        this.encoding = enc;
        if (enc !== 'utf-8-bom') this.decoder = new TextDecoder(enc, { fatal: true });
        this.offset += bom.length;
        return data.subarray(bom.length);
      }
    }
    return data;
  }

  private process(data: Buffer, final: boolean): Buffer[] {
    if (this.decoder) return this.decoded(this.decoder, data, final);
    if (this.encoding === null) return this.undecided(data, final);
    return this.utf8(data, final);
  }

  private undecided(data: Buffer, final: boolean): Buffer[] {
    this.rejectBinary(data);
    if (isAscii(data)) {
      this.offset += data.length;
      return data.length > 0 ? [data] : [];
    }
    let first = 0;
    while ((data[first] ?? 0) < 0x80) first++;
    const window = data.length - first;
    if (window < DECISION_WINDOW && !final) {
      // Keep the non-ASCII tail until enough of it is seen to tell UTF-8 from GB18030.
      const ascii = data.subarray(0, first);
      this.offset += first;
      this.held = data.subarray(first);
      return ascii.length > 0 ? [ascii] : [];
    }
    const tail = data.subarray(first);
    const probe = final ? tail : tail.subarray(0, completeUtf8Length(tail));
    if (isUtf8(probe)) {
      this.encoding = 'utf-8';
      return this.utf8(data, final);
    }
    this.encoding = 'gb18030';
    this.decoder = new TextDecoder('gb18030', { fatal: true });
    return this.decoded(this.decoder, data, final);
  }

  private utf8(data: Buffer, final: boolean): Buffer[] {
    this.rejectBinary(data);
    const cut = final ? data.length : completeUtf8Length(data);
    const ready = data.subarray(0, cut);
    if (!isUtf8(ready)) {
      throw new FileError(
        `the file is not valid UTF-8 after byte ${this.offset + firstInvalidUtf8(ready)}: it mixes encodings or is damaged; save it again as CSV UTF-8 (or XLSX) and upload it again`,
      );
    }
    this.offset += cut;
    if (cut < data.length) this.held = Buffer.from(data.subarray(cut));
    return ready.length > 0 ? [ready] : [];
  }

  private decoded(decoder: TextDecoder, data: Uint8Array, final: boolean): Buffer[] {
    let text: string;
    try {
      text = decoder.decode(data, { stream: !final });
    } catch {
      throw new FileError(
        `the file is not valid ${this.encoding === 'gb18030' ? 'GB18030 (nor UTF-8)' : (this.encoding ?? 'text')} near byte ${this.offset}: save it again as CSV UTF-8 (or XLSX) and upload it again`,
      );
    }
    this.offset += data.length;
    if (text.includes('\u0000')) throw binaryFile();
    return text.length > 0 ? [Buffer.from(text, 'utf8')] : [];
  }

  private rejectBinary(data: Buffer): void {
    const nul = data.indexOf(0);
    if (nul >= 0) throw binaryFile(this.offset + nul);
  }
}

function binaryFile(at?: number): FileError {
  return new FileError(
    `the file contains binary data${at === undefined ? '' : ` (a NUL byte at ${at})`}: it is not a CSV text file; export it as CSV (UTF-8) or XLSX and upload it again`,
  );
}

function firstInvalidUtf8(buf: Uint8Array): number {
  let lo = 0;
  let hi = buf.length;
  // Binary search on prefixes: the longest valid (complete) prefix ends at the first invalid byte.
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const prefix = buf.subarray(0, mid);
    if (isUtf8(prefix.subarray(0, completeUtf8Length(prefix)))) lo = mid;
    else hi = mid;
  }
  return lo;
}
