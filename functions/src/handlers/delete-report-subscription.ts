import { httpRoute } from '../lib/http';
import { assertCanManage, assertReportsAccess } from '../reports/access';
import { schedulePort } from '../reports/schedule-port';
import { deleteSubscription, findSubscription } from '../repositories/reports';

/** DELETE /api/report-subscriptions/{id}: remove the subscription and its schedule (its run log stays). */
export const handler = httpRoute('delete-report-subscription', {}, async ({ user, params }) => {
  const u = assertReportsAccess(user);
  const s = assertCanManage(u, await findSubscription(params.id ?? ''));
  await schedulePort().remove(s.id);
  await deleteSubscription(s.id);
  return { body: { id: s.id, deleted: true } };
});
