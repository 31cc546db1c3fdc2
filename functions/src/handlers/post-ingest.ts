import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BATCH_KINDS, ingestBatchBodySchema } from '@cxl/shared/contracts/uploads';
import { ingestBatch } from '../ingest/batch';
import { ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { onceForKey } from '../repositories/idempotency';
import { requestRecompute } from '../recompute/trigger';

const kindSchema = z.enum(BATCH_KINDS);
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
    const batchId = `batch-${createHash('sha256').update(`${kind.data}|${key.data}`).digest('hex').slice(0, 32)}`;
    const { result, replayed } = await onceForKey(`ingest#${kind.data}`, key.data, body, async () => {
      const r = await ingestBatch(kind.data, body.records, user?.email ?? 'unknown', batchId);
      return { batchId, ...r };
    });
    if (!replayed && result.recordsAccepted > 0) await requestRecompute({ force: false });
    return { status: replayed ? 200 : 201, body: { ...result, replayed } };
  },
);
