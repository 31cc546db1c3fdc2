import { describe, expect, it } from 'vitest';
import type { Cadence } from '@cxl/shared/contracts/reports';
import { cadenceSchema } from '@cxl/shared/contracts/reports';
import { nextRun, offsetAt, upcomingRuns, zonedTimeToUtc } from '@cxl/shared/reports/schedule';

const at = (iso: string) => Date.parse(iso);
const iso = (d: Date) => d.toISOString();

describe('next run of a monthly cadence', () => {
  const cases: { name: string; c: Cadence; after: string; expected: string }[] = [
    {
      name: 'runs later the same month when the day is still ahead',
      c: { every: 'month', day: 15, time: '07:30', timeZone: 'UTC' },
      after: '2026-01-10T00:00:00Z',
      expected: '2026-01-15T07:30:00.000Z',
    },
    {
      name: 'moves to next month once the time has passed',
      c: { every: 'month', day: 15, time: '07:30', timeZone: 'UTC' },
      after: '2026-01-15T07:30:00Z',
      expected: '2026-02-15T07:30:00.000Z',
    },
    {
      name: 'clamps day 31 to 30 April',
      c: { every: 'month', day: 31, time: '08:00', timeZone: 'UTC' },
      after: '2026-03-31T09:00:00Z',
      expected: '2026-04-30T08:00:00.000Z',
    },
    {
      name: 'clamps day 31 to 28 February in a common year',
      c: { every: 'month', day: 31, time: '08:00', timeZone: 'Europe/Berlin' },
      after: '2027-02-01T00:00:00Z',
      expected: '2027-02-28T07:00:00.000Z',
    },
    {
      name: 'clamps day 30 to 29 February in a leap year',
      c: { every: 'month', day: 30, time: '08:00', timeZone: 'Asia/Shanghai' },
      after: '2028-02-01T00:00:00Z',
      expected: '2028-02-29T00:00:00.000Z',
    },
    {
      name: 'returns to day 31 in a 31-day month after a clamped one',
      c: { every: 'month', day: 31, time: '08:00', timeZone: 'UTC' },
      after: '2026-04-30T08:00:00Z',
      expected: '2026-05-31T08:00:00.000Z',
    },
    {
      name: 'uses the local date, not the UTC date, near midnight (Auckland is UTC+13 in January)',
      c: { every: 'month', day: 1, time: '06:00', timeZone: 'Pacific/Auckland' },
      after: '2026-01-30T00:00:00Z',
      expected: '2026-01-31T17:00:00.000Z',
    },
    {
      name: 'handles a half-hour offset zone',
      c: { every: 'month', day: 1, time: '09:00', timeZone: 'Asia/Kolkata' },
      after: '2026-06-15T00:00:00Z',
      expected: '2026-07-01T03:30:00.000Z',
    },
  ];
  it.each(cases)('$name', ({ c, after, expected }) => {
    expect(iso(nextRun(c, at(after)))).toBe(expected);
  });
});

describe('DST transitions', () => {
  it('shifts a wall time inside the spring-forward gap forward by the gap (Berlin, 29 March 2026)', () => {
    // 02:00 CET → 03:00 CEST: 02:30 does not exist and becomes 03:30 CEST = 01:30 UTC.
    const c: Cadence = { every: 'month', day: 29, time: '02:30', timeZone: 'Europe/Berlin' };
    expect(iso(nextRun(c, at('2026-03-01T00:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    // The following month the wall time exists again at the summer offset.
    expect(iso(nextRun(c, at('2026-03-29T01:30:00Z')))).toBe('2026-04-29T00:30:00.000Z');
  });

  it('runs once, at the earlier instant, when the wall time repeats on the fall-back night (Berlin, 25 October 2026)', () => {
    const c: Cadence = { every: 'month', day: 25, time: '02:30', timeZone: 'Europe/Berlin' };
    const first = nextRun(c, at('2026-10-01T00:00:00Z'));
    expect(iso(first)).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    // The second 02:30 (CET, 01:30 UTC) is not another run: the next one is in November.
    expect(iso(nextRun(c, first.getTime()))).toBe('2026-11-25T01:30:00.000Z');
  });

  it('keeps a weekly report at 09:00 local across the US spring-forward change (New York, 8 March 2026)', () => {
    const c: Cadence = { every: 'week', day: 1, time: '09:00', timeZone: 'America/New_York' };
    const runs = upcomingRuns(c, at('2026-02-28T00:00:00Z'), 3).map(iso);
    expect(runs).toEqual([
      '2026-03-02T14:00:00.000Z', // EST, UTC−5
      '2026-03-09T13:00:00.000Z', // EDT, UTC−4
      '2026-03-16T13:00:00.000Z',
    ]);
  });

  it('keeps a weekly Sunday 01:30 report once on the US fall-back night (New York, 1 November 2026)', () => {
    const c: Cadence = { every: 'week', day: 7, time: '01:30', timeZone: 'America/New_York' };
    const runs = upcomingRuns(c, at('2026-10-30T00:00:00Z'), 2).map(iso);
    expect(runs).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-08T06:30:00.000Z']);
  });

  it('handles the southern hemisphere (Sydney leaves DST on 5 April 2026)', () => {
    const c: Cadence = { every: 'week', day: 1, time: '08:00', timeZone: 'Australia/Sydney' };
    const runs = upcomingRuns(c, at('2026-03-28T00:00:00Z'), 2).map(iso);
    expect(runs).toEqual(['2026-03-29T21:00:00.000Z', '2026-04-05T22:00:00.000Z']);
  });

  it('maps local wall time to UTC with the zone offsets in force', () => {
    expect(offsetAt(at('2026-07-01T12:00:00Z'), 'Europe/London')).toBe(3_600_000);
    expect(offsetAt(at('2026-01-01T12:00:00Z'), 'Europe/London')).toBe(0);
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 15 }, 'America/New_York')).toBe(
      at('2026-03-08T07:15:00Z'),
    );
  });
});

describe('quarterly cadence', () => {
  it('runs on the day of each quarter’s first month, clamped to the month end', () => {
    const c: Cadence = { every: 'quarter', day: 31, time: '06:00', timeZone: 'UTC' };
    const runs = upcomingRuns(c, at('2026-02-01T00:00:00Z'), 4).map(iso);
    expect(runs).toEqual([
      '2026-04-30T06:00:00.000Z',
      '2026-07-31T06:00:00.000Z',
      '2026-10-31T06:00:00.000Z',
      '2027-01-31T06:00:00.000Z',
    ]);
  });

  it('runs the same quarter when the day is still ahead', () => {
    const c: Cadence = { every: 'quarter', day: 2, time: '06:00', timeZone: 'Asia/Shanghai' };
    expect(iso(nextRun(c, at('2026-01-01T00:00:00Z')))).toBe('2026-01-01T22:00:00.000Z');
  });
});

describe('cadence validation', () => {
  it('refuses an unknown time zone, a bad time and a weekday above 7 with the field and the fix', () => {
    const r = cadenceSchema.safeParse({ every: 'week', day: 9, time: '7:5', timeZone: 'Mars/Olympus' });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['day', 'time', 'timeZone']);
    const w = cadenceSchema.safeParse({ every: 'week', day: 9, time: '07:05', timeZone: 'UTC' });
    expect(w.error?.issues[0]?.message).toMatch(/ISO weekday/);
  });
});
