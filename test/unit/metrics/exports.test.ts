import { describe, expect, it } from 'vitest';
import * as viaIndex from '../../../shared/src/metrics';
import { npsFromCounts } from '@cxl/shared/metrics/nps';
import * as viaPackage from '@cxl/shared/metrics/index';

describe('metrics exports', () => {
  it('resolves modules through the package exports map', () => {
    expect(npsFromCounts({ promoters: 180, passives: 140, detractors: 80 }).value).toBe(25);
  });

  it.each([
    'zQuantile',
    'tQuantile',
    'normalCdf',
    'chiSquareCdf',
    'npsCategory',
    'npsFromCounts',
    'npsWaldSe',
    'npsWaldCi',
    'npsDifferenceTest',
    'npsSampleSize',
    'npsWeighted',
    'wilsonInterval',
    'proportionMetric',
    'csatT2B',
    'csatFromCounts',
    'csatBottom2',
    'meanSatisfaction',
    'isValidScale',
    'cesMean',
    'cesAgree',
    'cesDisagree',
    'isHighEffort',
    'kaplanMeier',
    'kmQuantile',
    'frtStats',
    'nearestRankPercentile',
    'ahtFromSums',
    'aht',
    'medianHandleTime',
    'annotateRepeats',
    'fcr7d',
    'repeatRate',
    'contactsPerResolution',
    'logoChurn',
    'customerRetentionRate',
    'revenueRetention',
    'annualizeChurn',
    'churnSpells',
    'isActiveAtEnd',
    'activeByRevenue',
    'churnFromRevenue',
    'clvInfinite',
    'clvFinite',
    'monthlyDiscountRate',
    'benjaminiHochberg',
    'noData',
  ])('exports %s as a function from the index', (name) => {
    expect(typeof (viaIndex as Record<string, unknown>)[name]).toBe('function');
    expect((viaPackage as Record<string, unknown>)[name]).toBe((viaIndex as Record<string, unknown>)[name]);
  });

  it('exports Z95', () => {
    expect(viaIndex.Z95).toBe(1.959963984540054);
  });
});
