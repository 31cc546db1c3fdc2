import { parseUploadKey, uploadsBlobStore } from '../adapters/uploads-store';
import { processUpload } from '../ingest/process-upload';
import { logger } from '../lib/logger';
import { getUpload, updateUpload } from '../repositories/uploads';
import { requestRecompute } from '../recompute/trigger';

const store = uploadsBlobStore();

/**
 * Object-created worker: processes each uploaded file once. A redelivered event for an upload that
 * already finished is ignored; a failure marks the upload `failed` with a reason the Uploads page shows
 * and is re-thrown so the platform retries (processing is idempotent) and finally dead-letters it.
 */
/** The part of an S3 object-created notification the worker reads (an `S3Event` satisfies it). */
export interface ObjectCreatedEvent {
  Records: { s3: { object: { key: string } } }[];
}

export const handler = async (event: ObjectCreatedEvent): Promise<void> => {
  let accepted = false;
  for (const rec of event.Records) {
    const key = decodeURIComponent(rec.s3.object.key.replace(/\+/g, ' '));
    const parsed = parseUploadKey(key);
    if (!parsed) {
      logger.warn('object key is not an upload', { key });
      continue;
    }
    const upload = await getUpload(parsed.uploadId);
    if (!upload) {
      logger.warn('no upload record for object', { key });
      continue;
    }
    if (!['pending', 'processing', 'failed'].includes(upload.status)) continue;
    try {
      const r = await processUpload(upload, await store.open(key));
      accepted ||= r.status === 'completed';
    } catch (e) {
      const message =
        'Processing failed on our side; it is retried automatically. If it stays failed, upload the file again.';
      await updateUpload(upload.uploadId, {
        status: 'failed',
        message,
        finishedAt: new Date().toISOString(),
      });
      logger.error('upload processing failed', {
        uploadId: upload.uploadId,
        error: e instanceof Error ? e.message : String(e),
      });
      throw e;
    }
  }
  if (accepted) await requestRecompute({ force: false });
};
