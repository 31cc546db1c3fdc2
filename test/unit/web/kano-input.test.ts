import { describe, expect, it } from 'vitest';
import { KANO_EXAMPLE, parseKanoCounts } from '../../../web/src/lib/views/kano-input';

describe('Kano counts pasted in the touchpoints view', () => {
  it('evaluates the methods §4.2 worked example: category A, Better 0.84, Worse −0.36', () => {
    const r = parseKanoCounts(KANO_EXAMPLE);
    if (!r.ok) throw new Error('parse failed');
    expect(r.rows).toHaveLength(1);
    const e = r.rows[0]?.evaluation;
    if (e?.status !== 'ok') throw new Error('no evaluation');
    expect(e.category).toBe('A');
    expect(e.better).toBeCloseTo(82.1 / 97.9, 3);
    expect(e.worse).toBeCloseTo(-35.6 / 97.9, 3);
    expect(e.quadrant).toBe('attractive');
  });

  it('keeps a feature name with markup as plain text and accepts quoted commas', () => {
    const r = parseKanoCounts('"<img src=x onerror=alert(1)>, chat",1,2,3,4,0,0');
    expect(r.ok && r.rows[0]?.feature).toBe('<img src=x onerror=alert(1)>, chat');
  });

  it('names the line and the problem of a bad row', () => {
    expect(parseKanoCounts('feature,A,O,M,I,R,Q\nx,1,2,3\n')).toEqual({
      ok: false,
      line: 2,
      problem: { kind: 'columns', found: 4 },
    });
    expect(parseKanoCounts('x,1,2,three,4,0,0')).toEqual({
      ok: false,
      line: 1,
      problem: { kind: 'number', value: 'three' },
    });
    expect(parseKanoCounts('x,1,2,-3,4,0,0')).toMatchObject({
      ok: false,
      problem: { kind: 'number', value: '-3' },
    });
  });

  it('reports a feature without responses as no data, not as zeros', () => {
    const r = parseKanoCounts('y,0,0,0,0,0,0');
    expect(r.ok && r.rows[0]?.evaluation.status).toBe('no-data');
  });
});
