import { whatIfBodySchema } from '@cxl/shared/contracts/linkage';
import { projectWhatIf, type WhatIfBasis } from '@cxl/shared/linkage/what-if';
import { NotFoundError, ValidationError } from '../lib/errors';
import { httpRoute } from '../lib/http';
import { stampOf } from '../repositories/analytics-views';
import { modelViewItems } from '../repositories/model-views';

/**
 * POST /api/what-if: levers on FRT, detractor share and FCR projected through the fitted churn hazard
 * model (12-month churn, revenue and CoPE changes with P10–P90). Reads the what-if basis materialized
 * by the analytics phase (no panel is rebuilt per request); 409 while that phase is running.
 */
export const handler = httpRoute('post-what-if', { body: whatIfBodySchema }, async ({ body }) => {
  const items = await modelViewItems('VIEW#what-if');
  const head = items.find((i) => i.sk === 'BASIS');
  if (!head) throw new NotFoundError('No what-if basis yet: it is computed after the first data upload.');
  const basis = head.result as Omit<WhatIfBasis, 'cells'>;
  if (body.bu !== 'ALL' && !basis.units.some((u) => u.bu === body.bu)) {
    const known = ['ALL', ...basis.units.map((u) => u.bu)].join(', ');
    throw new ValidationError('The request body is not valid.', [
      { path: 'bu', message: `unknown business unit ${body.bu}; use one of ${known}` },
    ]);
  }
  const cells = items
    .filter((i) => i.sk.startsWith('CELLS#') && (body.bu === 'ALL' || i.sk === `CELLS#${body.bu}`))
    .flatMap((i) => i.cells as number[][]);
  const result = projectWhatIf({ ...basis, cells }, body.levers, body.bu);
  return { body: { ...result, ...stampOf(head), draws: basis.draws.length, seed: basis.seed } };
});
