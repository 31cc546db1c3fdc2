import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputKind, RowByKind } from '@cxl/shared/contracts/inputs';
import { MAX_UPLOAD_BYTES } from '@cxl/shared/contracts/uploads';
import type { RowIssue } from '../repositories/uploads';
import { readCsv, type RecordHandler } from './csv';
import { FileError, messageOf } from './issues';
import type { UploadSource } from './source';
import { RowValidator, type IngestContext } from './validate';
import { readXlsx } from './xlsx';
import type { ZipLimits } from './zip-guard';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Where validated rows go while the file streams. */
export interface RowSink<K extends InputKind> {
  accept(scope: string, row: RowByKind[K]): void;
  reject(issue: RowIssue): void;
  /** Awaited between chunks (and XLSX rows) when it returns a promise: downstream writes catch up. */
  backpressure(): Promise<void> | undefined;
}

export interface ReadOutcome {
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Scope keys (`bu#month`) of the accepted rows. */
  scopes: Set<string>;
  /** Why the file as a whole is unusable, or null. */
  fileError: FileError | null;
  format: 'csv' | 'xlsx';
}

/**
 * Reads an upload to the end and validates every row, streaming: tells XLSX (zip magic) from CSV (the
 * rest), then CSV goes through {@link readCsv} and XLSX is spooled to a temp file (its zip directory
 * needs random access) and read by {@link readXlsx}. The header row is mapped with aliases, blank rows
 * are skipped, each data row is checked by {@link RowValidator} and handed to the sink. A problem with
 * the file is returned as `fileError`, never thrown; only a failure to read the bytes or of the sink
 * throws.
 */
export async function readUpload<K extends InputKind>(
  source: UploadSource,
  fileName: string,
  kind: K,
  ctx: IngestContext,
  sink: RowSink<K>,
  zipLimits?: ZipLimits,
): Promise<ReadOutcome> {
  const validator = new RowValidator(kind, ctx);
  const st = {
    header: false,
    rowsTotal: 0,
    rowsAccepted: 0,
    fileError: null as FileError | null,
    scopes: new Set<string>(),
    format: 'csv' as 'csv' | 'xlsx',
  };
  const onRecord: RecordHandler = (cells, row) => {
    if (st.fileError !== null || RowValidator.isBlank(cells)) return;
    try {
      if (!st.header) {
        validator.useHeader(cells, row);
        st.header = true;
        return;
      }
      st.rowsTotal++;
      const r = validator.checkCells(cells, row);
      if (!r.ok) {
        sink.reject(r.issue);
        return;
      }
      st.rowsAccepted++;
      st.scopes.add(r.scope);
      sink.accept(r.scope, r.row);
    } catch (e) {
      st.fileError =
        e instanceof FileError ? e : new FileError(`row ${row} could not be read: ${messageOf(e)}`, row);
    }
  };
  const backpressure = () => (st.fileError !== null ? Promise.reject(st.fileError) : sink.backpressure());

  let tempDir: string | null = null;
  try {
    const head = await source.peek(8);
    if (head.subarray(0, 4).equals(ZIP_MAGIC) || head.subarray(0, 4).equals(EMPTY_ZIP_MAGIC)) {
      st.format = 'xlsx';
      tempDir = await mkdtemp(join(tmpdir(), 'cxl-upload-'));
      const path = join(tempDir, 'upload.xlsx');
      await source.spool(path, MAX_UPLOAD_BYTES);
      await readXlsx(path, ctx.fmt.decimal, onRecord, backpressure, zipLimits);
    } else if (head.equals(OLE2_MAGIC)) {
      throw new FileError(
        'this is an old-format .xls workbook or a password-protected one: save it as .xlsx without a password, or export CSV UTF-8, and upload again',
      );
    } else if (/\.xls[xm]$/i.test(fileName)) {
      throw new FileError(
        'the file is named .xlsx but is not an Excel workbook: if it is a CSV, name it .csv and upload again',
      );
    } else {
      await readCsv(source.chunks(), kind, onRecord, backpressure);
    }
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    st.fileError ??= e;
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
  if (st.fileError === null && !st.header)
    st.fileError = new FileError('the file is empty: it needs a header row and at least one data row', 1);
  if (st.fileError === null && st.rowsTotal === 0)
    st.fileError = new FileError('the file has a header but no data rows', 1);
  return {
    rowsTotal: st.rowsTotal,
    rowsAccepted: st.rowsAccepted,
    rowsRejected: st.rowsTotal - st.rowsAccepted,
    scopes: st.scopes,
    fileError: st.fileError,
    format: st.format,
  };
}
