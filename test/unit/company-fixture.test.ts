import { describe, expect, it } from 'vitest';
import { buildMetricViews } from '@cxl/shared/views/metric-views';
import { companyFacts } from '../support/company';

describe('company fixture', () => {
  it('parses the generated files like ingestion and reproduces the ledger logo churn of ground truth', () => {
    const { facts, company } = companyFacts({ seed: 3, scale: 0.2 });
    expect(facts.customers.length).toBeGreaterThan(5000);
    expect(facts.revenueCoverage.has('CON#2024-06')).toBe(false);
    const views = buildMetricViews(facts);
    const churn = views.series.find((s) => s.metric === 'churn' && s.bu === 'SMB' && s.grain === 'month');
    const truth = company.groundTruth.E6.ledger.SMB['2024-03'];
    const point = churn?.points.find((p) => p.period === '2024-03');
    expect(Math.abs((point?.value ?? NaN) / 100 - (truth?.logoChurn ?? NaN))).toBeLessThan(1e-9);
  });
});
