import { httpRoute } from '../lib/http';
import { deleteTouchpoint } from '../repositories/registers';

/** DELETE /api/touchpoints/{id} */
export const handler = httpRoute('delete-touchpoint', {}, async ({ params }) => {
  await deleteTouchpoint(params.id ?? '');
  return { body: { id: params.id, deleted: true } };
});
