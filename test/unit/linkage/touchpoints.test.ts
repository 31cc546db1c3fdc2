import { describe, expect, it } from 'vitest';
import {
  DEMO_TOUCHPOINTS,
  detractorExposure,
  efficiencyScore,
  impactDeciles,
  kpiAttainment,
  LIFECYCLE_STAGES,
  priorityFlag,
  priorityScore,
  touchpointMatrix,
  touchpointQuadrant,
  touchpointSchema,
  type Touchpoint,
} from '@cxl/shared/linkage/touchpoints';

const base: Touchpoint = {
  touchpointId: 'tp-x',
  touchpoint: 'X',
  lifecycleStage: 'use',
  operationalPurpose: 'resolve problem',
  cxRole: 'create loyalty',
  owner: 'Team',
  impact: 5,
  opEfficiency: 5,
  cxEfficiency: 5,
  volumePerMonth: 100,
  pctPromotersCreated: 10,
  pctDetractorsCreated: 10,
  competitorGap: '0',
  evidenceSource: 'workshop',
};
const tp = (over: Partial<Touchpoint>): Touchpoint => ({ ...base, ...over });

describe('touchpointSchema', () => {
  it('accepts the demo inventory and rejects out-of-range scores and unknown stages', () => {
    for (const t of DEMO_TOUCHPOINTS) expect(touchpointSchema.safeParse(t).success).toBe(true);
    expect(touchpointSchema.safeParse({ ...base, impact: 11 }).success).toBe(false);
    expect(touchpointSchema.safeParse({ ...base, cxEfficiency: 4.5 }).success).toBe(false);
    expect(touchpointSchema.safeParse({ ...base, lifecycleStage: 'churn' }).success).toBe(false);
    expect(touchpointSchema.safeParse({ ...base, pctDetractorsCreated: 120 }).success).toBe(false);
  });
});

describe('kpiAttainment and efficiencyScore', () => {
  it.each([
    [{ kpi: 'AHT', actual: 400, target: 300, direction: 'lower-is-better' as const }, 0.75],
    [{ kpi: 'AHT', actual: 250, target: 300, direction: 'lower-is-better' as const }, 1],
    [{ kpi: 'FRT', actual: 0, target: 60, direction: 'lower-is-better' as const }, 1],
    [{ kpi: 'FCR', actual: 0.63, target: 0.7, direction: 'higher-is-better' as const }, 0.9],
    [{ kpi: 'FCR', actual: 0.8, target: 0.7, direction: 'higher-is-better' as const }, 1],
  ])('attains %j → %f', (k, expected) => {
    expect(kpiAttainment(k)).toBeCloseTo(expected, 12);
  });

  it('scores 1 + round(9 × mean attainment): (0.75 + 0.9 + 0.5)/3 → 1 + round(6.45) = 7', () => {
    const s = efficiencyScore([
      { kpi: 'cost per contact', actual: 8, target: 6, direction: 'lower-is-better' },
      { kpi: 'FCR', actual: 0.63, target: 0.7, direction: 'higher-is-better' },
      { kpi: 'FRT', actual: 120, target: 60, direction: 'lower-is-better' },
    ]);
    expect(s.status === 'ok' && s.meanAttainment).toBeCloseTo(2.15 / 3, 12);
    expect(s.status === 'ok' && s.score).toBe(7);
  });

  it('scores 10 when every target is met and has no score without KPIs', () => {
    const s = efficiencyScore([{ kpi: 'AHT', actual: 200, target: 300, direction: 'lower-is-better' }]);
    expect(s.status === 'ok' && s.score).toBe(10);
    expect(efficiencyScore([]).status).toBe('no-data');
    expect(() => kpiAttainment({ kpi: 'x', actual: 1, target: 0, direction: 'higher-is-better' })).toThrow(
      RangeError,
    );
  });
});

