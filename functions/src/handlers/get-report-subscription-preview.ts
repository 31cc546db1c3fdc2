import { httpRoute } from '../lib/http';
import { assertCanManage, assertReportsAccess } from '../reports/access';
import { buildReportContent } from '../reports/build';
import { inlineImages } from '../reports/html';
import { findSubscription } from '../repositories/reports';

/** GET /api/report-subscriptions/{id}/preview: the report as it would be sent now (HTML, images inline). */
export const handler = httpRoute('get-report-subscription-preview', {}, async ({ user, params }) => {
  const u = assertReportsAccess(user);
  const s = assertCanManage(u, await findSubscription(params.id ?? ''));
  const r = await buildReportContent({
    reportType: s.reportType,
    bu: s.bu,
    locale: s.locale,
    every: s.cadence.every,
    format: 'html',
  });
  return {
    body: inlineImages(r.html, r.charts),
    raw: true,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'X-Report-Subject': encodeURIComponent(r.subject),
    },
  };
});
