import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSUMPTIONS } from '@cxl/shared/linkage/assumptions';
import { initiativeImpact } from '@cxl/shared/linkage/did';
import { buildCustomerMonthPanel } from '@cxl/shared/linkage/panel';
import { companyFacts } from '../../support/company';

// T4 placebo arm: the no-initiative company. Three seeds at half scale keep CI time sane (the criterion is
// relative to the estimate's own SE, so it holds at any scale); a nightly script can run 20 full seeds.
describe('initiative DiD without an initiative (T4 placebo arm)', () => {
  it.each([2, 3, 4])('finds no churn effect beyond 2.6 SE on seed %i', (seed) => {
    const fx = companyFacts({ seed, scale: 0.5, initiative: false });
    expect(fx.company.groundTruth.E4.estimandForFiles.logRateRatio).toBe(0);
    const rec = fx.company.initiatives[0];
    if (!rec) throw new Error('the generator writes the initiative record');
    const panel = buildCustomerMonthPanel(fx.facts);
    const r = initiativeImpact(panel, fx.facts, rec, DEFAULT_ASSUMPTIONS, { bootstrap: 0 });
    expect(r.status).toBe('ok');
    const tau = r.logRateRatio;
    expect(Math.abs(tau?.value ?? Infinity)).toBeLessThanOrEqual(2.6 * (tau?.se ?? 0));
    // Without the programme, chat FRT does not move either.
    const chat = r.continuous.find((c) => c.outcome === 'frt' && c.channel === 'chat');
    expect(Math.abs(chat?.effect.value ?? Infinity)).toBeLessThan(10);
  });
});
