/** The parts of the model-view responses the executive views read (the API sends more). */
export interface Ci {
  value: number | null;
  low: number | null;
  high: number | null;
  n?: number;
  status?: string;
}
export interface Money {
  value: number | null;
  p10: number | null;
  p50?: number | null;
  p90: number | null;
  n?: number;
  status?: string;
}
export interface Stamp {
  definitionVersion?: string;
  inputHash?: string;
  assumptionsVersion?: number;
  computedAt?: string;
  resamples?: number;
  seed?: number;
}

export type NpsSegment = 'promoter' | 'passive' | 'detractor' | 'not-surveyed';

export interface SegmentEconomics {
  segment: NpsSegment;
  customers: number;
  landmarks: number;
  churnRate: Ci;
  nrr: Ci;
  grr: Ci;
  arpuGrowth: Ci;
  monthlyChurn: Ci;
  contactsPerCustomerMonth: number | null;
  costToServePerMonth: number | null;
  marginPerMonth: Money;
  clv: Money;
}
export interface RiskRatio {
  status: string;
  value?: number;
  low?: number;
  high?: number;
  a: number;
  n1: number;
  c: number;
  n2: number;
}
export interface LinkageResponse extends Stamp {
  status: string;
  bu: string;
  windowMonths: number;
  asOf: string | null;
  landmarkMonths: { from: string; to: string } | null;
  currency: string;
  segments: SegmentEconomics[];
  valueGap: Money;
  clvRatio: Money;
  churnRatioDetractorToPromoter: RiskRatio;
  churnRatioPassiveToPromoter: RiskRatio;
  moveDetractors?: { share: number; target: string; detractors: number; value: Money };
  bootstrap?: { resamples: number; clusters: number };
}

export interface Range {
  p10: number;
  p50: number;
  p90: number;
  point?: number;
}
export interface CopeUnit extends Stamp {
  status: string;
  reason: string | null;
  bu: string;
  period: { label: string; from: string; to: string };
  currency: string;
  total: Range;
  components: (Range & { component: string; note: string | null })[];
  n: { customerMonths: number; churners: number; churnersWithPoorExperience: number; repeatContacts: number };
  draws?: number;
}

export interface RarResponse extends Stamp {
  status: string;
  reason: string | null;
  bu: string;
  asOf: string;
  currency: string;
  customers: number;
  total: Range;
  cxAttributable: Range;
  marginAtRisk?: Range;
  point: { total: number; cxAttributable: number; expectedChurners12: number };
  byBu?: { bu: string; customers: number; total: Range; cxAttributable: Range }[];
  topAccounts: {
    customerId: string;
    bu: string;
    mrr: number;
    churn12: number;
    revenueAtRisk: number;
    cxAttributable: number;
    signals: string[];
  }[];
  draws?: number;
}

export interface DriverRow {
  driver: string;
  correlation: {
    value: number;
    low: number;
    high: number;
    p: number;
    pAdjusted: number;
    significant: boolean;
  };
  share: { value: number; low: number; high: number };
  rank: number;
  top3Rate: number;
  performance: { value: number; low: number; high: number; n: number };
  quadrant: string;
}
export interface DriversResponse extends Stamp {
  bu: string;
  from: string;
  to: string;
  status: string;
  reason?: string;
  n: number;
  p: number;
  minN: number;
  method?: string;
  r2?: { value: number; low: number; high: number };
  drivers: DriverRow[];
}
