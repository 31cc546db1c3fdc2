import { reportRunsQuerySchema } from '@cxl/shared/contracts/reports';
import { httpRoute } from '../lib/http';
import { assertReportsAccess, managesAll } from '../reports/access';
import { listRuns } from '../repositories/reports';

/** GET /api/report-runs: the delivery log, newest first, with a status per recipient. */
export const handler = httpRoute(
  'get-report-runs',
  { query: reportRunsQuerySchema },
  async ({ user, query }) => {
    const u = assertReportsAccess(user);
    const all = managesAll(u);
    // Executives see the runs of their own subscriptions: read more and filter by owner.
    const runs = await listRuns({
      limit: all ? query.limit : Math.min(200, query.limit * 4),
      ...(query.subscriptionId ? { subscriptionId: query.subscriptionId } : {}),
    });
    return { body: { runs: (all ? runs : runs.filter((r) => r.owner === u.email)).slice(0, query.limit) } };
  },
);
