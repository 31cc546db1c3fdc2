import { z } from 'zod';
import { INPUT_KINDS } from '@cxl/shared/contracts/inputs';
import { templateCsv } from '@cxl/shared/contracts/templates';
import { ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { assertMayUseKind } from '../lib/upload-access';

const kindSchema = z.enum(INPUT_KINDS);

/** GET /api/templates/{kind}: a CSV template (header + example rows) to start a file from. */
export const handler = httpRoute('get-template', {}, ({ params, user }) => {
  const parsed = kindSchema.safeParse((params.kind ?? '').replace(/\.csv$/, ''));
  if (!parsed.success) {
    return Promise.reject(new ValidationError(`Unknown file kind; use one of ${INPUT_KINDS.join(', ')}.`));
  }
  assertMayUseKind(user, parsed.data);
  return Promise.resolve({
    body: templateCsv(parsed.data),
    raw: true,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="cx-ledger-${parsed.data}-template.csv"`,
    },
  });
});
