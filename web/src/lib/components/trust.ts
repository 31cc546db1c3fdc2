/** What a figure carries besides its value: the details shown by {@link Figure} on hover, focus or tap. */
export type FigureStatus = 'ok' | 'low-precision' | 'no-data' | 'too-few' | 'pending';

export type EvidenceClass = 'causal' | 'model-based' | 'associational' | 'benchmark' | 'assumption';

export interface FigureInterval {
  low: number;
  high: number;
  /** `ci95`: a 95 % confidence interval (metrics); `p10p90`: an 80 % range (money, projections). */
  kind: 'ci95' | 'p10p90';
}

export interface Trust {
  n?: number | null;
  /** Label of the unit n counts ("customers", "responses"), already translated. */
  nLabel?: string;
  interval?: FigureInterval | null;
  evidence?: EvidenceClass | null;
  definitionVersion?: string | null;
  /** Where the number comes from (endpoint, upload kinds, benchmark source), already translated. */
  source?: string | null;
  /** Glossary anchor of the metric's formula (`/glossary#<id>`). */
  glossaryId?: string | null;
  /** Minimum n for a value to be shown (for the "too few" text). */
  minN?: number | null;
  /** Free-text note (assumption, counterfactual), already translated. */
  note?: string | null;
}

/** The status of an API point: `status` strings of the views mapped to a figure state. */
export function figureStatus(
  value: number | null | undefined,
  apiStatus: string | null | undefined,
): FigureStatus {
  const s = (apiStatus ?? 'ok').toLowerCase();
  if (s === 'pending' || s === 'computing') return 'pending';
  if (['too-few', 'insufficient-data', 'suppressed', 'suppressed_small_n'].includes(s)) return 'too-few';
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no-data';
  if (s !== 'ok' && s !== 'low-precision' && s !== 'small-n') return 'no-data';
  if (s === 'low-precision' || s === 'small-n') return 'low-precision';
  return 'ok';
}
