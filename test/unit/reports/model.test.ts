import { describe, expect, it } from 'vitest';
import { buildReport, previousPeriod, reportPeriod, type ReportInput } from '@cxl/shared/reports/model';

function input(over: Partial<ReportInput> = {}): ReportInput {
  const pt = (period: string, value: number | null, hw: number, n: number, status = 'ok') => ({
    period,
    value,
    low: value === null ? null : value - hw,
    high: value === null ? null : value + hw,
    n,
    status,
  });
  return {
    reportType: 'executive-summary',
    bu: 'ENT',
    locale: 'en',
    every: 'month',
    generatedAt: '2025-01-02T07:00:00.000Z',
    dashboardUrl: 'http://x/?bu=ENT',
    currency: 'USD',
    businessUnits: [
      { id: 'ENT', name: 'Enterprise' },
      { id: 'SMB', name: 'SMB' },
    ],
    lastMonth: '2024-12',
    dataAsOf: '2024-12-31T00:00:00Z',
    definitionVersion: 'v1',
    series: {
      ENT: [
        {
          metric: 'nps',
          bu: 'ENT',
          unit: 'points',
          points: [pt('2024-11', 20, 4, 400), pt('2024-12', 35, 4, 410)],
        },
        {
          metric: 'csat',
          bu: 'ENT',
          unit: 'percent',
          points: [pt('2024-11', 80, 2, 900), pt('2024-12', 81, 2, 950)],
        },
        { metric: 'fcr', bu: 'ENT', unit: 'percent', points: [pt('2024-12', null, 0, 12, 'suppressed')] },
        {
          metric: 'churn',
          bu: 'ENT',
          unit: 'percent',
          points: [pt('2024-11', 1.0, 0.1, 3000), pt('2024-12', 1.6, 0.1, 3000)],
        },
      ],
      SMB: [{ metric: 'nps', bu: 'SMB', unit: 'points', points: [pt('2024-12', 22, 3, 700)] }],
    },
    cope: {
      ENT: {
        bu: 'ENT',
        status: 'ok',
        reason: null,
        period: { label: 'trailing-12', from: '2024-01', to: '2024-12' },
        total: { p10: 800_000, p50: 1_000_000, p90: 1_300_000 },
        components: [
          { component: 'churn', p10: 700_000, p50: 900_000, p90: 1_200_000, note: null },
          { component: 'compensation', p10: 0, p50: 0, p90: 0, note: 'no GL tags uploaded' },
        ],
        n: { customerMonths: 36_000, churners: 400 },
      },
    },
    revenueAtRisk: 'pending',
    initiatives: [],
    drivers: null,
    touchpoints: [],
    benchmarks: [
      {
        metric: 'nps',
        value: 30,
        label: 'B2B software',
        source: 'XM Institute',
        year: '2023',
        grade: 'C',
        comparable: false,
      },
    ],
    targets: [{ metric: 'nps', bu: 'ENT', value: 35 }],
    ...over,
  };
}

describe('report content', () => {
  it('carries n and the interval with every headline value, and compares with the previous period', () => {
    const m = buildReport(input());
    const nps = m.headlines.find((h) => h.metric === 'nps');
    expect(nps?.current).toMatchObject({ state: 'ok', text: '+35', n: 410 });
    expect(nps?.current.detail).toBe('95% interval +31 to +39 · n = 410');
    // +15 with a combined half-width √(4² + 4²) ≈ 5.7: a clear improvement for a higher-is-better metric.
    expect(nps?.delta).toEqual({ tone: 'better', text: '+15 pts (± 6)' });
    expect(nps?.target).toBe('+35');
    expect(nps?.benchmark).toBe('+30 (XM Institute, 2023)');
    expect(nps?.benchmarkNote).toBe('B2B software · different method: context only · unverified');
    // Churn up 0.6 pp with ± 0.14: worse (lower is better).
    expect(m.headlines.find((h) => h.metric === 'churn')?.delta?.tone).toBe('worse');
    // CSAT +1 with ± 2.8: within noise.
    expect(m.headlines.find((h) => h.metric === 'csat')?.delta?.tone).toBe('unclear');
  });

  it('says "too few" or "no data" instead of a number', () => {
    const m = buildReport(input());
    const fcr = m.headlines.find((h) => h.metric === 'fcr');
    expect(fcr?.current).toMatchObject({ state: 'too-few', value: null, text: 'Too few' });
    expect(fcr?.current.detail).toBe('Too few responses to report (n = 12)');
    expect(m.headlines.find((h) => h.metric === 'nrr')?.current).toMatchObject({
      state: 'no-data',
      text: 'No data',
    });
    expect(fcr?.delta).toBeNull();
    expect(m.revenueAtRisk.state).toBe('pending');
    const comp = m.cope.rows.find((r) => r.label === 'Compensation');
    expect(comp).toMatchObject({ range: null, text: 'No data' });
    const empty = buildReport(input({ lastMonth: null, series: {}, cope: {}, revenueAtRisk: null }));
    expect(empty.hasData).toBe(false);
    expect(empty.narrative).toEqual([
      'No data has been loaded for this scope yet, so this report has no figures.',
    ]);
    expect(empty.headlines.every((h) => h.current.text === 'No data')).toBe(true);
  });

  it('ranks the units on NPS and assembles the same narrative from the same data', () => {
    const a = buildReport(input());
    expect(a.ranking?.rows.map((r) => [r.name, r.rank])).toEqual([
      ['Enterprise', 1],
      ['SMB', 2],
    ]);
    expect(a.narrative).toEqual([
      'NPS for Enterprise is +35, up +15 pts (± 6) on the previous period — a change larger than its uncertainty.',
      'Clearly worse than last period: Monthly churn.',
      'Enterprise leads the business units on NPS at +35.',
      'Poor experience cost an estimated $1M over the last 12 months (P10–P90 $800K to $1.3M).',
    ]);
    expect(buildReport(input()).narrative).toEqual(a.narrative);
    const zh = buildReport(input({ locale: 'zh-CN' }));
    expect(zh.narrative[0]).toBe(
      'Enterprise的净推荐值 NPS为 +35，较上期上升 +15 分 (± 6)，变化超出其不确定性。',
    );
  });

  it('labels periods by cadence', () => {
    expect(reportPeriod('quarter', '2024-11')).toBe('2024-Q4');
    expect(reportPeriod('week', '2024-11')).toBe('2024-11');
    expect(previousPeriod('2024-Q1')).toBe('2023-Q4');
    expect(previousPeriod('2024-01')).toBe('2023-12');
  });
});
