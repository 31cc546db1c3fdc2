import { finished } from 'node:stream/promises';
import { parse, type Parser } from 'csv-parse';
import { mapHeader, type InputKind } from '@cxl/shared/contracts/inputs';
import { TextNormaliser, type TextEncoding } from './decode';
import { FileError, messageOf } from './issues';

/** Receives each parsed record with its line number (header = 1); must not throw. */
export type RecordHandler = (cells: string[], row: number) => void;

/** Awaited between chunks: resolves when the consumer is ready for more (backpressure), if it is busy. */
export type Backpressure = () => Promise<void> | undefined;

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Longest header line read before giving up on finding the end of it. */
const MAX_HEADER_BYTES = 1 << 20;
/** Longest record (bytes): a quote that never closes would otherwise swallow the rest of the file. */
export const MAX_RECORD_CHARS = 1 << 20;

/** Splits one line on `delimiter`, honouring double quotes (for sniffing only). */
function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Picks the delimiter of a header line: the candidate (`,` `;` tab) under which most columns of the
 * kind are recognised, then the one giving most fields; `,` when nothing splits the line.
 */
export function sniffDelimiter(headerLine: string, kind: InputKind): Delimiter {
  let best: Delimiter = ',';
  let bestKnown = -1;
  let bestFields = -1;
  for (const d of DELIMITERS) {
    const fields = splitLine(headerLine, d);
    if (fields.length < 2 && d !== ',') continue;
    const known = Object.keys(mapHeader(kind, fields).indexOf).length;
    if (known > bestKnown || (known === bestKnown && fields.length > bestFields)) {
      best = d;
      bestKnown = known;
      bestFields = fields.length;
    }
  }
  return best;
}

function endOfFirstLine(buf: Buffer): number {
  const lf = buf.indexOf(0x0a);
  const cr = buf.indexOf(0x0d);
  if (lf < 0) return cr;
  if (cr < 0) return lf;
  return Math.min(lf, cr);
}

interface CsvErrorLike {
  code?: unknown;
  lines?: unknown;
  message: string;
}

function csvFileError(e: unknown): FileError {
  if (e instanceof FileError) return e;
  const err = e as CsvErrorLike;
  const line = typeof err.lines === 'number' ? err.lines : 0;
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === 'CSV_MAX_RECORD_SIZE' || code === 'CSV_QUOTE_NOT_CLOSED') {
    return new FileError(
      `a quoted field that starts near line ${line} never closes (or a record is longer than ${MAX_RECORD_CHARS} characters): check that every opening double quote has a closing one, then upload again`,
      line,
    );
  }
  return new FileError(`the file could not be read as CSV near line ${line}: ${messageOf(e)}`, line);
}

/**
 * Reads CSV bytes as a stream: encoding detection and decoding ({@link TextNormaliser}), delimiter
 * sniffing on the header line, then csv-parse's stream API. Records are handed to `onRecord`
 * synchronously as the parser produces them (never accumulated); between chunks `backpressure` is
 * awaited so writes downstream bound the memory in flight. A structural CSV error (a quote that never
 * closes) rejects the file: skipping it could silently drop the rows it swallowed.
 */
export async function readCsv(
  bytes: AsyncIterable<Buffer>,
  kind: InputKind,
  onRecord: RecordHandler,
  backpressure: Backpressure,
): Promise<{ encoding: TextEncoding | null; delimiter: Delimiter }> {
  const text = new TextNormaliser();
  const head: Buffer[] = [];
  let headBytes = 0;
  let parser: Parser | null = null;
  let parseError: unknown = null;
  let delimiter: Delimiter = ',';
  // Bytes fed since the last record: a quote that never closes makes this grow without bound (checked
  // here per chunk rather than by csv-parse per character, which costs ~10% of parsing).
  let sinceRecord = 0;
  let lastLine = 0;

  const start = (): Parser => {
    const all = Buffer.concat(head);
    const eol = endOfFirstLine(all);
    delimiter = sniffDelimiter(all.subarray(0, eol < 0 ? all.length : eol).toString('utf8'), kind);
    const p = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], info: { lines: number }) => {
        sinceRecord = 0;
        lastLine = info.lines;
        onRecord(record, info.lines);
        return null;
      },
    });
    p.on('error', (e) => {
      parseError ??= e;
    });
    return p;
  };
  const write = (p: Parser, buf: Buffer) =>
    new Promise<void>((resolve) => {
      sinceRecord += buf.length;
      p.write(buf, (e) => {
        if (e) parseError ??= e;
        resolve();
      });
    });
  const feed = async (bufs: Buffer[]) => {
    for (const b of bufs) {
      if (parser === null) {
        head.push(b);
        headBytes += b.length;
        if (endOfFirstLine(b) < 0 && headBytes < MAX_HEADER_BYTES) continue;
        parser = start();
        for (const h of head.splice(0)) await write(parser, h);
      } else await write(parser, b);
      if (parseError !== null) throw csvFileError(parseError);
      if (sinceRecord > MAX_RECORD_CHARS)
        throw csvFileError({ code: 'CSV_MAX_RECORD_SIZE', lines: lastLine + 1, message: '' });
      await backpressure();
    }
  };

  for await (const chunk of bytes) await feed(text.push(chunk));
  await feed(text.end());
  if (parser === null) {
    if (headBytes === 0) return { encoding: text.encoding, delimiter };
    parser = start();
    for (const h of head.splice(0)) await write(parser, h);
  }
  const p: Parser = parser;
  p.resume();
  p.end();
  try {
    await finished(p);
  } catch (e) {
    parseError ??= e;
  }
  if (parseError !== null) throw csvFileError(parseError);
  return { encoding: text.encoding, delimiter };
}
