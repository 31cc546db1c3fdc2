import { approvedRecipientInputSchema } from '@cxl/shared/contracts/reports';
import { httpRoute } from '../lib/http';
import { assertAdmin } from '../reports/access';
import { putApproved } from '../repositories/reports';

/** POST /api/report-recipients: an admin approves an external address (idempotent). */
export const handler = httpRoute(
  'post-report-recipients',
  { body: approvedRecipientInputSchema },
  async ({ user, body }) => {
    assertAdmin(user);
    const r = await putApproved({
      email: body.email,
      approvedBy: user?.email ?? '',
      approvedAt: new Date().toISOString(),
      ...(body.note ? { note: body.note } : {}),
    });
    return { status: 201, body: r };
  },
);
