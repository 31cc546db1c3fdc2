import { httpRoute } from '../lib/http';
import { requestRecompute } from '../recompute/trigger';

/** POST /api/recompute: starts materialization now (asynchronously) and answers 202. */
export const handler = httpRoute('post-recompute', {}, async () => {
  await requestRecompute({ force: true });
  return { status: 202, body: { accepted: true } };
});
