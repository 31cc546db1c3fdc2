import { randomUUID } from 'node:crypto';
import { reportSubscriptionInputSchema } from '@cxl/shared/contracts/reports';
import { httpRoute } from '../lib/http';
import { assertRecipientsAllowed, assertReportsAccess } from '../reports/access';
import { assertKnownBu } from '../reports/validate';
import { armSchedule } from '../reports/schedule-port';
import { getSubscription, putSubscription } from '../repositories/reports';

/** POST /api/report-subscriptions: create a subscription and arm its schedule. */
export const handler = httpRoute(
  'post-report-subscriptions',
  { body: reportSubscriptionInputSchema },
  async ({ body, user }) => {
    const u = assertReportsAccess(user);
    await assertRecipientsAllowed(u, body.recipients);
    await assertKnownBu(body.bu);
    const now = new Date().toISOString();
    const saved = await putSubscription({
      ...body,
      id: randomUUID(),
      owner: u.email,
      createdAt: now,
      updatedAt: now,
      nextRunAt: null,
      unsubscribed: [],
      lastRun: null,
    });
    await armSchedule(saved);
    return { status: 201, body: await getSubscription(saved.id) };
  },
);
