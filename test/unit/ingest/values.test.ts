import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KIND_SPECS, mapHeader, RowError } from '@cxl/shared/contracts/inputs';
import { CellError, parseAmount, parseMoney, parseMonth } from '@cxl/shared/contracts/values';

const comma = { decimal: ',' as const, declared: true };

describe('amounts in messy files', () => {
  it.each([
    ['1,234.50', 1234.5],
    ['$1,234.50', 1234.5],
    ['¥1,234', 1234],
    ['￥1,234', 1234],
    ['１，２３４．５０', 1234.5],
    ['1,234元', 1234],
    ['1 234.50', 1234.5],
    ["1'234.50", 1234.5],
    ['(12)', -12],
    ['($12.00)', -12],
    ['-$12', -12],
    ['$-12', -12],
    ['12-', -12],
    ['1,234.50-', -1234.5],
    ['+7', 7],
    ['USD 99', 99],
    ['99 usd', 99],
    ['-0', 0],
  ])('reads %s as %d (decimal point)', (raw, v) => {
    expect(parseAmount(raw)).toBe(v);
  });

  it.each([
    ['€1.234,50', 1234.5],
    ['1.234,50 €', 1234.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['(1.234,50)', -1234.5],
    ['1,234', 1.234],
    ['1.234', 1234],
  ])('reads %s as %d with a declared decimal comma', (raw, v) => {
    expect(parseAmount(raw, comma)).toBe(v);
  });

  it('reads 1,234 differently with and without a declared decimal comma', () => {
    expect(parseAmount('1,234')).toBe(1234);
    expect(parseAmount('1,234', comma)).toBe(1.234);
  });

  it.each(['1.234,50', '12,34', '1,23.4', '--12', '(-12)', '-12-', '12 34 56.7.8', '$€12', 'abc', '1e5', ''])(
    'refuses %j with a reason (decimal point)',
    (raw) => {
      expect(() => parseAmount(raw)).toThrow(CellError);
    },
  );

  it.each(['1,234.50', '1.234.567,8,9'])('refuses %j with a declared decimal comma', (raw) => {
    expect(() => parseAmount(raw, comma)).toThrow(CellError);
  });

  it('asks to declare the separator for money written 1.234 (1.234 or 1234?), never guessing', () => {
    expect(() => parseMoney('1.234')).toThrow(
      /ambiguous: with a decimal point it is 1.234, with a thousands point 1234/,
    );
    expect(() => parseMoney('-12.500')).toThrow(/ambiguous/);
    expect(parseMoney('1.234', { decimal: '.', declared: true }).amount).toBe(1.234);
    expect(parseMoney('1.234', comma).amount).toBe(1234);
    expect(parseMoney('1234.567').amount).toBe(1234.567);
    expect(parseMoney('1.23').amount).toBe(1.23);
  });

  it('refuses money too large to keep to the cent', () => {
    expect(parseMoney('90,071,992,547,409.91').amount).toBe(90071992547409.91);
    expect(() => parseMoney('900719925474099.00')).toThrow(/too large to keep to the cent/);
    expect(() => parseMoney(`1${'0'.repeat(400)}`)).toThrow(/not a finite number/);
  });

  it('names the currencies a marker allows', () => {
    expect(parseMoney('€5').currencies).toEqual(['EUR']);
    expect(parseMoney('¥5').currencies).toEqual(['JPY', 'CNY']);
    expect(parseMoney('5 CHF').currencies).toEqual(['CHF']);
    expect(parseMoney('US$5 USD').currencies).toEqual(['USD']);
    expect(parseMoney('5').currencies).toBeNull();
    expect(() => parseMoney('€5 USD')).toThrow(/disagree/);
  });

  it('round-trips any cent amount written with thousands separators and either negative form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e11, max: 1e11 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('.', ','),
        (cents, group, parens, dec) => {
          const abs = Math.abs(cents);
          const whole = String(Math.floor(abs / 100));
          const frac = String(abs % 100).padStart(2, '0');
          const sep = dec === '.' ? ',' : '.';
          const grouped = group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep) : whole;
          const body = `${grouped}${dec}${frac}`;
          const raw = cents < 0 ? (parens ? `(${body})` : `-${body}`) : body;
          const v = parseAmount(raw, { decimal: dec, declared: true });
          expect(Math.round(v * 100)).toBe(cents === 0 ? 0 : cents);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('months in messy files', () => {
  it.each([
    ['2024-03', '2024-03'],
    ['2024/3', '2024-03'],
    ['2024.03', '2024-03'],
    ['2024-03-01 00:00:00', '2024-03'],
    ['2024-03-15T10:00:00Z', '2024-03'],
    ['202403', '2024-03'],
    ['2024M03', '2024-03'],
    ['2024m3', '2024-03'],
    ['Mar 2024', '2024-03'],
    ['March, 2024', '2024-03'],
    ['Mar-2024', '2024-03'],
    ['2024 Mar', '2024-03'],
    ['Sept 2024', '2024-09'],
    ['2024年3月', '2024-03'],
    ['2024年03月份', '2024-03'],
    ['2024年3月15日', '2024-03'],
    ['２０２４年３月', '2024-03'],
    ['45352', '2024-03'],
    ['45352.75', '2024-03'],
  ])('reads %s as %s', (raw, month) => {
    expect(parseMonth(raw)).toBe(month);
  });

  it.each([
    ['03/2024', /ambiguous: the order of day, month and year/],
    ['3/1/2024', /ambiguous/],
    ['01.03.2024', /ambiguous/],
    ['Mar-24', /ambiguous: a two-digit number after a month name/],
    ['2024-13', /not a valid month/],
    ['202413', /not a month/],
    ['2024-03-45', /not a valid date/],
    ['Foo 2024', /not a month name/],
    ['12', /not a month/],
  ])('refuses %s: %s', (raw, reason) => {
    expect(() => parseMonth(raw)).toThrow(reason);
  });
});

describe('header aliases in English and Chinese', () => {
  it.each([
    [
      'revenue',
      ['客户代码', '会计期间', '营业收入', '币别'],
      { customer_id: 0, month: 1, revenue: 2, currency: 3 },
    ],
    [
      'revenue',
      ['Customer No', 'Fiscal Period', 'Revenue Amount', 'Currency Code', 'BU ID'],
      {
        customer_id: 0,
        month: 1,
        revenue: 2,
        currency: 3,
        bu: 4,
      },
    ],
    [
      'customers',
      ['客户编号', '事业部', '起始月份', '国家/地区'],
      { customer_id: 0, bu: 1, start_month: 2, country: 3 },
    ],
    ['fx-rates', ['月份', '币种', '汇率'], { month: 0, currency: 1, rate: 2 }],
    [
      'revenue',
      ['ＣＵＳＴＯＭＥＲ＿ＩＤ', 'ＭＯＮＴＨ', 'ＲＥＶＥＮＵＥ'],
      { customer_id: 0, month: 1, revenue: 2 },
    ],
  ] as const)('maps a %s header %j', (kind, header, indexOf) => {
    const m = mapHeader(kind, header);
    expect(m.missing).toEqual([]);
    expect(m.indexOf).toEqual(indexOf);
  });
});

describe('revenue rows', () => {
  const parse = (
    cells: Record<string, string>,
    fmt: { decimal: '.' | ','; declared?: boolean } = { decimal: '.' },
  ) => KIND_SPECS.revenue.parse(cells, fmt);

  it('takes the currency from an unambiguous marker when the currency column is empty', () => {
    expect(parse({ customer_id: 'A', month: '2024-03', revenue: '€1.234,50' }, comma)).toMatchObject({
      amountMinor: 123450,
      currency: 'EUR',
    });
    expect(parse({ customer_id: 'A', month: '2024-03', revenue: '$12' }).currency).toBeNull();
  });

  it('refuses an amount whose marker contradicts the currency column', () => {
    expect(() => parse({ customer_id: 'A', month: '2024-03', revenue: '€12', currency: 'USD' })).toThrow(
      RowError,
    );
    expect(() => parse({ customer_id: 'A', month: '2024-03', revenue: '€12', currency: 'USD' })).toThrow(
      /marked as EUR but the currency column says USD/,
    );
    expect(parse({ customer_id: 'A', month: '2024-03', revenue: '¥12', currency: 'CNY' }).currency).toBe(
      'CNY',
    );
  });
});
