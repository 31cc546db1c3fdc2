import { listUploadsQuerySchema } from '@cxl/shared/contracts/uploads';
import { httpRoute } from '../lib/http';
import { assertMayUseKind, kindsFor } from '../lib/upload-access';
import { currentUploadIds, toUploadDto } from '../repositories/upload-dto';
import { listUploads } from '../repositories/uploads';

/** GET /api/uploads?kind=: version history, newest first (kinds the role may see). */
export const handler = httpRoute(
  'get-uploads',
  { query: listUploadsQuerySchema },
  async ({ query, user }) => {
    if (query.kind) assertMayUseKind(user, query.kind);
    const kinds = query.kind ? [query.kind] : kindsFor(user);
    const lists = await Promise.all(
      kinds.map(async (k) => {
        const [uploads, current] = await Promise.all([listUploads(k), currentUploadIds(k)]);
        return uploads.map((u) => toUploadDto(u, current));
      }),
    );
    const uploads = lists.flat().sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    return { body: { uploads } };
  },
);
