import { reportSubscriptionInputSchema } from '@cxl/shared/contracts/reports';
import { httpRoute } from '../lib/http';
import { assertCanManage, assertRecipientsAllowed, assertReportsAccess } from '../reports/access';
import { assertKnownBu } from '../reports/validate';
import { armSchedule } from '../reports/schedule-port';
import { findSubscription, getSubscription, putSubscription } from '../repositories/reports';

/** PUT /api/report-subscriptions/{id}: replace a subscription's settings and re-arm its schedule. */
export const handler = httpRoute(
  'put-report-subscription',
  { body: reportSubscriptionInputSchema },
  async ({ body, user, params }) => {
    const u = assertReportsAccess(user);
    const current = assertCanManage(u, await findSubscription(params.id ?? ''));
    await assertRecipientsAllowed(u, body.recipients);
    await assertKnownBu(body.bu);
    await putSubscription({ ...current, ...body, updatedAt: new Date().toISOString() });
    await armSchedule(await getSubscription(current.id));
    return { body: await getSubscription(current.id) };
  },
);
