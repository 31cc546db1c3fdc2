import { describe, expect, it } from 'vitest';
import type { ContactRow, CustomerRow, RelSurveyRow, RevenueRow } from '@cxl/shared/contracts/inputs';
import {
  buildLinkageIndex,
  churnRatios,
  katzRiskRatio,
  loyaltySegments,
  segmentCohortRetention,
  type LinkageAssumptions,
} from '@cxl/shared/linkage/segments';
import { clvFinite } from '@cxl/shared/metrics/clv';
import type { Facts } from '@cxl/shared/views/metric-views';

const BU = 'X';
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
const customer = (id: string): CustomerRow => ({
  customerId: id,
  bu: BU,
  segment: null,
  startMonth: '2023-01',
  country: null,
  acquisitionChannel: null,
});
const rev = (id: string, month: string, amount: number, currency: string | null = null) => ({
  customerId: id,
  month,
  amountMinor: Math.round(amount * 100),
  currency,
  bu: null,
  scopeBu: BU,
});
const survey = (id: string, month: string, ltr: number): RelSurveyRow & { scopeBu: string } => ({
  responseId: `${id}-${month}`,
  customerId: id,
  respondedMs: Date.parse(`${month}-10T12:00:00Z`),
  ltr,
  attrs: {},
  overallSatisfaction: null,
  scopeBu: BU,
});
const contact = (
  id: string,
  month: string,
  channel: ContactRow['channel'],
): ContactRow & { scopeBu: string } => ({
  contactId: `${id}-${month}-${channel}`,
  issueId: null,
  customerId: id,
  channel,
  createdMs: Date.parse(`${month}-15T09:00:00Z`),
  firstResponseMs: null,
  talkS: null,
  holdS: null,
  acwS: null,
  resolved: null,
  team: null,
  scopeBu: BU,
});
const each = (id: string, amount: number, months: string[]) => months.map((m) => rev(id, m, amount));

/**
 * Hand-worked company, data 2024-01 … 2024-05, window 3 months (landmarks in Jan and Feb):
 * promoters c1, c7, c8 (Jan; $100/month, never churn) and c2 (Feb; $200 Feb–Apr, churns in Apr);
 * detractors c3 (Jan; $50 Jan–Feb, churns in Feb) and c4 (Feb; $80, $100 in May);
 * passive c5 (Jan; €100 at 1.1, €120 at 1.2 from Apr); c6 never surveyed ($30/month).
 */
function workedFacts(): Facts {
  const revenue: (RevenueRow & { scopeBu: string })[] = [
    ...each('c1', 100, MONTHS),
    ...each('c7', 100, MONTHS),
    ...each('c8', 100, MONTHS),
    ...each('c2', 200, ['2024-02', '2024-03', '2024-04']),
    ...each('c3', 50, ['2024-01', '2024-02']),
    ...each('c4', 80, ['2024-01', '2024-02', '2024-03', '2024-04']),
    rev('c4', '2024-05', 100),
    ...['2024-01', '2024-02', '2024-03'].map((m) => rev('c5', m, 100, 'EUR')),
    ...['2024-04', '2024-05'].map((m) => rev('c5', m, 120, 'EUR')),
    ...each('c6', 30, MONTHS),
  ];
  return {
    reportingCurrency: 'USD',
    customers: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'].map(customer),
    revenue,
    revenueCoverage: new Set(MONTHS.map((m) => `${BU}#${m}`)),
    fx: MONTHS.map((m, k) => ({ month: m, currency: 'EUR', rate: k < 3 ? 1.1 : 1.2 })),
    contacts: [contact('c1', '2024-03', 'phone')],
    txnSurveys: [],
    relSurveys: [
      survey('c1', '2024-01', 10),
      survey('c7', '2024-01', 9),
      survey('c8', '2024-01', 9),
      survey('c2', '2024-02', 9),
      survey('c3', '2024-01', 3),
      survey('c4', '2024-02', 6),
      survey('c5', '2024-01', 8),
    ],
    churnEvents: [
      { customerId: 'c2', churnMonth: '2024-04', reason: 'voluntary', winbackMonth: null },
      { customerId: 'c3', churnMonth: '2024-02', reason: 'voluntary', winbackMonth: null },
    ],
    cutoffMs: Date.parse('2024-06-01T00:00:00Z'),
  };
}

const ASSUMPTIONS: LinkageAssumptions = {
  marginByBu: { X: 0.5 },
  costPerContact: { phone: 8, chat: 5, email: 4 },
  annualDiscountRate: 0,
  horizonMonths: 24,
};

