import { createReadStream } from 'node:fs';
import { cellText } from './cells';
import type { Backpressure, RecordHandler } from './csv';
import { FileError, messageOf } from './issues';
import { inspectZip, ZIP_LIMITS, type ZipLimits } from './zip-guard';

/** Excel's own limits: rows and columns per sheet. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/** The streaming worksheet reader's surface used here (exceljs types it loosely). */
interface SheetReader extends AsyncIterable<{ number: number; values: unknown }> {
  getColumn?: (c: number | string) => unknown;
}

function cellsOf(values: unknown, row: number, decimal: '.' | ','): string[] {
  if (!Array.isArray(values)) return [];
  if (values.length > MAX_COLUMNS + 1)
    throw new FileError(`row ${row} has cells beyond column XFD, Excel's last column`, row);
  const out: string[] = [];
  // forEach skips the holes of the sparse array exceljs builds (index 0 is unused: columns start at 1).
  values.forEach((v: unknown, i: number) => {
    if (i >= 1) out[i - 1] = cellText(v, decimal);
  });
  for (let i = 0; i < out.length; i++) out[i] ??= '';
  return out;
}

/**
 * Streams the first worksheet of an XLSX file that has passed {@link inspectZip}: exceljs's streaming
 * WorkbookReader (shared strings cached, styles read so date cells come back as dates), each row turned
 * into cell texts (dates `YYYY-MM-DD`, numbers as plain decimals with the file's decimal separator) and
 * handed to `onRecord` with its Excel row number. Rows with no value are skipped like blank CSV lines.
 */
export async function readXlsx(
  path: string,
  decimal: '.' | ',',
  onRecord: RecordHandler,
  backpressure: Backpressure,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<void> {
  await inspectZip(path, limits);
  const input = createReadStream(path);
  input.on('error', () => undefined);
  // Loaded on first use: CSV uploads never pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of reader as AsyncIterable<unknown>) {
      sheets++;
      if (sheets > 1) continue;
      const ws = sheet as SheetReader;
      const getColumn = ws.getColumn?.bind(ws);
      if (getColumn) {
        // A cell reference far to the right would make the reader create every column up to it.
        ws.getColumn = (c: number | string) => {
          if (typeof c === 'number' && c > MAX_COLUMNS) throw new FileError('a cell lies beyond column XFD');
          return getColumn(c);
        };
      }
      let rows = 0;
      for await (const row of ws) {
        if (++rows > MAX_ROWS) throw new FileError(`the sheet has more than ${MAX_ROWS} rows`);
        const cells = cellsOf(row.values, row.number, decimal);
        if (cells.some((c) => c.trim() !== '')) onRecord(cells, row.number);
        await backpressure();
      }
    }
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw new FileError(
      `the workbook could not be read (${messageOf(e)}); open it in Excel and save it again as .xlsx, or export CSV UTF-8`,
    );
  } finally {
    input.destroy();
  }
  if (sheets === 0) throw new FileError('the workbook has no worksheet');
}
