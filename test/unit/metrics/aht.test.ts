import { describe, expect, it } from 'vitest';
import {
  aht,
  ahtFromSums,
  handleTime,
  medianHandleTime,
  tMeanInterval,
  type HandleTimes,
} from '../../../shared/src/metrics';

const contacts = (times: readonly number[]): HandleTimes[] =>
  times.map((t) => ({ talkS: t - 60, holdS: 20, acwS: 40 }));

describe('ahtFromSums', () => {
  it.each([
    [{ talkS: 24_000, holdS: 3_000, acwS: 3_000, handled: 100 }, 300],
    [{ talkS: 500, holdS: 0, acwS: 100, handled: 4 }, 150],
  ])('divides Σtalk + Σhold + ΣACW by handled contacts (%j → %f s)', (sums, value) => {
    expect(ahtFromSums(sums).value).toBe(value);
  });

  it('has no interval without the sum of squares, and the t interval with it', () => {
    const times = [200, 250, 300, 350, 400, 280, 320, 310, 290, 300];
    const list = contacts(times);
    const sums = {
      talkS: list.reduce((s, c) => s + c.talkS, 0),
      holdS: list.reduce((s, c) => s + c.holdS, 0),
      acwS: list.reduce((s, c) => s + c.acwS, 0),
      handled: list.length,
    };
    expect(ahtFromSums(sums)).toMatchObject({ value: 300, low: null, high: null });
    const withSq = ahtFromSums({ ...sums, handleSqS: times.reduce((s, t) => s + t * t, 0) });
    const t = tMeanInterval(times);
    expect(withSq.low).toBeCloseTo(t.low ?? NaN, 9);
    expect(withSq.high).toBeCloseTo(t.high ?? NaN, 9);
  });

  it('returns NO_ELIGIBLE_CONTACTS with no handled contacts', () => {
    expect(ahtFromSums({ talkS: 0, holdS: 0, acwS: 0, handled: 0 })).toMatchObject({
      status: 'no-data',
      reason: 'NO_ELIGIBLE_CONTACTS',
    });
  });
});

describe('aht', () => {
  it('equals the ratio of sums and carries a t interval', () => {
    const times = Array.from({ length: 40 }, (_, i) => 200 + 5 * i);
    const r = aht(contacts(times));
    expect(r.value).toBeCloseTo(times.reduce((a, b) => a + b, 0) / 40, 9);
    const t = tMeanInterval(times);
    expect(r.low).toBeCloseTo(t.low ?? NaN, 9);
    expect(r.high).toBeCloseTo(t.high ?? NaN, 9);
    expect(r.badge).toBeUndefined();
  });

  it('shows n < 30 with a badge and no interval for a single contact', () => {
    expect(aht(contacts([300, 360]))).toMatchObject({ value: 330, status: 'ok', badge: 'low-precision' });
    expect(aht(contacts([300]))).toMatchObject({ value: 300, low: null, high: null });
  });

  it('returns NO_ELIGIBLE_CONTACTS for no contacts', () => {
    expect(aht([])).toMatchObject({ status: 'no-data', reason: 'NO_ELIGIBLE_CONTACTS' });
  });

  it('rejects negative components', () => {
    expect(() => handleTime({ talkS: -1, holdS: 0, acwS: 0 })).toThrow(RangeError);
  });
});

describe('medianHandleTime', () => {
  it('takes the nearest-rank median with an order-statistic interval', () => {
    const r = medianHandleTime(contacts([100, 1000, 200, 900, 300, 800, 400, 700, 500, 600]));
    expect(r).toMatchObject({ value: 500, low: 100, high: 1000, n: 10, badge: 'low-precision' });
  });

  it('resists an outlier that moves the AHT', () => {
    const base = Array.from({ length: 39 }, () => 300);
    expect(medianHandleTime(contacts([...base, 30_000])).value).toBe(300);
    expect(aht(contacts([...base, 30_000])).value ?? 0).toBeGreaterThan(1000);
  });

  it('returns NO_ELIGIBLE_CONTACTS for no contacts', () => {
    expect(medianHandleTime([])).toMatchObject({ status: 'no-data', reason: 'NO_ELIGIBLE_CONTACTS' });
  });
});
