import { describe, expect, it } from 'vitest';
import type { ContactRow, RelSurveyRow, TxnSurveyRow } from '@cxl/shared/contracts/inputs';
import { buildCustomerMonthPanel, NPS_CODE, revenueAt, type PanelRows } from '@cxl/shared/linkage/panel';
import { fitHazardModel } from '@cxl/shared/linkage/hazard';
import type { Facts } from '@cxl/shared/views/metric-views';

const ms = (iso: string) => Date.parse(iso);

function contact(
  id: string,
  customerId: string,
  channel: ContactRow['channel'],
  created: string,
  responseS: number | null,
  resolved: boolean | null,
  issueId: string | null = id,
): ContactRow & { scopeBu: string } {
  const createdMs = ms(created);
  return {
    contactId: id,
    issueId,
    customerId,
    channel,
    createdMs,
    firstResponseMs: responseS === null ? null : createdMs + responseS * 1000,
    talkS: null,
    holdS: null,
    acwS: null,
    resolved,
    team: null,
    scopeBu: customerId.startsWith('A') ? 'X' : 'Y',
  };
}

function txn(
  id: string,
  customerId: string,
  at: string,
  csat: number | null,
  ces: number | null,
): TxnSurveyRow & { scopeBu: string } {
  return {
    responseId: id,
    contactId: null,
    customerId,
    respondedMs: ms(at),
    csat,
    ces,
    resolvedReported: null,
    scopeBu: 'X',
  };
}

function rel(id: string, customerId: string, at: string, ltr: number): RelSurveyRow & { scopeBu: string } {
  return {
    responseId: id,
    customerId,
    respondedMs: ms(at),
    ltr,
    attrs: {},
    overallSatisfaction: null,
    scopeBu: 'X',
  };
}

/** Two customers over 2024-01 … 2024-06: A (BU X, billed in EUR, churns 2024-04), B (BU Y, starts 2024-02). */
function smallFacts(): Facts {
  const rev = (customerId: string, month: string, amount: number, currency: string | null) => ({
    customerId,
    month,
    amountMinor: Math.round(amount * 100),
    currency,
    bu: null,
    scopeBu: customerId.startsWith('A') ? 'X' : 'Y',
  });
  return {
    reportingCurrency: 'USD',
    customers: [
      {
        customerId: 'A1',
        bu: 'X',
        segment: null,
        startMonth: '2023-12',
        country: null,
        acquisitionChannel: null,
      },
      {
        customerId: 'B1',
        bu: 'Y',
        segment: null,
        startMonth: '2024-02',
        country: null,
        acquisitionChannel: null,
      },
    ],
    revenue: [
      rev('A1', '2024-01', 100, 'EUR'),
      rev('A1', '2024-02', 100, 'EUR'),
      rev('A1', '2024-04', 90, 'EUR'),
      rev('B1', '2024-02', 50, null),
      rev('B1', '2024-03', 55, null),
      rev('B1', '2024-04', 60, null),
      rev('B1', '2024-05', 60, null),
      rev('B1', '2024-06', 60, null),
    ],
    revenueCoverage: new Set(),
    fx: [
      { month: '2024-01', currency: 'EUR', rate: 1.1 },
      { month: '2024-02', currency: 'EUR', rate: 1.2 },
      { month: '2024-04', currency: 'EUR', rate: 1.0 },
    ],
    contacts: [
      // A: phone answered after 90 s (2× target), e-mail never answered (censored at the as-of instant).
      contact('c1', 'A1', 'phone', '2024-01-10T00:00:00Z', 90, true),
      contact('c2', 'A1', 'email', '2024-01-20T00:00:00Z', null, false),
      // Three unresolved issues in late February → capped at 2 for March.
      contact('c3', 'A1', 'chat', '2024-02-20T00:00:00Z', 30, false),
      contact('c4', 'A1', 'chat', '2024-02-21T00:00:00Z', 30, false),
      contact('c5', 'A1', 'chat', '2024-02-22T00:00:00Z', 30, false),
      // Same issue twice: counts once.
      contact('c6', 'B1', 'phone', '2024-04-05T00:00:00Z', 45, false, 'i9'),
      contact('c7', 'B1', 'phone', '2024-04-06T00:00:00Z', 45, false, 'i9'),
    ],
    txnSurveys: [
      txn('t1', 'A1', '2024-02-10T00:00:00Z', 4, 2),
      txn('t2', 'B1', '2024-04-10T00:00:00Z', 2, 6),
    ],
    relSurveys: [rel('r1', 'A1', '2024-01-15T00:00:00Z', 5), rel('r2', 'B1', '2024-03-15T00:00:00Z', 8)],
    churnEvents: [{ customerId: 'A1', churnMonth: '2024-04', reason: 'voluntary', winbackMonth: null }],
    cutoffMs: ms('2024-07-01T00:00:00Z'),
  };
}

function rowOf(rows: PanelRows, months: string[], ids: string[], id: string, month: string): number {
  for (let k = 0; k < rows.n; k++) {
    if (ids[rows.customer[k] ?? -1] === id && months[rows.month[k] ?? -1] === month) return k;
  }
  return -1;
}