describe('katzRiskRatio', () => {
  it('computes RR = (a/n₁)/(c/n₂) with SE(log RR) = √(1/a − 1/n₁ + 1/c − 1/n₂)', () => {
    const rr = katzRiskRatio(30, 100, 15, 150);
    if (rr.status !== 'ok') throw new Error('expected ok');
    expect(rr.value).toBeCloseTo(3, 12);
    const se = Math.sqrt(1 / 30 - 1 / 100 + 1 / 15 - 1 / 150);
    expect(rr.seLog).toBeCloseTo(se, 12);
    expect(rr.low).toBeCloseTo(3 * Math.exp(-1.959963984540054 * se), 10);
    expect(rr.high).toBeCloseTo(3 * Math.exp(1.959963984540054 * se), 10);
    const wide = katzRiskRatio(30, 100, 15, 150, 0.99);
    expect(wide.status === 'ok' && wide.low).toBeLessThan(rr.low);
  });

  it('has explicit statuses for empty groups and zero events', () => {
    expect(katzRiskRatio(0, 0, 3, 10).status).toBe('no-data');
    expect(katzRiskRatio(0, 10, 3, 10).status).toBe('no-events');
    expect(() => katzRiskRatio(11, 10, 3, 10)).toThrow(RangeError);
  });
});

