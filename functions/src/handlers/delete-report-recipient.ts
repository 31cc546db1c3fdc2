import { emailSchema } from '@cxl/shared/contracts/reports';
import { ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { assertAdmin } from '../reports/access';
import { deleteApproved } from '../repositories/reports';

/** DELETE /api/report-recipients/{email}: an admin withdraws an approval (existing subscriptions keep it until edited). */
export const handler = httpRoute('delete-report-recipient', {}, async ({ user, params }) => {
  assertAdmin(user);
  const e = emailSchema.safeParse(params.email ?? '');
  if (!e.success) throw new ValidationError('The path must end with an email address.');
  await deleteApproved(e.data);
  return { body: { email: e.data, deleted: true } };
});
