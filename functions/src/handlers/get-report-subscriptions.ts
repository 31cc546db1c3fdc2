import { httpRoute } from '../lib/http';
import { assertReportsAccess, managesAll } from '../reports/access';
import { listSubscriptions } from '../repositories/reports';

/** GET /api/report-subscriptions: every subscription (admin, CX manager) or one's own (executive). */
export const handler = httpRoute('get-report-subscriptions', {}, async ({ user }) => {
  const u = assertReportsAccess(user);
  const all = await listSubscriptions();
  const visible = managesAll(u) ? all : all.filter((s) => s.owner === u.email);
  visible.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { body: { subscriptions: visible } };
});