describe('loyalty segments on a hand-worked company', () => {
  const index = buildLinkageIndex(workedFacts());
  const res = loyaltySegments(index, ASSUMPTIONS, {
    windowMonths: 3,
    resamples: 200,
    minLandmarks: 1,
    moveDetractors: { share: 0.1, target: 'promoter' },
  });
  const seg = (name: string) => {
    const s = res.segments.find((x) => x.segment === name);
    if (!s) throw new Error(name);
    return s;
  };

  it('places landmarks in Jan and Feb (t + 3 ≤ May) and counts not-surveyed customers at the quarter start', () => {
    expect(res.landmarkMonths).toEqual({ from: '2024-01', to: '2024-02' });
    expect([seg('promoter').landmarks, seg('passive').landmarks, seg('detractor').landmarks]).toEqual([
      4, 1, 2,
    ]);
    // Jan 2024: c2, c4 (first response in Feb) and c6 had no response in the 12 months up to January.
    expect(seg('not-surveyed').landmarks).toBe(3);
    expect(seg('not-surveyed').churnRate.value).toBeCloseTo(1 / 3, 12);
  });

  it('computes churn, NRR, GRR and ARPU growth as ratios of sums', () => {
    const p = seg('promoter');
    expect(p.churnRate.value).toBeCloseTo(1 / 4, 12);
    expect(p.nrr.value).toBeCloseTo(30000 / 50000, 12);
    expect(p.grr.value).toBeCloseTo(30000 / 50000, 12);
    expect(p.arpuGrowth.value).toBeCloseTo(0, 12);
    const d = seg('detractor');
    expect(d.churnRate.value).toBeCloseTo(1 / 2, 12);
    expect(d.nrr.value).toBeCloseTo(10000 / 13000, 12);
    expect(d.grr.value).toBeCloseTo(8000 / 13000, 12);
    expect(d.arpuGrowth.value).toBeCloseTo(0.25, 12);
    // Passive c5 in EUR: 100 × 1.1 = $110 at the start, 120 × 1.2 = $144 three months later.
    const n = seg('passive');
    expect(n.nrr.value).toBeCloseTo(14400 / 11000, 12);
    expect(n.grr.value).toBe(1);
  });

  it('computes the hazard, cost-to-serve, margin and CLV = m·r/(1 + i − r)', () => {
    const p = seg('promoter');
    // At-risk months: c1, c7, c8 3 each; c2 Mar + Apr (churns in Apr) = 11 with 1 churn.
    expect(p.monthlyChurn.n).toBe(11);
    expect(p.monthlyChurn.value).toBeCloseTo(1 / 11, 12);
    expect(p.contactsPerCustomerMonth).toBeCloseTo(1 / 11, 12);
    expect(p.costToServePerMonth).toBeCloseTo(8 / 11, 12);
    // Revenue in at-risk months: 3 × $300 + $400 = $1,300 × 0.5 margin over 11 months, minus $8 of contacts.
    const m = (650 - 8) / 11;
    expect(p.marginPerMonth.value).toBeCloseTo(m, 10);
    expect(p.clv.value).toBeCloseTo((m * (10 / 11)) / (1 / 11), 8);
    expect(p.clvFinite.value).toBeCloseTo(
      clvFinite({ margin: m, retention: 10 / 11, discountRate: 0, horizon: 24 }),
      8,
    );
    const d = seg('detractor');
    expect(d.marginPerMonth.value).toBeCloseTo(155 / 4, 10);
    expect(d.clv.value).toBeCloseTo((38.75 * 0.75) / 0.25, 8);
  });

  it('derives the value gap, the CLV ratio and the labelled detractor scenario', () => {
    const cp = (((650 - 8) / 11) * (10 / 11)) / (1 / 11);
    const cd = 116.25;
    expect(res.valueGap.value).toBeCloseTo(cp - cd, 8);
    expect(res.clvRatio.value).toBeCloseTo(cp / cd, 10);
    expect(res.valueGap.p10).not.toBeNull();
    expect((res.valueGap.p10 ?? Infinity) <= (res.valueGap.p90 ?? -Infinity)).toBe(true);
    // One detractor (c4) is active in May: 10 % of one customer × (CLV_P − CLV_D).
    expect(res.moveDetractors.detractors).toBe(1);
    expect(res.moveDetractors.value.value).toBeCloseTo(0.1 * (cp - cd), 8);
    expect(res.moveDetractors.evidenceClass).toBe('associational upper bound');
    const rr = res.churnRatioDetractorToPromoter;
    expect(rr.status === 'ok' && rr.value).toBeCloseTo(2, 12);
    expect(rr.status === 'ok' && rr.seLog).toBeCloseTo(Math.sqrt(1 - 1 / 2 + 1 - 1 / 4), 12);
  });

  it('reports a segment without churn as FORMULA_INVALID for the infinite horizon, not as NaN or infinity', () => {
    const n = seg('passive');
    expect(n.clv.status).toBe('no-data');
    expect(n.clv.reason).toBe('NO_CHURN_OBSERVED');
    // r = 1 and i = 0: CLV_24 = 24 × m, m = 0.5 × ($110 + $110 + $144)/3.
    expect(n.clvFinite.value).toBeCloseTo(24 * ((0.5 * (110 + 110 + 144)) / 3), 8);
    const toPassive = loyaltySegments(index, ASSUMPTIONS, {
      windowMonths: 3,
      resamples: 20,
      minLandmarks: 1,
    });
    expect(toPassive.moveDetractors.value.status).toBe('no-data');
    expect(JSON.stringify(toPassive)).not.toMatch(/NaN|Infinity/);
  });

  it('suppresses money below the minimum landmarks and badges the rates', () => {
    const gated = loyaltySegments(index, ASSUMPTIONS, { windowMonths: 3, resamples: 20 });
    const p = gated.segments.find((s) => s.segment === 'promoter');
    expect(p?.clv.status).toBe('suppressed');
    expect(p?.churnRate.badge).toBe('low-precision');
    expect(gated.valueGap.status).toBe('no-data');
  });

  it('is no-data when the window does not fit the data, and lists missing assumptions', () => {
    const none = loyaltySegments(index, ASSUMPTIONS, { windowMonths: 12, resamples: 10 });
    expect(none.status).toBe('no-data');
    expect(none.landmarkMonths).toBeNull();
    const gaps = loyaltySegments(
      index,
      { ...ASSUMPTIONS, marginByBu: {}, costPerContact: {} },
      {
        windowMonths: 3,
        resamples: 10,
      },
    );
    expect(gaps.assumptionGaps).toEqual(['costPerContact.phone', 'marginByBu.X']);
  });

  it('drops revenue figures of a BU-month without finance coverage but keeps churn', () => {
    const facts = workedFacts();
    const partial = buildLinkageIndex({
      ...facts,
      revenueCoverage: new Set([...facts.revenueCoverage].filter((k) => k !== 'X#2024-04')),
    });
    const r = loyaltySegments(partial, ASSUMPTIONS, { windowMonths: 3, resamples: 10, minLandmarks: 1 });
    const p = r.segments.find((s) => s.segment === 'promoter');
    // Jan landmarks end in April (uncovered): only c2 (Feb → May) stays in the revenue cohort.
    expect(p?.nrr.n).toBe(1);
    expect(p?.nrr.value).toBe(0);
    expect(p?.churnRate.value).toBeCloseTo(1 / 4, 12);
  });

  it('reproduces the churn counts in the 3-month ratio and the calendar-cohort form', () => {
    const ratios = churnRatios(index, { windowMonths: 3 });
    expect(ratios.counts).toEqual({
      promoter: { landmarks: 4, churned: 1 },
      passive: { landmarks: 1, churned: 0 },
      detractor: { landmarks: 2, churned: 1 },
    });
    expect(ratios.passiveToPromoter.status).toBe('no-events');
    const cohort = segmentCohortRetention(index, { startMonth: '2024-02', windowMonths: 3 });
    // Revenue > 0 in Feb: c1, c7, c8 (P, Jan response), c2 (P), c3 (D), c4 (D), c5 (N), c6 (not surveyed).
    expect(cohort.segments.promoter.customers).toBe(4);
    expect(cohort.segments.promoter.churned).toBe(1);
    // c3 churned in February itself, before the window Mar … May.
    expect(cohort.segments.detractor.customers).toBe(2);
    expect(cohort.segments.detractor.churned).toBe(0);
    expect(cohort.segments.promoter.nrr).toBeCloseTo(30000 / 50000, 12);
    expect(cohort.incomplete).toBe(false);
  });
});
