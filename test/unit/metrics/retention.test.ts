import { describe, expect, it } from 'vitest';
import {
  activeByRevenue,
  annualizeChurn,
  churnedInMonth,
  churnFromRevenue,
  churnSpells,
  customerRetentionRate,
  isActiveAtEnd,
  logoChurn,
  revenueRetention,
  wilsonInterval,
  type MonthlyRevenue,
} from '../../../shared/src/metrics';

describe('logoChurn', () => {
  it('divides churned starters by customers active at the start, with a Wilson interval', () => {
    const r = logoChurn({ startActive: 400, churned: 12 });
    const ci = wilsonInterval(12, 400);
    expect(r).toMatchObject({ value: 3, n: 400, status: 'ok', low: 100 * ci.low, high: 100 * ci.high });
  });

  it.each([
    [
      { startActive: 0, churned: 0 },
      { status: 'no-data', reason: 'NO_ACTIVE_CUSTOMERS', value: null },
    ],
    [
      { startActive: 20, churned: 1 },
      { status: 'ok', value: 5, badge: 'low-precision' },
    ],
    [
      { startActive: 30, churned: 0 },
      { status: 'ok', value: 0 },
    ],
  ] as const)('applies the empty and small-S rules to %j', (input, expected) => {
    expect(logoChurn(input)).toMatchObject(expected);
  });

  it('marks a month inside the confirmation window provisional', () => {
    expect(logoChurn({ startActive: 100, churned: 4 }, { provisional: true })).toMatchObject({
      value: 4,
      status: 'provisional',
      reason: 'WINDOW_INCOMPLETE',
    });
  });

  it('rejects more churners than starters', () => {
    expect(() => logoChurn({ startActive: 3, churned: 4 })).toThrow(RangeError);
  });
});

describe('customerRetentionRate', () => {
  it.each([
    [{ startActive: 100, endActive: 110, newCustomers: 20 }, 90],
    [{ startActive: 200, endActive: 180, newCustomers: 0 }, 90],
    [{ startActive: 50, endActive: 60, newCustomers: 10 }, 100],
  ])('computes (E − N)/S for %j → %f %%', (input, value) => {
    const r = customerRetentionRate(input);
    expect(r.value).toBeCloseTo(value, 10);
    expect(r.low ?? 101).toBeLessThan(value);
  });

  it('returns NO_ACTIVE_CUSTOMERS for S = 0 and drops the interval for inconsistent inputs', () => {
    expect(customerRetentionRate({ startActive: 0, endActive: 5, newCustomers: 5 }).reason).toBe(
      'NO_ACTIVE_CUSTOMERS',
    );
    expect(customerRetentionRate({ startActive: 40, endActive: 50, newCustomers: 5 })).toMatchObject({
      value: 112.5,
      low: null,
      high: null,
    });
  });
});

describe('revenueRetention', () => {
  it.each([
    [
      [
        { startMinor: 100, endMinor: 120 },
        { startMinor: 200, endMinor: 150 },
        { startMinor: 300, endMinor: 0 },
      ],
      (250 / 600) * 100,
      45,
    ],
    [
      [
        { startMinor: 100_00, endMinor: 150_00 },
        { startMinor: 100_00, endMinor: 100_00 },
      ],
      100,
      125,
    ],
  ])('computes GRR = Σmin(end, start)/Σstart and NRR = Σend/Σstart (%#)', (pairs, grr, nrr) => {
    const r = revenueRetention(pairs);
    expect(r.grr.value).toBeCloseTo(grr, 9);
    expect(r.nrr.value).toBeCloseTo(nrr, 9);
    expect(r.grr).toMatchObject({ low: null, high: null, n: pairs.length, badge: 'low-precision' });
  });

  it('sums minor units exactly beyond 2^53', () => {
    const big = Number.MAX_SAFE_INTEGER;
    const pairs = [
      { startMinor: big, endMinor: big },
      { startMinor: big, endMinor: big - 1 },
      { startMinor: 2, endMinor: 3 },
    ];
    const r = revenueRetention(pairs);
    // Σend = Σstart exactly, so NRR is exactly 100; float sums would round the +1/−1 away differently.
    expect(r.nrr.value).toBe(100);
    expect(r.grr.value ?? 100).toBeLessThan(100);
  });

  it.each([[[]], [[{ startMinor: 0, endMinor: 500 }]]])('returns NO_ACTIVE_CUSTOMERS for %j', (pairs) => {
    const r = revenueRetention(pairs);
    expect(r.grr).toMatchObject({ status: 'no-data', reason: 'NO_ACTIVE_CUSTOMERS' });
    expect(r.nrr).toMatchObject({ status: 'no-data', reason: 'NO_ACTIVE_CUSTOMERS' });
  });

  it('rejects non-integer minor units', () => {
    expect(() => revenueRetention([{ startMinor: 1.5, endMinor: 2 }])).toThrow(RangeError);
  });
});

