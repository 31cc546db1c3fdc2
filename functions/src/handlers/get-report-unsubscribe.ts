import { z } from 'zod';
import { httpRoute } from '../lib/http';
import { unsubscribePage } from '../reports/unsubscribe-page';
import { verifyUnsubscribeToken } from '../reports/tokens';
import { findSubscription } from '../repositories/reports';
import { translate } from '@cxl/shared/i18n/catalogue';

const html = { 'Content-Type': 'text/html; charset=utf-8' };

/**
 * GET /api/reports/unsubscribe?token: the confirmation page of an unsubscribe link (public; the signed
 * token is the credential). Changes nothing, so link scanners that prefetch it cannot unsubscribe anyone.
 */
export const handler = httpRoute(
  'get-report-unsubscribe',
  { query: z.object({ token: z.string().max(2000).default('') }) },
  async ({ query }) => {
    const claim = await verifyUnsubscribeToken(query.token);
    if (!claim)
      return {
        status: 400,
        raw: true,
        headers: html,
        body: unsubscribePage('en', { message: translate('en', 'reports.unsub.invalid') }),
      };
    const s = await findSubscription(claim.subscriptionId);
    const locale = s?.locale ?? 'en';
    if (!s)
      return {
        raw: true,
        headers: html,
        body: unsubscribePage(locale, { message: translate(locale, 'reports.unsub.gone') }),
      };
    const vars = { email: claim.email, name: s.name };
    if (s.unsubscribed.includes(claim.email))
      return {
        raw: true,
        headers: html,
        body: unsubscribePage(locale, { message: translate(locale, 'reports.unsub.done', vars) }),
      };
    return {
      raw: true,
      headers: html,
      body: unsubscribePage(locale, {
        message: translate(locale, 'reports.unsub.confirm', vars),
        form: {
          action: `/api/reports/unsubscribe?token=${encodeURIComponent(query.token)}`,
          button: translate(locale, 'reports.unsub.button'),
        },
      }),
    };
  },
);