describe('customer-month panel (methods §2.4)', () => {
  const facts = smallFacts();
  const panel = buildCustomerMonthPanel(facts);
  const at = (id: string, month: string) => rowOf(panel.rows, panel.months, panel.customerIds, id, month);

  it('has one row per customer active at the start of the month and y = 1 in the churn month', () => {
    expect(panel.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect(panel.rows.n).toBe(4 + 4);
    expect(at('A1', '2024-05')).toBe(-1);
    expect(panel.rows.y[at('A1', '2024-04')]).toBe(1);
    expect(panel.rows.y[at('A1', '2024-03')]).toBe(0);
    // B starts in 2024-02: first at risk in 2024-03.
    expect(at('B1', '2024-02')).toBe(-1);
    expect(at('B1', '2024-03')).toBeGreaterThanOrEqual(0);
    expect(panel.current.n).toBe(1);
    expect(panel.customerIds[panel.current.customer[0] ?? -1]).toBe('B1');
  });

  it('uses only events before the first instant of the month (no look-ahead)', () => {
    // The detractor response of 2024-01-15 is not known at the start of January.
    expect(panel.rows.nps[at('A1', '2024-01')]).toBe(NPS_CODE.none);
    expect(panel.rows.nps[at('A1', '2024-02')]).toBe(NPS_CODE.D);
    expect(panel.rows.nps[at('B1', '2024-04')]).toBe(NPS_CODE.N);
    expect(panel.rows.highEffort90[at('A1', '2024-02')]).toBe(0);
    expect(panel.rows.highEffort90[at('A1', '2024-03')]).toBe(1);
    expect(panel.rows.lowCsat90[at('B1', '2024-05')]).toBe(1);
    expect(panel.rows.lowCsat90[at('B1', '2024-04')]).toBe(0);
  });

  it('takes the median FRT ratio over 90 days with unanswered contacts censored at the as-of instant', () => {
    // As of 2024-02-01: phone 90 s / 45 s = 2; e-mail unanswered for 12 days = 1,036,800 s / 21,600 s = 48.
    const k = at('A1', '2024-02');
    expect(panel.rows.contacts90[k]).toBe(2);
    expect(panel.rows.frtLog2[k]).toBeCloseTo(Math.log2((2 + 48) / 2), 12);
    // No contact in the last 90 days → at target (0).
    expect(panel.rows.frtLog2[at('B1', '2024-03')]).toBe(0);
    expect(panel.rows.contacts90[at('B1', '2024-03')]).toBe(0);
  });

  it('counts distinct unresolved issues of the last 30 days, capped at 2', () => {
    expect(panel.rows.unresolved30[at('A1', '2024-03')]).toBe(2);
    // The e-mail of 2024-01-20 is 12 days before February and unresolved.
    expect(panel.rows.unresolved30[at('A1', '2024-02')]).toBe(1);
    expect(panel.rows.unresolved30[at('B1', '2024-05')]).toBe(1);
  });

  it('converts MRR of the previous month to the reporting currency, falling back when it is missing', () => {
    expect(revenueAt(panel, 0, 0)).toBeCloseTo(110, 9);
    expect(panel.rows.mrr[at('A1', '2024-02')]).toBeCloseTo(110, 9);
    expect(panel.rows.mrrImputed[at('A1', '2024-02')]).toBe(0);
    // 2024-03 missing → 2024-02's 120 USD is not there for April's row either: April uses February.
    expect(panel.rows.mrr[at('A1', '2024-04')]).toBeCloseTo(120, 9);
    expect(panel.rows.mrrImputed[at('A1', '2024-04')]).toBe(1);
    // First window month: no earlier revenue → the month's own revenue.
    expect(panel.rows.mrr[at('A1', '2024-01')]).toBeCloseTo(110, 9);
    expect(panel.rows.tenure[at('A1', '2024-01')]).toBe(1);
    expect(panel.rows.tenure[at('B1', '2024-06')]).toBe(4);
  });

  it('skips customers with inconsistent churn events and lists them', () => {
    const bad = {
      ...facts,
      churnEvents: [
        ...facts.churnEvents,
        { customerId: 'B1', churnMonth: '2023-01', reason: null, winbackMonth: null },
      ],
    };
    const p = buildCustomerMonthPanel(bad);
    expect(p.diagnostics.skippedCustomers.map((s) => s.customerId)).toEqual(['B1']);
    expect(p.rows.n).toBe(4);
  });

  it('returns an empty panel for empty facts and a hazard model that says why it cannot fit', () => {
    const empty: Facts = {
      ...facts,
      customers: [],
      revenue: [],
      contacts: [],
      txnSurveys: [],
      relSurveys: [],
      churnEvents: [],
    };
    const p = buildCustomerMonthPanel(empty);
    expect(p.rows.n).toBe(0);
    expect(p.months).toEqual([]);
    const m = fitHazardModel(panel);
    // Eight rows for eleven columns: not enough data, no estimates.
    expect(m.status).toBe('insufficient-data');
    expect(m.terms).toEqual([]);
  });
});
