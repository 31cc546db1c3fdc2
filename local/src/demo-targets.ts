import type { TargetEntry } from '@cxl/shared/benchmarks/compare';

/**
 * The demo company's targets (what its CX manager would set): stretch goals a little beyond each BU's
 * recent level, churn per month and per quarter, in each metric's unit.
 */
export const DEMO_TARGETS: TargetEntry[] = [
  { metric: 'nps', bu: 'ALL', value: 25 },
  { metric: 'nps', bu: 'ENT', value: 40 },
  { metric: 'nps', bu: 'SMB', value: 25 },
  { metric: 'nps', bu: 'CON', value: 12 },
  { metric: 'csat', bu: 'ALL', value: 82 },
  { metric: 'csat', bu: 'ENT', value: 86 },
  { metric: 'ces', bu: 'ALL', value: 5.6 },
  { metric: 'fcr', bu: 'ALL', value: 78 },
  { metric: 'churn', bu: 'ALL', grain: 'month', value: 1.5 },
  { metric: 'churn', bu: 'ALL', grain: 'quarter', value: 4.5 },
  { metric: 'churn', bu: 'ENT', grain: 'quarter', value: 2 },
  { metric: 'churn', bu: 'SMB', grain: 'quarter', value: 3.5 },
  { metric: 'churn', bu: 'CON', grain: 'quarter', value: 7.5 },
  { metric: 'nrr', bu: 'ALL', value: 100 },
  { metric: 'nrr', bu: 'CON', value: 80 },
  { metric: 'grr', bu: 'ALL', value: 90 },
  { metric: 'aht', bu: 'ALL', channel: 'phone', value: 360 },
];