describe('impactDeciles', () => {
  it('gives ceil(10 × share of values ≤ x): ten distinct values score 1…10', () => {
    expect(impactDeciles([0.05, 0.3, 0.1, 0.2, 0.15, 0.01, 0.5, 0.4, 0.25, 0.35])).toEqual([
      2, 7, 3, 5, 4, 1, 10, 9, 6, 8,
    ]);
  });

  it('shares a score among ties and starts at ceil(10/N) for a short list', () => {
    expect(impactDeciles([1, 1, 2, 3])).toEqual([5, 5, 8, 10]);
    expect(impactDeciles([])).toEqual([]);
  });

  it('ranks touchpoints by Bain-style exposure volume × % detractors', () => {
    const exposure = DEMO_TOUCHPOINTS.map(detractorExposure);
    const deciles = impactDeciles(exposure);
    const top = DEMO_TOUCHPOINTS[exposure.indexOf(Math.max(...exposure))];
    expect(deciles[exposure.indexOf(Math.max(...exposure))]).toBe(10);
    expect(top?.touchpointId).toBe('tp-website');
  });
});

describe('matrix and action rule', () => {
  it.each([
    [5.5, 5.5, 'Sustain'],
    [5, 6, 'Streamline'],
    [6, 5, 'Humanise'],
    [5, 5, 'Redesign'],
  ])('places op %f, cx %f in %s (split 5.5)', (op, cx, q) => {
    expect(touchpointQuadrant(op, cx)).toBe(q);
  });

  it.each([
    [{ impact: 8, opEfficiency: 5, cxEfficiency: 9 }, true, 40],
    [{ impact: 8, opEfficiency: 6, cxEfficiency: 6 }, false, 32],
    [{ impact: 7, opEfficiency: 2, cxEfficiency: 2 }, false, 56],
    [{ impact: 10, opEfficiency: 4, cxEfficiency: 3 }, true, 70],
  ])('flags %j → %s with priority impact × (10 − min(op, cx)) = %i', (t, flag, score) => {
    expect(priorityFlag(t)).toBe(flag);
    expect(priorityScore(t)).toBe(score);
  });

  it('ranks flagged touchpoints by score, then volume, then % detractors', () => {
    const inventory = [
      tp({ touchpointId: 'a', impact: 9, opEfficiency: 4, cxEfficiency: 8, volumePerMonth: 100 }), // 54
      tp({ touchpointId: 'b', impact: 9, opEfficiency: 8, cxEfficiency: 4, volumePerMonth: 300 }), // 54, more volume
      tp({ touchpointId: 'c', impact: 10, opEfficiency: 3, cxEfficiency: 9 }), // 70
      tp({
        touchpointId: 'd',
        impact: 9,
        opEfficiency: 4,
        cxEfficiency: 6,
        volumePerMonth: 100,
        pctDetractorsCreated: 30,
      }), // 54, same volume as a, more detractors
      tp({ touchpointId: 'e', impact: 6, opEfficiency: 1, cxEfficiency: 1 }), // not flagged
    ];
    const m = touchpointMatrix(inventory);
    expect(m.actions.map((a) => [a.touchpointId, a.rank, a.priorityScore])).toEqual([
      ['c', 1, 70],
      ['b', 2, 54],
      ['d', 3, 54],
      ['a', 4, 54],
    ]);
    expect(m.points.find((p) => p.touchpointId === 'e')?.quadrant).toBe('Redesign');
    expect(m.points.find((p) => p.touchpointId === 'b')?.action).toBe(
      'redesign the experience (effort, resolution)',
    );
  });

  it('covers all six lifecycle stages in the demo inventory and puts support chat first', () => {
    expect(new Set(DEMO_TOUCHPOINTS.map((t) => t.lifecycleStage))).toEqual(new Set(LIFECYCLE_STAGES));
    const m = touchpointMatrix(DEMO_TOUCHPOINTS);
    expect(m.actions[0]?.touchpointId).toBe('tp-chat');
    expect(touchpointMatrix([]).actions).toEqual([]);
  });
});
