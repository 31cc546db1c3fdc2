import { httpRoute } from '../lib/http';
import { requestRecompute } from '../recompute/trigger';
import { deleteInitiative } from '../repositories/registers';

/** DELETE /api/initiatives/{id} */
export const handler = httpRoute('delete-initiative', {}, async ({ params }) => {
  await deleteInitiative(params.id ?? '');
  await requestRecompute({ force: true });
  return { status: 200, body: { id: params.id, deleted: true } };
});
