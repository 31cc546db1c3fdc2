import { httpRoute } from '../lib/http';
import { assertCanManage, assertReportsAccess } from '../reports/access';
import { dispatchReport } from '../reports/dispatch';
import { createManualRun } from '../reports/run';
import { findSubscription } from '../repositories/reports';

/** POST /api/report-subscriptions/{id}/send-now: queue a run now; it appears in GET /api/report-runs. */
export const handler = httpRoute('post-report-subscription-send-now', {}, async ({ user, params }) => {
  const u = assertReportsAccess(user);
  const s = assertCanManage(u, await findSubscription(params.id ?? ''));
  const run = await createManualRun(s, u.email);
  await dispatchReport({ runId: run.runId });
  return { status: 202, body: { runId: run.runId } };
});
