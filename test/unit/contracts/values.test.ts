import { describe, expect, it } from 'vitest';
import {
  CellError,
  convertMinor,
  parseAmount,
  parseIntIn,
  parseMonth,
  parseTimestamp,
  parseYesNo,
  toMinor,
} from '@cxl/shared/contracts/values';
import { headerKey, KIND_SPECS, mapHeader } from '@cxl/shared/contracts/inputs';

describe('parseMonth', () => {
  it.each([
    ['2024-03', '2024-03'],
    ['2024/3', '2024-03'],
    ['2024-3-15', '2024-03'],
    ['Mar 2024', '2024-03'],
    ['March 2024', '2024-03'],
    ['2024年3月', '2024-03'],
    ['45352', '2024-03'], // Excel serial of 2024-03-01
    [' 2023-12 ', '2023-12'],
  ])('reads %s as %s', (raw, month) => {
    expect(parseMonth(raw)).toBe(month);
  });

  it.each(['03/2024', '2024-13', 'Foo 2024', '12', '2024', ''])('refuses %s with a reason', (raw) => {
    expect(() => parseMonth(raw)).toThrow(CellError);
  });
});

describe('parseAmount', () => {
  it.each([
    ['1234.50', 1234.5],
    ['"1,234.50"'.replaceAll('"', ''), 1234.5],
    ['$1,234.50', 1234.5],
    ['¥1,234', 1234],
    ['-12', -12],
    ['(12)', -12],
    ['(1,000.25)', -1000.25],
    ['EUR 99', 99],
  ])('reads %s as %d', (raw, v) => {
    expect(parseAmount(raw)).toBe(v);
  });

  it('reads a declared decimal comma', () => {
    expect(parseAmount('€1.234,50', { decimal: ',' })).toBe(1234.5);
    expect(parseAmount('1 234,5', { decimal: ',' })).toBe(1234.5);
  });

  it.each(['1,23.4', '12,34', '1.234,50', 'abc', '1e5', ''])('refuses the ambiguous or invalid %s', (raw) => {
    expect(() => parseAmount(raw)).toThrow(CellError);
  });
});

describe('money in minor units', () => {
  it('rounds to cents half away from zero', () => {
    expect(toMinor(1234.565)).toBe(123457);
    expect(toMinor(-0.005)).toBe(-1);
    expect(toMinor(19.99)).toBe(1999);
  });
  it('converts with the monthly rate and rounds once', () => {
    expect(convertMinor(123456, 1.0876)).toBe(134271);
    expect(convertMinor(-1000, 1.5)).toBe(-1500);
  });
});

describe('other cells', () => {
  it('accepts whole scale values and refuses non-integers and out-of-range values', () => {
    expect(parseIntIn('7', 0, 10)).toBe(7);
    expect(() => parseIntIn('7.5', 0, 10)).toThrow(/whole number/);
    expect(() => parseIntIn('11', 0, 10)).toThrow(/outside the scale 0–10/);
  });
  it('reads timestamps with offsets in UTC', () => {
    expect(parseTimestamp('2024-03-31T20:00:00-08:00')).toBe(Date.UTC(2024, 3, 1, 4));
    expect(parseTimestamp('2024-03-05 14:20')).toBe(Date.UTC(2024, 2, 5, 14, 20));
    expect(() => parseTimestamp('05/03/2024')).toThrow(CellError);
  });
  it('reads yes/no in English and Chinese', () => {
    expect(parseYesNo('Yes')).toBe(true);
    expect(parseYesNo('否')).toBe(false);
    expect(() => parseYesNo('maybe')).toThrow(CellError);
  });
});

describe('header mapping', () => {
  it('ignores case, spaces, underscores and dashes, and accepts aliases in English and Chinese', () => {
    expect(headerKey('Customer_ID')).toBe(headerKey('customer id'));
    const m = mapHeader('revenue', ['\uFEFF客户编号', 'Period', 'Amount', 'Currency']);
    expect(m.missing).toEqual([]);
    expect(m.indexOf).toEqual({ customer_id: 0, month: 1, revenue: 2, currency: 3 });
  });
  it('lists missing required columns', () => {
    expect(mapHeader('contacts', ['contact_id', 'customer_id']).missing).toEqual(['channel', 'created_at']);
  });
  it('parses a relationship survey row and rejects a non-integer LTR with the column', () => {
    const spec = KIND_SPECS['survey-relationship'];
    const ok = spec.parse(
      { response_id: 'r1', customer_id: 'c1', responded_at: '2024-01-02T00:00:00Z', ltr: '9' },
      { decimal: '.' },
    );
    expect(ok.ltr).toBe(9);
    expect(() =>
      spec.parse(
        { response_id: 'r1', customer_id: 'c1', responded_at: '2024-01-02T00:00:00Z', ltr: '7.5' },
        { decimal: '.' },
      ),
    ).toThrow(expect.objectContaining({ column: 'ltr', value: '7.5' }) as Error);
  });
});