describe('annualizeChurn', () => {
  it.each([
    [Array.from({ length: 12 }, () => 2), 21.5],
    [[0, 0, 0], 0],
    [[50, 50], 75],
    [[100, 0], 100],
  ])('compounds %j → %f %%', (monthly, annual) => {
    expect(annualizeChurn(monthly)).toBeCloseTo(annual, 1);
  });

  it('never equals 12 × monthly churn', () => {
    expect(annualizeChurn(Array.from({ length: 12 }, () => 2)) ?? 24).toBeLessThan(24);
  });

  it('returns null for no months and rejects non-percentages', () => {
    expect(annualizeChurn([])).toBeNull();
    expect(() => annualizeChurn([120])).toThrow(RangeError);
  });
});

describe('churnSpells', () => {
  const spells = churnSpells('2024-01', [
    { churnMonth: '2024-10' },
    { churnMonth: '2024-05', winbackMonth: '2024-08' },
  ]);

  it('derives active spells with win-backs starting a new spell', () => {
    expect(spells).toEqual([
      { from: '2024-01', until: '2024-05' },
      { from: '2024-08', until: '2024-10' },
    ]);
  });

  it.each([
    ['2023-12', false],
    ['2024-01', true],
    ['2024-04', true],
    ['2024-05', false],
    ['2024-07', false],
    ['2024-08', true],
    ['2024-10', false],
    ['2025-03', false],
  ])('is active at the end of %s → %s', (month, active) => {
    expect(isActiveAtEnd(spells, month)).toBe(active);
  });

  it('records churn in the churn months only', () => {
    expect(churnedInMonth(spells, '2024-05')).toBe(true);
    expect(churnedInMonth(spells, '2024-10')).toBe(true);
    expect(churnedInMonth(spells, '2024-08')).toBe(false);
  });

  it('keeps an open spell without churn', () => {
    expect(churnSpells('2024-03', [])).toEqual([{ from: '2024-03', until: null }]);
  });

  it('rejects churn while already churned or before the start', () => {
    expect(() => churnSpells('2024-01', [{ churnMonth: '2024-03' }, { churnMonth: '2024-06' }])).toThrow(
      RangeError,
    );
    expect(() => churnSpells('2024-05', [{ churnMonth: '2024-03' }])).toThrow(RangeError);
  });
});

describe('activeByRevenue', () => {
  it.each([
    [100, true],
    [1, true],
    [0, false],
    [-500, false],
  ])('treats %i minor units as active → %s', (rev, active) => {
    expect(activeByRevenue(rev)).toBe(active);
  });
});

describe('churnFromRevenue', () => {
  const series = (start: number, ...values: number[]): MonthlyRevenue[] =>
    values.map((revenueMinor, i) => ({ month: `2024-${String(start + i).padStart(2, '0')}`, revenueMinor }));

  it.each([
    ['a one-month billing gap is not churn', series(1, 100, 0, 100, 100), []],
    [
      'two zero months confirm churn at the first',
      series(1, 100, 100, 0, 0, 0),
      [{ churnMonth: '2024-03', winbackMonth: null, provisional: false }],
    ],
    [
      'revenue after churn is a win-back',
      series(1, 100, 0, 0, 0, 250, 0, 0),
      [
        { churnMonth: '2024-02', winbackMonth: '2024-05', provisional: false },
        { churnMonth: '2024-06', winbackMonth: null, provisional: false },
      ],
    ],
    [
      'credits (negative revenue) do not keep a customer active',
      series(1, 100, -40, 0),
      [{ churnMonth: '2024-02', winbackMonth: null, provisional: false }],
    ],
    [
      'a zero last month is provisional churn',
      series(1, 100, 100, 0),
      [{ churnMonth: '2024-03', winbackMonth: null, provisional: true }],
    ],
    ['an inactive first month is not churn', series(1, 0, 0, 100), []],
  ])('%s', (_title, input, expected) => {
    expect(churnFromRevenue(input)).toEqual(expected);
  });

  it('treats missing months as zero revenue and extends the series to lastMonth', () => {
    const input = [{ month: '2024-01', revenueMinor: 100 }];
    expect(churnFromRevenue(input, 2, '2024-02')).toEqual([
      { churnMonth: '2024-02', winbackMonth: null, provisional: true },
    ]);
    expect(churnFromRevenue(input, 2, '2024-03')).toEqual([
      { churnMonth: '2024-02', winbackMonth: null, provisional: false },
    ]);
  });

  it('uses k consecutive zero months', () => {
    const input = series(1, 100, 0, 0, 100);
    expect(churnFromRevenue(input, 2)).toHaveLength(1);
    expect(churnFromRevenue(input, 3)).toHaveLength(0);
    expect(() => churnFromRevenue(input, 0)).toThrow(RangeError);
  });

  it('returns no events for no revenue rows', () => {
    expect(churnFromRevenue([])).toEqual([]);
  });
});
