import { isMonth } from '@cxl/shared/month';
import { ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { lockPeriod } from '../repositories/periods';

/** POST /api/periods/{month}/lock: refuses further uploads into the month (idempotent). */
export const handler = httpRoute('post-period-lock', {}, async ({ params, user }) => {
  const month = params.month ?? '';
  if (!isMonth(month)) throw new ValidationError('The month must be YYYY-MM, e.g. 2024-03.');
  return { body: await lockPeriod(month, user?.email ?? 'unknown') };
});
