import { describe, expect, it } from 'vitest';
import { addMonths, monthOfEpochMs } from '@cxl/shared/month';
import {
  buildMetricViews,
  type Facts,
  type MetricPoint,
  type MetricSeries,
} from '@cxl/shared/views/metric-views';
import { companyFacts } from '../../support/company';

const { facts: base } = companyFacts({ seed: 42, scale: 0.05 });
const full0 = buildMetricViews(base);
const last = full0.lastMonth ?? '';

const seriesKey = (s: MetricSeries) => `${s.bu}|${s.grain}|${s.metric}|${s.channel ?? ''}`;

/** The stored views after an incremental run: the old series with the rebuilt points put in by period. */
function merge(old: readonly MetricSeries[], partial: readonly MetricSeries[]): Map<string, MetricPoint[]> {
  const out = new Map(old.map((s) => [seriesKey(s), s.points]));
  for (const s of partial) {
    const fresh = new Map(s.points.map((p) => [p.period, p]));
    const points = out.get(seriesKey(s));
    if (!points) throw new Error(`partial series without a stored one: ${seriesKey(s)}`);
    out.set(
      seriesKey(s),
      points.map((p) => fresh.get(p.period) ?? p),
    );
  }
  return out;
}

function check(changed: Facts): { rebuiltPoints: number; levels: Set<string> } {
  const inc = buildMetricViews(changed, { previous: full0.fingerprints });
  const full = buildMetricViews(changed);
  expect(inc.partial).toBe(true);
  expect(full.partial).toBe(false);
  expect(inc.fingerprints).toEqual(full.fingerprints);
  const merged = merge(full0.series, inc.series);
  const expected = new Map(full.series.map((s) => [seriesKey(s), s.points]));
  expect(merged.size).toBe(expected.size);
  for (const [k, points] of expected) expect(merged.get(k), k).toEqual(points);
  return {
    rebuiltPoints: inc.series.reduce((n, s) => n + s.points.length, 0),
    levels: new Set(inc.series.map((s) => s.bu)),
  };
}
const allPoints = full0.series.reduce((n, s) => n + s.points.length, 0);
const [BU_A = '', BU_B = ''] = full0.businessUnits;

describe('incremental metric views (only the points whose inputs changed) equal a full rebuild', () => {
  it('builds nothing when nothing changed', () => {
    const inc = buildMetricViews(base, { previous: full0.fingerprints });
    expect(inc.partial).toBe(true);
    expect(inc.series).toEqual([]);
  });

  it('a revenue correction of one BU-month rebuilds that BU and ALL: the month, its quarter and year, and the GRR/NRR periods 1 and 12 months on', () => {
    const m = addMonths(last, -13);
    const r = check({
      ...base,
      revenue: base.revenue.map((x) =>
        x.scopeBu === BU_A && x.month === m ? { ...x, amountMinor: x.amountMinor + 1234 } : x,
      ),
    });
    expect(r.levels).toEqual(new Set([BU_A, 'ALL']));
    expect(r.rebuiltPoints).toBeGreaterThan(0);
    expect(r.rebuiltPoints).toBeLessThan(allPoints / 4);
  });

  it('a corrected customers file that moves a customer to another BU and start month', () => {
    const moved = base.customers.find((c) => c.bu === BU_A && c.startMonth > (full0.firstMonth ?? ''));
    if (!moved) throw new Error('fixture has no customer to move');
    const r = check({
      ...base,
      customers: base.customers.map((c) =>
        c === moved ? { ...c, bu: BU_B, startMonth: addMonths(c.startMonth, -2) } : c,
      ),
    });
    expect(r.levels).toEqual(new Set([BU_A, BU_B, 'ALL']));
  });

  it('a new churn event (and its win-back) changes every later period of that BU', () => {
    const c = base.customers.find(
      (x) => x.bu === BU_B && !base.churnEvents.some((e) => e.customerId === x.customerId),
    );
    if (!c) throw new Error('fixture has no unchurned customer');
    check({
      ...base,
      churnEvents: [
        ...base.churnEvents,
        {
          customerId: c.customerId,
          churnMonth: addMonths(last, -6),
          reason: 'voluntary',
          winbackMonth: addMonths(last, -2),
        },
      ],
    });
  });

  it('contacts removed from one month (repeat-contact windows reach into the month before)', () => {
    const m = addMonths(last, -4);
    const r = check({
      ...base,
      contacts: base.contacts.filter((c, i) => !(monthOfEpochMs(c.createdMs) === m && i % 3 === 0)),
    });
    expect(r.rebuiltPoints).toBeLessThan(allPoints / 2);
  });

  it('relationship scores, transactional surveys and an FX rate corrected', () => {
    const m = addMonths(last, -8);
    check({
      ...base,
      relSurveys: base.relSurveys.map((s, i) =>
        monthOfEpochMs(s.respondedMs) === m && i % 2 === 0 ? { ...s, ltr: 10 - s.ltr } : s,
      ),
      txnSurveys: base.txnSurveys.filter((s) => monthOfEpochMs(s.respondedMs) !== m),
      fx: base.fx.map((x, i) => (i === 0 ? { ...x, rate: x.rate * 1.1 } : x)),
    });
  });

  it('falls back to a full build when the calendar changes', () => {
    const inc = buildMetricViews(
      {
        ...base,
        revenue: base.revenue.filter((r) => r.month !== full0.firstMonth),
        contacts: base.contacts.filter((c) => monthOfEpochMs(c.createdMs) !== full0.firstMonth),
        relSurveys: base.relSurveys.filter((c) => monthOfEpochMs(c.respondedMs) !== full0.firstMonth),
        txnSurveys: base.txnSurveys.filter((c) => monthOfEpochMs(c.respondedMs) !== full0.firstMonth),
      },
      { previous: full0.fingerprints },
    );
    expect(inc.partial).toBe(false);
    expect(inc.series.length).toBe(full0.series.length);
  });
});
