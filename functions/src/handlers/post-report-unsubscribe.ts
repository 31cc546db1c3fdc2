import { z } from 'zod';
import { translate } from '@cxl/shared/i18n/catalogue';
import { httpRoute } from '../lib/http';
import { unsubscribePage } from '../reports/unsubscribe-page';
import { verifyUnsubscribeToken } from '../reports/tokens';
import { addUnsubscribed, findSubscription } from '../repositories/reports';

const html = { 'Content-Type': 'text/html; charset=utf-8' };

/**
 * POST /api/reports/unsubscribe?token: removes the token's recipient from the subscription (public;
 * RFC 8058 one-click from mail clients and the confirmation page's button). Idempotent: repeating it
 * answers the same and changes nothing.
 */
export const handler = httpRoute(
  'post-report-unsubscribe',
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
    const existed = await addUnsubscribed(claim.subscriptionId, claim.email);
    const s = existed ? await findSubscription(claim.subscriptionId) : null;
    const locale = s?.locale ?? 'en';
    const message = s
      ? translate(locale, 'reports.unsub.done', { email: claim.email, name: s.name })
      : translate(locale, 'reports.unsub.gone');
    return { raw: true, headers: html, body: unsubscribePage(locale, { message }) };
  },
);
