import { isMonth } from '@cxl/shared/month';
import { NotFoundError, ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { unlockPeriod } from '../repositories/periods';

/** DELETE /api/periods/{month}/lock: allows uploads into the month again. */
export const handler = httpRoute('delete-period-lock', {}, async ({ params }) => {
  const month = params.month ?? '';
  if (!isMonth(month)) throw new ValidationError('The month must be YYYY-MM, e.g. 2024-03.');
  if (!(await unlockPeriod(month))) throw new NotFoundError(`${month} is not locked.`);
  return { status: 200, body: { month, locked: false } };
});
