import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { InputKind } from '@cxl/shared/contracts/inputs';
import { FolderBlobStore } from '@cxl/functions/adapters/blob-store';
import { processUpload, type ProcessResult } from '@cxl/functions/ingest/process-upload';
import { createUpload, type OnError } from '@cxl/functions/repositories/uploads';

/**
 * Ingests a file from disk the way an upload arrives: the file lands in the blob store and the upload
 * processor runs on it (the object-created event, in process).
 */
export async function ingestFile(
  dataDir: string,
  kind: InputKind,
  path: string,
  actor: string,
  onError?: OnError,
): Promise<ProcessResult & { uploadId: string }> {
  const store = new FolderBlobStore(join(dataDir, 'blobs'));
  const uploadId = randomUUID();
  const fileName = basename(path);
  const blobKey = `uploads/${kind}/${uploadId}/${fileName}`;
  await store.put(blobKey, await readFile(path));
  const upload = {
    uploadId,
    kind,
    fileName,
    blobKey,
    onError: onError ?? (kind === 'revenue' || kind === 'fx-rates' ? 'reject-file' : 'accept-valid'),
    createdBy: actor,
    createdAt: new Date().toISOString(),
    status: 'pending' as const,
  };
  await createUpload(upload);
  const result = await processUpload(upload, await store.open(blobKey));
  return { ...result, uploadId };
}
