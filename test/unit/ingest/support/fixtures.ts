import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

let gbTable: Map<string, Buffer> | null = null;

/** GB18030 bytes of `s` (ASCII and the two-byte GBK range, which covers common Chinese). */
export function gb18030(s: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const bytes = Buffer.from([a, b]);
        const ch = dec.decode(bytes);
        if (ch.length === 1 && ch !== '\uFFFD' && !gbTable.has(ch)) gbTable.set(ch, bytes);
      }
    }
  }
  const out: Buffer[] = [];
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(Buffer.from([code]));
    else {
      const b = gbTable.get(ch);
      if (!b) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(b);
    }
  }
  return Buffer.concat(out);
}

/** True when every character of `s` has a GB18030 encoding in {@link gb18030}. */
export function gbEncodable(s: string): boolean {
  try {
    gb18030(s);
    return true;
  } catch {
    return false;
  }
}

export function utf16(s: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\uFEFF${s}`, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

/** `buf` split at the given sizes (cycled), as a byte stream. */
export function chunked(buf: Buffer, sizes: readonly number[] = [65_536]): Readable {
  const parts: Buffer[] = [];
  let i = 0;
  let k = 0;
  while (i < buf.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    parts.push(buf.subarray(i, i + n));
    i += n;
  }
  return Readable.from(parts);
}

/** Splits `buf` at the given sizes (cycled). */
export function chunksOf(buf: Buffer, sizes: readonly number[]): Buffer[] {
  const parts: Buffer[] = [];
  let i = 0;
  let k = 0;
  while (i < buf.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    parts.push(buf.subarray(i, i + n));
    i += n;
  }
  return parts;
}

/** A CSV text from rows, quoting cells that need it. */
export function csv(rows: readonly (readonly string[])[], delimiter = ','): string {
  const q = (c: string) =>
    c.includes(delimiter) || c.includes('"') || c.includes('\n') || c.includes('\r')
      ? `"${c.replaceAll('"', '""')}"`
      : c;
  return `${rows.map((r) => r.map(q).join(delimiter)).join('\n')}\n`;
}

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  /** 8 = deflate (default), 0 = stored. */
  method?: 0 | 8;
  /** Uncompressed size written in the headers (a lie when it differs from data.length). */
  declaredSize?: number;
  /** Write the central directory entry a second time (pointing at the same local header). */
  duplicateInDirectory?: boolean;
}

/** A zip archive built byte by byte (to craft archives no zip tool would write). */
export function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const payload = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, payload);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(payload.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    if (e.duplicateInDirectory) central.push(cd, name);
    offset += local.length + name.length + payload.length;
  }
  const cdBuf = Buffer.concat(central);
  const count = entries.reduce((n, e) => n + (e.duplicateInDirectory ? 2 : 1), 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cdBuf, eocd]);
}

export type XlsxCell =
  | string
  | number
  | boolean
  | Date
  | null
  | { formula: string; result: number | string }
  | {
      richText: { text: string }[];
    };

/** An XLSX workbook written by exceljs: the first sheet holds `rows`; more sheets may follow. */
export async function xlsx(
  rows: readonly (readonly XlsxCell[])[],
  opts: { dateFormat?: string; extraSheets?: (readonly XlsxCell[])[][] } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheets = [rows, ...(opts.extraSheets ?? [])];
  sheets.forEach((sheetRows, i) => {
    const ws = wb.addWorksheet(`Sheet${i + 1}`);
    for (const r of sheetRows) {
      const row = ws.addRow(r.map((c) => c as ExcelJS.CellValue));
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = opts.dateFormat ?? 'yyyy-mm-dd';
      });
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
