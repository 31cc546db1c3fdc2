import { NotFoundError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { assertMayUseKind } from '../lib/upload-access';
import { currentUploadIds, toUploadDto } from '../repositories/upload-dto';
import { getUpload } from '../repositories/uploads';

/** GET /api/uploads/{uploadId}: status, counts, first errors, scope, what it superseded. */
export const handler = httpRoute('get-upload', {}, async ({ params, user }) => {
  const u = await getUpload(params.uploadId ?? '');
  if (!u) throw new NotFoundError('No upload with this id.');
  assertMayUseKind(user, u.kind);
  return { body: toUploadDto(u, await currentUploadIds(u.kind)) };
});
