import { httpRoute } from '../lib/http';
import { listInitiatives } from '../repositories/registers';

/** GET /api/initiatives: every CX initiative, by go-live month. */
export const handler = httpRoute('get-initiatives', {}, async () => {
  const initiatives = await listInitiatives();
  initiatives.sort((a, b) =>
    a.goLiveMonth < b.goLiveMonth ? -1 : a.goLiveMonth > b.goLiveMonth ? 1 : a.name.localeCompare(b.name),
  );
  return { body: { initiatives } };
});
