/**
 * Helpers for the ingestion integration tests. Import only after `startTestDynamo()` has set the
 * functions' configuration: functions modules are loaded lazily, on first call.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import type { UploadOptions } from '@cxl/shared/contracts/uploads';
import type { ProcessOptions, ProcessResult } from '@cxl/functions/ingest/process-upload';
import type { UploadRecord } from '@cxl/functions/repositories/uploads';
import { chunked } from './fixtures';

export interface UploadOpts {
  fileName?: string;
  onError?: 'reject-file' | 'accept-valid';
  options?: UploadOptions;
  uploadId?: string;
  /** Chunk sizes the body is streamed in. */
  chunks?: readonly number[];
  body?: Readable;
  process?: ProcessOptions;
}

export function uploadRecord(kind: InputKind, opts: UploadOpts = {}): UploadRecord {
  return {
    uploadId: opts.uploadId ?? randomUUID(),
    kind,
    fileName: opts.fileName ?? `${kind}.csv`,
    blobKey: `test/${kind}`,
    onError: opts.onError ?? (kind === 'revenue' || kind === 'fx-rates' ? 'reject-file' : 'accept-valid'),
    createdBy: 'test',
    createdAt: new Date().toISOString(),
    status: 'pending',
    ...(opts.options ? { options: opts.options } : {}),
  };
}

/** Creates an upload record (unless it exists) and processes `bytes` as its file. */
export async function upload(
  kind: InputKind,
  bytes: Buffer | string,
  opts: UploadOpts = {},
): Promise<ProcessResult & { uploadId: string; record: UploadRecord | null }> {
  const { processUpload } = await import('@cxl/functions/ingest/process-upload');
  const { createUpload, getUpload } = await import('@cxl/functions/repositories/uploads');
  const u = uploadRecord(kind, opts);
  if (!(await getUpload(u.uploadId))) await createUpload(u);
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const r = await processUpload(u, opts.body ?? chunked(buf, opts.chunks), opts.process);
  return { ...r, uploadId: u.uploadId, record: await getUpload(u.uploadId) };
}

/** Current revenue rows of the business units accepted by `bu`, as sorted `customer|month|minor|ccy` lines. */
export async function revenueRows(bu: (b: string) => boolean = () => true): Promise<string[]> {
  const { listScopes, loadScopeRows } = await import('@cxl/functions/repositories/facts');
  const out: string[] = [];
  for (const p of await listScopes('revenue')) {
    if (!bu(p.bu)) continue;
    for (const r of await loadScopeRows('revenue', p))
      out.push(`${r.customerId}|${r.month}|${r.amountMinor}|${r.currency ?? ''}|${p.bu}`);
  }
  return out.sort();
}

/** Current rows of a kind whose scope's business unit passes `bu`, as sorted JSON lines. */
export async function currentRows(
  kind: InputKind,
  bu: (b: string) => boolean = () => true,
): Promise<string[]> {
  const { listScopes, loadScopeRows } = await import('@cxl/functions/repositories/facts');
  const out: string[] = [];
  for (const p of await listScopes(kind)) {
    if (!bu(p.bu)) continue;
    for (const r of await loadScopeRows(kind, p)) out.push(JSON.stringify(r));
  }
  return out.sort();
}

/** Sum of revenue minor units and row count (per currency) of the business units accepted by `bu`. */
export async function revenueTotals(
  bu: (b: string) => boolean = () => true,
): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const line of await revenueRows(bu)) {
    const [, , minor, ccy] = line.split('|');
    const k = ccy || 'reporting';
    totals[k] = (totals[k] ?? 0) + Number(minor);
    totals[`${k}#rows`] = (totals[`${k}#rows`] ?? 0) + 1;
  }
  return totals;
}

/** A customers file for the given `[id, bu]` pairs, all starting in `start`. */
export function customersCsv(customers: readonly (readonly [string, string])[], start = '2023-01'): string {
  return `customer_id,bu,start_month\n${customers.map(([id, bu]) => `${id},${bu},${start}`).join('\n')}\n`;
}
