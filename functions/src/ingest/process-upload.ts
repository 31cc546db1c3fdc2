import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  KIND_SPECS,
  mapHeader,
  RowError,
  scopeMonthOfMs,
  type InputKind,
  type RowByKind,
} from '@cxl/shared/contracts/inputs';
import type { NumberFormat } from '@cxl/shared/contracts/values';
import { logger } from '../lib/logger';
import { factBlockItem, loadCurrentRows, pointScope, putBlocks, ROWS_PER_BLOCK } from '../repositories/facts';
import { parseScopeKey, scopeKey } from '../repositories/keys';
import {
  claimSha,
  ERRORS_INLINE,
  getUpload,
  lockedMonths,
  putUploadErrors,
  releaseSha,
  updateUpload,
  type RowIssue,
  type UploadRecord,
} from '../repositories/uploads';
import type { Item } from '../adapters/dynamo';

export interface ProcessOptions {
  numberFormat?: NumberFormat;
  /** Stop collecting row errors beyond this many (the count stays exact). */
  maxErrors?: number;
}

export interface ProcessResult {
  status: UploadRecord['status'];
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  scope: { bu: string; month: string }[];
  supersedes: string[];
  duplicateOf?: string;
}

/** Kinds whose rows name a customer whose business unit decides the scope. */
const NEEDS_CUSTOMER: ReadonlySet<InputKind> = new Set([
  'revenue',
  'contacts',
  'survey-transactional',
  'survey-relationship',
  'churn-events',
]);

function sniffDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

/** Month and business unit of a parsed row (its scope), or a reason it has none. */
function scopeOf<K extends InputKind>(
  kind: K,
  row: RowByKind[K],
  buOf: (customerId: string) => string | undefined,
): { bu: string; month: string } | RowIssue {
  switch (kind) {
    case 'customers': {
      const r = row as RowByKind['customers'];
      return { bu: r.bu, month: r.startMonth };
    }
    case 'fx-rates':
      return { bu: '*', month: (row as RowByKind['fx-rates']).month };
    case 'operational-drivers': {
      const r = row as RowByKind['operational-drivers'];
      return { bu: r.bu, month: r.month };
    }
    default: {
      const r = row as RowByKind[
        'revenue' | 'contacts' | 'survey-transactional' | 'survey-relationship' | 'churn-events'];
      const known = buOf(r.customerId);
      const declared = kind === 'revenue' ? (r as RowByKind['revenue']).bu : null;
      if (known !== undefined && declared !== null && declared !== known) {
        return {
          row: 0,
          column: 'bu',
          value: declared,
          reason: `customer ${r.customerId} belongs to ${known}, not ${declared}`,
        };
      }
      const bu = known ?? declared;
      if (bu === undefined || bu === null) {
        return {
          row: 0,
          column: 'customer_id',
          value: r.customerId,
          reason: 'unknown customer: upload the customers file first (or give a bu column for revenue rows)',
        };
      }
      const month =
        kind === 'revenue'
          ? (r as RowByKind['revenue']).month
          : kind === 'churn-events'
            ? (r as RowByKind['churn-events']).churnMonth
            : kind === 'contacts'
              ? scopeMonthOfMs((r as RowByKind['contacts']).createdMs)
              : scopeMonthOfMs((r as RowByKind['survey-transactional']).respondedMs);
      return { bu, month };
    }
  }
}

/**
 * Processes one uploaded file: content hash (a byte-identical re-upload is a `duplicate` no-op), streaming
 * CSV parse, header aliases, row validation with row/column/value/reason, scope assignment, fact blocks
 * written in batches, and — when the file is accepted — the scope pointers moved to this upload.
 * `reject-file` applies nothing unless every row is valid; `accept-valid` applies the valid rows and
 * quarantines the rest. Safe to retry: blocks are keyed by upload id and pointer moves are idempotent.
 */
