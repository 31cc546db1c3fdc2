import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BATCH_KINDS, ingestBatchBodySchema } from '@cxl/shared/contracts/uploads';
import { ingestBatch } from '../ingest/batch';
import { ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { onceForKey } from '../repositories/idempotency';
import { requestRecompute } from '../recompute/trigger';

const kindSchema = z.enum(BATCH_KINDS);
/** Records are flat field: value objects; a value nested deeper than this is refused up front. */
const MAX_VALUE_DEPTH = 32;

/**
 * Path of the first value nested deeper than {@link MAX_VALUE_DEPTH} levels inside a record, or null.
 * Iterative (an explicit stack), so a body of 100,000 nested arrays cannot overflow the call stack.
 */
export function tooDeep(records: readonly unknown[]): string | null {
  const stack: { v: unknown; depth: number; path: string }[] = records.map((v, i) => ({
    v,
    depth: 0,
    path: `records[${i}]`,
  }));
  stack.reverse();
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop() as { v: unknown; depth: number; path: string };
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_VALUE_DEPTH) return path;
    const entries = Array.isArray(v)
      ? v.map((x, i) => [`${path}[${i}]`, x] as const)
      : Object.entries(v).map(([k, x]) => [`${path}.${k}`, x] as const);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [p, x] = entries[i] as readonly [string, unknown];
      stack.push({ v: x, depth: depth + 1, path: p });
    }
  }
  return null;
}
const keySchema = z.string().regex(/^[\w.:-]{8,128}$/);

/**
 * POST /api/ingest/{kind}: up to 1,000 survey or contact records as JSON. The `Idempotency-Key` header
 * is required: a retried batch is applied once and answers the first result (`replayed: true`).
 */
export const handler = httpRoute(
  'post-ingest',
  { body: ingestBatchBodySchema },
  async ({ params, body, user, headers }) => {
    const kind = kindSchema.safeParse(params.kind);
    if (!kind.success)
      throw new ValidationError(`Batches accept ${BATCH_KINDS.join(', ')}; upload other kinds as files.`);
    const key = keySchema.safeParse(headers['idempotency-key']);
    if (!key.success) {
      throw new ValidationError(
        'Send an Idempotency-Key header (8–128 letters, digits, . _ : -) so a retried batch is applied once.',
      );
    }
    const deep = tooDeep(body.records);
    if (deep !== null) {
      throw new ValidationError(
        `${deep} nests arrays or objects more than ${MAX_VALUE_DEPTH} levels deep; each record field takes one value (text, number, true/false or null) — flatten the record and send it again.`,
        [{ path: deep, message: `nested more than ${MAX_VALUE_DEPTH} levels` }],
      );
    }
    const batchId = `batch-${createHash('sha256').update(`${kind.data}|${key.data}`).digest('hex').slice(0, 32)}`;
    const { result, replayed } = await onceForKey(`ingest#${kind.data}`, key.data, body, async () => {
      const r = await ingestBatch(kind.data, body.records, user?.email ?? 'unknown', batchId);
      return { batchId, ...r };
    });
    if (!replayed && result.recordsAccepted > 0) await requestRecompute({ force: false });
    return { status: replayed ? 200 : 201, body: { ...result, replayed } };
  },
);
