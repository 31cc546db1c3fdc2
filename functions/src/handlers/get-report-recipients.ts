import { httpRoute } from '../lib/http';
import { internalDomains } from '../reports/access';
import { listApproved } from '../repositories/reports';

/** GET /api/report-recipients: approved external recipients and the internal domains. */
export const handler = httpRoute('get-report-recipients', {}, async () => ({
  body: {
    recipients: (await listApproved()).sort((a, b) => a.email.localeCompare(b.email)),
    internalDomains: internalDomains(),
  },
}));
