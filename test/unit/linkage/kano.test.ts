import { describe, expect, it } from 'vitest';
import {
  classifyKano,
  evaluateKano,
  KANO_ANSWERS,
  kanoCounts,
  kanoQuadrant,
  type KanoAnswer,
  type KanoClass,
} from '@cxl/shared/linkage/kano';

describe('classifyKano', () => {
  const table: [KanoAnswer, KanoClass[]][] = [
    ['like', ['Q', 'A', 'A', 'A', 'O']],
    ['must-be', ['R', 'I', 'I', 'I', 'M']],
    ['neutral', ['R', 'I', 'I', 'I', 'M']],
    ['live-with', ['R', 'I', 'I', 'I', 'M']],
    ['dislike', ['R', 'R', 'R', 'R', 'Q']],
  ];
  it.each(table)('maps functional "%s" across the dysfunctional answers to %j', (functional, row) => {
    expect(KANO_ANSWERS.map((d) => classifyKano(functional, d))).toEqual(row);
  });

  it('counts each class over respondents', () => {
    const counts = kanoCounts([
      { functional: 'like', dysfunctional: 'dislike' },
      { functional: 'like', dysfunctional: 'neutral' },
      { functional: 'neutral', dysfunctional: 'dislike' },
      { functional: 'like', dysfunctional: 'like' },
      { functional: 'like', dysfunctional: 'dislike' },
    ]);
    expect(counts).toEqual({ A: 1, O: 2, M: 1, I: 0, R: 0, Q: 1 });
  });
});

describe('evaluateKano', () => {
  it('reproduces the electric cable reel: category A, Better 0.84, Worse −0.36 (A+O+M+I denominator)', () => {
    const e = evaluateKano({ A: 53.9, O: 28.2, M: 7.4, I: 8.4, R: 0.3, Q: 1.8 });
    if (e.status !== 'ok') throw new Error('expected ok');
    expect(e.category).toBe('A');
    expect(e.better).toBeCloseTo(82.1 / 97.9, 12);
    expect(e.better?.toFixed(2)).toBe('0.84');
    expect(e.worse).toBeCloseTo(-35.6 / 97.9, 12);
    expect(e.worse?.toFixed(2)).toBe('-0.36');
    expect(e.questionableFlag).toBe(false);
    expect(e.quadrant).toBe('attractive');
  });

  it('reports "mixed (X/Y)" when the top two categories are within 2 percentage points', () => {
    const e = evaluateKano({ A: 30, O: 31, M: 20, I: 19, R: 0, Q: 0 });
    expect(e.status === 'ok' && e.category).toBe('mixed (O/A)');
    expect(e.status === 'ok' && e.forcedCategory).toBe('O');
    const apart = evaluateKano({ A: 30, O: 33, M: 20, I: 17, R: 0, Q: 0 });
    expect(apart.status === 'ok' && apart.category).toBe('O');
  });

  it('orders an exact tie by M > O > A > I', () => {
    const e = evaluateKano({ A: 40, O: 10, M: 40, I: 10, R: 0, Q: 0 });
    expect(e.status === 'ok' && e.category).toBe('mixed (M/A)');
    expect(e.status === 'ok' && e.forcedCategory).toBe('M');
  });

  it('flags questionable answers above 10 % and leaves Q out of the coefficients', () => {
    const e = evaluateKano({ A: 10, O: 20, M: 30, I: 20, R: 0, Q: 20 });
    if (e.status !== 'ok') throw new Error('expected ok');
    expect(e.questionableFlag).toBe(true);
    expect(e.better).toBeCloseTo(30 / 80, 12);
    expect(e.worse).toBeCloseTo(-50 / 80, 12);
    expect(e.quadrant).toBe('must-be');
  });

  it('has no coefficients when every answer is reverse or questionable, and no data without answers', () => {
    const e = evaluateKano({ A: 0, O: 0, M: 0, I: 0, R: 3, Q: 1 });
    expect(e.status === 'ok' && [e.better, e.worse, e.quadrant]).toEqual([null, null, null]);
    expect(evaluateKano({ A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 }).status).toBe('no-data');
    expect(() => evaluateKano({ A: -1, O: 0, M: 0, I: 0, R: 0, Q: 0 })).toThrow(RangeError);
  });
});

describe('kanoQuadrant', () => {
  it.each([
    [0.6, -0.6, 'one-dimensional'],
    [0.5, -0.49, 'attractive'],
    [0.49, -0.5, 'must-be'],
    [0.2, -0.1, 'indifferent'],
  ])('places Better %f, Worse %f in %s (split at 0.5)', (better, worse, q) => {
    expect(kanoQuadrant(better, worse)).toBe(q);
  });
});
