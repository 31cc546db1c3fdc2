import { reportPreviewBodySchema } from '@cxl/shared/contracts/reports';
import { httpRoute } from '../lib/http';
import { assertReportsAccess } from '../reports/access';
import { buildReportContent } from '../reports/build';
import { inlineImages } from '../reports/html';
import { assertKnownBu } from '../reports/validate';

/** POST /api/reports/preview: a report for unsaved settings (type, unit, language, cadence) as HTML. */
export const handler = httpRoute(
  'post-report-preview',
  { body: reportPreviewBodySchema },
  async ({ user, body }) => {
    assertReportsAccess(user);
    await assertKnownBu(body.bu);
    const r = await buildReportContent({
      reportType: body.reportType,
      bu: body.bu,
      locale: body.locale,
      every: body.cadence.every,
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
  },
);
