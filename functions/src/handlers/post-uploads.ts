import { randomUUID } from 'node:crypto';
import { createUploadBodySchema, defaultOnError } from '@cxl/shared/contracts/uploads';
import { MAX_UPLOAD_BYTES } from '@cxl/shared/contracts/uploads';
import { presignUpload, uploadKey } from '../adapters/uploads-store';
import { httpRoute } from '../lib/http';
import { assertMayUseKind } from '../lib/upload-access';
import { createUpload } from '../repositories/uploads';

/** POST /api/uploads: registers a pending upload and answers the presigned POST for its file. */
export const handler = httpRoute('post-uploads', { body: createUploadBodySchema }, async ({ body, user }) => {
  assertMayUseKind(user, body.kind);
  const uploadId = randomUUID();
  const blobKey = uploadKey(body.kind, uploadId, body.fileName);
  await createUpload({
    uploadId,
    kind: body.kind,
    fileName: body.fileName,
    blobKey,
    onError: body.options?.onError ?? defaultOnError(body.kind),
    ...(body.options ? { options: body.options } : {}),
    createdBy: user?.email ?? 'unknown',
    createdAt: new Date().toISOString(),
    status: 'pending',
  });
  const post = await presignUpload(
    blobKey,
    Math.min(MAX_UPLOAD_BYTES, Math.max(body.size * 2, 1024)),
    body.contentType,
  );
  return {
    status: 201,
    body: { uploadId, upload: { url: post.url, method: 'POST' as const, fields: post.fields } },
  };
});