export async function processUpload(
  upload: UploadRecord,
  body: Readable,
  opts: ProcessOptions = {},
): Promise<ProcessResult> {
  const kind = upload.kind;
  const spec = KIND_SPECS[kind];
  const fmt = opts.numberFormat ?? { decimal: '.' };
  const maxErrors = opts.maxErrors ?? 100_000;
  await updateUpload(upload.uploadId, { status: 'processing' });

  const bytes = await readAll(body);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const holder = await claimSha(kind, sha256, upload.uploadId);
  if (holder && holder !== upload.uploadId) {
    const prior = await getUpload(holder);
    if (
      prior &&
      (prior.status === 'completed' || prior.status === 'processing' || prior.status === 'pending')
    ) {
      const result: ProcessResult = {
        status: 'duplicate',
        rowsTotal: prior.rowsTotal ?? 0,
        rowsAccepted: 0,
        rowsRejected: 0,
        scope: prior.scope ?? [],
        supersedes: [],
        duplicateOf: holder,
      };
      await updateUpload(upload.uploadId, { ...result, sha256, finishedAt: new Date().toISOString() });
      return result;
    }
  }

  const buOfCustomer = new Map<string, string>();
  if (NEEDS_CUSTOMER.has(kind)) {
    for (const { rows } of await loadCurrentRows('customers'))
      for (const c of rows) buOfCustomer.set(c.customerId, c.bu);
  }
  const locked = await lockedMonths();

  const errors: RowIssue[] = [];
  let errorCount = 0;
  const addError = (e: RowIssue) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push(e);
  };
  const seen = new Map<string, number>();
  const pending = new Map<string, unknown[]>();
  const chunkNo = new Map<string, number>();
  const scopeRows = new Map<string, number>();
  let flushQueue: Item[] = [];
  const flush = async (force: boolean) => {
    if (flushQueue.length >= 25 || (force && flushQueue.length > 0)) {
      await putBlocks(flushQueue);
      flushQueue = [];
    }
  };
  const emit = (scope: string, rows: unknown[]) => {
    const n = chunkNo.get(scope) ?? 0;
    chunkNo.set(scope, n + 1);
    flushQueue.push(factBlockItem(kind, scope, upload.uploadId, n, rows));
  };

  let rowsTotal = 0;
  let rowsAccepted = 0;
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const parser = parse(text, {
    delimiter: sniffDelimiter(firstLine),
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    info: true,
  });

  let indexOf: Record<string, number> | null = null;
  let headerError: string | null = null;
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = rec.info.lines;
    if (indexOf === null) {
      const mapping = mapHeader(kind, rec.record);
      if (mapping.missing.length > 0 || mapping.duplicated.length > 0) {
        headerError =
          mapping.missing.length > 0
            ? `missing required column(s): ${mapping.missing.join(', ')} (found: ${rec.record.join(', ')}); download the ${kind} template for the expected header`
            : `column(s) given twice: ${mapping.duplicated.join(', ')}`;
        addError({
          row: line,
          column: mapping.missing[0] ?? mapping.duplicated[0] ?? '',
          value: '',
          reason: headerError,
        });
        break;
      }
      indexOf = mapping.indexOf;
      continue;
    }
    rowsTotal++;
    const cells: Record<string, string | undefined> = {};
    for (const [name, idx] of Object.entries(indexOf)) cells[name] = rec.record[idx];
    let row: RowByKind[typeof kind];
    try {
      row = spec.parse(cells, fmt);
    } catch (e) {
      if (e instanceof RowError) addError({ row: line, column: e.column, value: e.value, reason: e.message });
      else addError({ row: line, column: '', value: '', reason: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (spec.uniqueKey) {
      const key = (spec.uniqueKey as (r: typeof row) => string)(row);
      const first = seen.get(key);
      if (first !== undefined) {
        addError({
          row: line,
          column: spec.columns[0]?.name ?? '',
          value: key,
          reason: `duplicate of row ${first}; each row must be unique`,
        });
        continue;
      }
      seen.set(key, line);
    }
    const sc = scopeOf(kind, row, (id) => buOfCustomer.get(id));
    if ('reason' in sc) {
      addError({ ...sc, row: line });
      continue;
    }
    if (locked.has(sc.month)) {
      addError({
        row: line,
        column: 'month',
        value: sc.month,
        reason: `${sc.month} is locked by finance; ask finance to unlock it first`,
      });
      continue;
    }
    if (kind === 'customers') buOfCustomer.set((row as RowByKind['customers']).customerId, sc.bu);
    const key = scopeKey(sc.bu, sc.month);
    let buf = pending.get(key);
    if (!buf) pending.set(key, (buf = []));
    buf.push(row);
    scopeRows.set(key, (scopeRows.get(key) ?? 0) + 1);
    rowsAccepted++;
    if (buf.length >= ROWS_PER_BLOCK) {
      emit(key, buf);
      pending.set(key, []);
      await flush(false);
    }
  }
  if (indexOf === null && headerError === null) {
    headerError = 'the file is empty: it needs a header row and at least one data row';
    addError({ row: 1, column: '', value: '', reason: headerError });
  }

  const rowsRejected = rowsTotal - rowsAccepted;
  const rejectAll =
    headerError !== null || (upload.onError === 'reject-file' && errorCount > 0) || rowsAccepted === 0;
  const scope = [...scopeRows.keys()].sort().map(parseScopeKey);
  const finishedAt = new Date().toISOString();

  if (rejectAll) {
    await putUploadErrors(upload.uploadId, errors);
    await releaseSha(kind, sha256, upload.uploadId);
    const result: ProcessResult = {
      status: 'rejected',
      rowsTotal,
      rowsAccepted: 0,
      rowsRejected: rowsTotal,
      scope,
      supersedes: [],
    };
    await updateUpload(upload.uploadId, {
      ...result,
      sha256,
      errors: errors.slice(0, ERRORS_INLINE),
      errorCount,
      message:
        headerError ??
        (rowsAccepted === 0
          ? 'No row could be accepted; see the errors and correct the file.'
          : `${errorCount} row error(s): nothing was applied because this upload is all-or-nothing (reject-file).`),
      finishedAt,
    });
    return result;
  }

  for (const [key, buf] of pending) if (buf.length > 0) emit(key, buf);
  await flush(true);
  const supersedes = new Set<string>();
  for (const key of scopeRows.keys()) {
    for (const prev of await pointScope(kind, key, upload.uploadId, finishedAt)) {
      if (prev !== upload.uploadId) supersedes.add(prev);
    }
  }
  await putUploadErrors(upload.uploadId, errors);
  const result: ProcessResult = {
    status: 'completed',
    rowsTotal,
    rowsAccepted,
    rowsRejected,
    scope,
    supersedes: [...supersedes],
  };
  await updateUpload(upload.uploadId, {
    ...result,
    sha256,
    errors: errors.slice(0, ERRORS_INLINE),
    errorCount,
    finishedAt,
  });
  logger.info('upload processed', {
    uploadId: upload.uploadId,
    kind,
    rowsTotal,
    rowsAccepted,
    rowsRejected,
    scopes: scope.length,
  });
  return result;
}
