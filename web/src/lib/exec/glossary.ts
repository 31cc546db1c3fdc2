/**
 * The glossary: every metric's formula as methods.md defines it (formulas are language-neutral;
 * names and explanations are messages `glossary.<id>.name` / `glossary.<id>.body`). Figures link
 * here with `/glossary#<id>`.
 */
export interface GlossaryEntry {
  id: string;
  /** methods.md section the formula comes from. */
  section: string;
  formula: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'nps',
    section: '§1.1',
    formula:
      'NPS = 100 × (nP − nD) / n\nn′ = n + 3, p′ = (nP + 0.75)/n′, d′ = (nD + 0.75)/n′\nSE′ = √([p′ + d′ − (p′ − d′)²] / n′);  CI = 100 × ((p′ − d′) ± 1.96 × SE′)',
  },
  {
    id: 'csat',
    section: '§1.2',
    formula: 'CSAT % = 100 × n(4, 5) / n\nCI = (p̂ + z²/2n ± z √(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)',
  },
  { id: 'ces', section: '§1.3', formula: 'CES = Σ xᵢ / n\nCI = x̄ ± t(n−1) × s/√n' },
  {
    id: 'frt',
    section: '§1.4',
    formula: 'median_KM = min{t : Ŝ(t) ≤ 0.5}',
  },
  {
    id: 'fcr',
    section: '§1.6',
    formula: 'FCR₇ = (E − R₇) / E',
  },
  {
    id: 'churn',
    section: '§1.7',
    formula: 'churn_t = C_t / S_t\nannual churn = 1 − Π_m (1 − churn_m)',
  },
  {
    id: 'nrr',
    section: '§1.7',
    formula: 'NRR = Σ_i m_i,end / Σ_i m_i,start\nGRR = Σ_i min(m_i,end, m_i,start) / Σ_i m_i,start',
  },
  { id: 'clv', section: '§1.8, §2.2', formula: 'CLV = m × r / (1 + i − r)\nm = GM − CTS' },
  {
    id: 'value-gap',
    section: '§2.2',
    formula: 'VG = CLV_P − CLV_D\nratio = CLV_P / CLV_D',
  },
  {
    id: 'churn-ratio',
    section: '§2.2',
    formula:
      'RR = (a / n₁) / (c / n₂)\nSE(log RR) = √(1/a − 1/n₁ + 1/c − 1/n₂);  95% CI = exp(log RR ± 1.96 × SE)',
  },
  {
    id: 'drivers',
    section: '§2.3',
    formula:
      'z = atanh(r), SE = 1/√(n − 3), CI = tanh(z ± 1.96 × SE)\nLMG_j = Σ_S |S|!(p−|S|−1)!/p! × (R²(S ∪ {j}) − R²(S));  share_j = LMG_j / R²',
  },
  {
    id: 'churn-model',
    section: '§2.4',
    formula: 'logit P(y_it = 1) = α_t + β_BU + γ·NPS + δ·CX + θ·X\np̂_i,12 = 1 − Π_k (1 − ĥ_ik)',
  },
  {
    id: 'revenue-at-risk',
    section: '§2.6',
    formula: 'RaR_i = 12 × MRR_i × p̂_i,12\nRaR_CX = Σ_i 12 × MRR_i × (p̂_i,12 − p̂^cf_i,12)',
  },
  {
    id: 'cope',
    section: '§2.7',
    formula:
      'CoPE = L_churn + L_contraction + C_failure + C_compensation\nL_churn = Σ AF_i × V_i,  AF_i = (HR_i − 1)/HR_i\nC_failure = N_repeat × c_contact',
  },
  {
    id: 'did',
    section: '§2.5',
    formula: 'log E[churn_bt] = log(exposure_bt) + α_b + λ_t + τ·D_bt\nROI = (PV(ΔGM) − PV(cost)) / PV(cost)',
  },
  {
    id: 'intervals',
    section: '§1.0, §2.8',
    formula: 'CI 95%;  P10–P90 (80%)\nn < 30;  30 ≤ n < 100',
  },
];
