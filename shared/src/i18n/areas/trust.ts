/** Words every figure carries: its n, its interval, its evidence class, its states. */
export const en = {
  'trust.n': 'n = {n}',
  'trust.interval': '{level}% interval {low} to {high}',
  'trust.range': 'P10–P90 {low} to {high}',
  'trust.evidence': 'Evidence: {class}',
  'trust.evidence.causal': 'causal (difference-in-differences)',
  'trust.evidence.associational': 'associational',
  'trust.evidence.assumption': 'assumption-based',
  'trust.definition': 'Definition v{version}',
  'trust.source': 'Source: {source}',
  'trust.noData': 'No data',
  'trust.tooFew': 'Too few (n = {n}, minimum {min})',
  'trust.pending': 'Being computed — try again in a moment',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'trust.n': 'n = {n}',
  'trust.interval': '{level}% 区间 {low} 至 {high}',
  'trust.range': 'P10–P90 {low} 至 {high}',
  'trust.evidence': '证据：{class}',
  'trust.evidence.causal': '因果（双重差分）',
  'trust.evidence.associational': '相关性',
  'trust.evidence.assumption': '基于假设',
  'trust.definition': '定义 v{version}',
  'trust.source': '来源：{source}',
  'trust.noData': '无数据',
  'trust.tooFew': '样本过少（n = {n}，最少 {min}）',
  'trust.pending': '正在计算——请稍后再试',
};
