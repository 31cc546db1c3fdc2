/** The glossary page: every metric's name and what its formula means (formulas themselves are symbolic). */
export const en = {
  'glossary.title': 'Glossary',
  'glossary.subtitle':
    'How every number in CX Ledger is computed, with the formula and the methods section it comes from.',
  'glossary.search': 'Search the glossary',
  'glossary.contents': 'Glossary contents',
  'glossary.section': 'Methods {section}',
  'glossary.nps.name': 'Net Promoter Score (NPS)',
  'glossary.nps.body':
    'Promoters (9–10) minus detractors (0–6) as a share of all responses n, in points from −100 to +100; passives stay in n. The 95% interval is the adjusted Wald interval (add 3 to n and ¾ to promoters and detractors). Fewer than 30 responses: no value is shown.',
  'glossary.csat.name': 'CSAT (top-two-box)',
  'glossary.csat.body':
    'Share of responses of 4 or 5 on the 1–5 satisfaction scale; the 95% interval is the Wilson score interval.',
  'glossary.ces.name': 'Customer effort score (CES 2.0)',
  'glossary.ces.body':
    'Mean agreement with “made it easy to handle my issue” on 1–7 (higher is easier), with a t interval for the mean.',
  'glossary.frt.name': 'First response time',
  'glossary.frt.body':
    'Median time to the first human reply per channel, from the Kaplan–Meier curve so that tickets still unanswered at the cut-off count as censored rather than being dropped.',
  'glossary.fcr.name': 'First-contact resolution',
  'glossary.fcr.body':
    'Eligible contacts E (inbound, with a complete 7-day follow-up window) minus those R₇ followed by a same-issue contact within 7 days, as a share of E.',
  'glossary.churn.name': 'Logo churn',
  'glossary.churn.body':
    'Customers who churned during month t (C) divided by customers active at its start (S); new customers are excluded. Annual churn compounds the monthly rates, never multiplies by 12.',
  'glossary.nrr.name': 'Net and gross revenue retention',
  'glossary.nrr.body':
    'Revenue at the end of the window from the customers active at its start, divided by their starting revenue; gross retention caps each customer at their starting revenue (at most 100%).',
  'glossary.clv.name': 'Customer lifetime value',
  'glossary.clv.body':
    'Monthly margin m (gross margin minus cost to serve) times r/(1 + i − r), with r the monthly retention of the segment and i the monthly discount rate from the assumptions register.',
  'glossary.value-gap.name': 'Value gap and lifetime value ratio',
  'glossary.value-gap.body':
    'Lifetime value of promoters minus (and divided by) that of detractors, with the P10–P90 range from a customer-level bootstrap. An association: promoters and detractors differ in more than their score.',
  'glossary.churn-ratio.name': 'Churn ratio (detractors vs promoters)',
  'glossary.churn-ratio.body':
    'Churn share of detractors (a of n₁) over that of promoters (c of n₂) within the outcome window, with the Katz log-ratio 95% interval.',
  'glossary.drivers.name': 'Driver analysis',
  'glossary.drivers.body':
    'Pearson correlations of each attribute rating with likelihood to recommend (Fisher 95% intervals, p-values adjusted by Benjamini–Hochberg) and each attribute’s LMG share of the explained variance R², with bootstrap intervals and top-3 stability. Shown only with at least max(200, 30 × number of drivers) complete responses.',
  'glossary.churn-model.name': 'Churn model',
  'glossary.churn-model.body':
    'A discrete-time hazard logistic regression on customer-months with month and business-unit effects, NPS category, poor-experience signals (slow first response, unresolved contacts, high effort, low satisfaction) and controls; standard errors clustered by customer. 12-month churn probability compounds the monthly hazards.',
  'glossary.revenue-at-risk.name': 'Revenue at risk',
  'glossary.revenue-at-risk.body':
    '12 months of each customer’s monthly revenue times their 12-month churn probability. The CX-attributable part is the difference to the probability under the stated good-experience counterfactual. P10–P90 from draws of the model coefficients.',
  'glossary.cope.name': 'Cost of poor experience',
  'glossary.cope.body':
    'Lost margin of churners weighted by the attributable fraction of their poor-experience signals (AF from the hazard ratio HR), plus contraction beyond promoters, plus repeat contacts times the cost per contact, plus compensation. Reported as P10–P90; ranges of different business units are not added.',
  'glossary.did.name': 'Initiative impact and ROI',
  'glossary.did.body':
    'Difference-in-differences against control business units (Poisson two-way fixed effects on churn counts), checked by pre-trends and placebo go-live dates; ROI discounts the gross margin saved against the initiative’s cost.',
  'glossary.intervals.name': 'Intervals, small samples and evidence classes',
  'glossary.intervals.body':
    'Metrics carry 95% confidence intervals; money and projections a P10–P90 range. Below 30 observations no value is shown; below 100 it is marked low precision. Each financial figure states its evidence class: causal, model-based association, or external benchmark. Figures are rounded to what their interval supports.',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'glossary.title': '术语表',
  'glossary.subtitle': 'CX Ledger 中每个数字的计算方法，附公式及其所依据的方法章节。',
  'glossary.search': '搜索术语表',
  'glossary.contents': '术语表目录',
  'glossary.section': '方法 {section}',
  'glossary.nps.name': '净推荐值（NPS）',
  'glossary.nps.body':
    '推荐者（9–10 分）减去贬损者（0–6 分）占全部回复 n 的比例，以 −100 至 +100 的分值表示；被动者计入 n。95% 区间为调整 Wald 区间（n 加 3，推荐者和贬损者各加 ¾）。回复少于 30 份时不显示数值。',
  'glossary.csat.name': 'CSAT（前两档）',
  'glossary.csat.body': '1–5 分满意度量表中 4 分或 5 分回复的占比；95% 区间为 Wilson 得分区间。',
  'glossary.ces.name': '客户费力度（CES 2.0）',
  'glossary.ces.body': '对“让我轻松解决了问题”的平均认同度（1–7，越高越省力），均值附 t 区间。',
  'glossary.frt.name': '首次响应时间',
  'glossary.frt.body':
    '各渠道首次人工回复时间的中位数，取自 Kaplan–Meier 曲线，截止时仍未回复的工单按删失处理而非剔除。',
  'glossary.fcr.name': '首次联络解决率',
  'glossary.fcr.body':
    '符合条件的联络 E（呼入且 7 天跟进窗口完整）减去 7 天内出现同一问题再次联络的 R₇，占 E 的比例。',
  'glossary.churn.name': '客户流失率',
  'glossary.churn.body':
    '第 t 月内流失的客户（C）除以月初活跃客户（S）；不含新客户。年流失率按月度比率复合计算，而非乘以 12。',
  'glossary.nrr.name': '净收入与总收入留存率',
  'glossary.nrr.body':
    '窗口开始时活跃客户在窗口结束时的收入除以其起始收入；总收入留存率将每位客户的收入上限设为其起始收入（不超过 100%）。',
  'glossary.clv.name': '客户终身价值',
  'glossary.clv.body':
    '月毛利 m（毛利减服务成本）乘以 r/(1 + i − r)，其中 r 为该细分的月留存率，i 为假设登记册中的月贴现率。',
  'glossary.value-gap.name': '价值差距与终身价值倍数',
  'glossary.value-gap.body':
    '推荐者终身价值减去（及除以）贬损者终身价值，P10–P90 区间来自客户层面的自助法。这是相关关系：推荐者与贬损者的差异不止于评分。',
  'glossary.churn-ratio.name': '流失比（贬损者对比推荐者）',
  'glossary.churn-ratio.body':
    '结果窗口内贬损者的流失占比（n₁ 中的 a）除以推荐者的流失占比（n₂ 中的 c），附 Katz 对数比 95% 区间。',
  'glossary.drivers.name': '驱动因素分析',
  'glossary.drivers.body':
    '各属性评分与推荐意愿的 Pearson 相关系数（Fisher 95% 区间，p 值经 Benjamini–Hochberg 校正），以及各属性在解释方差 R² 中的 LMG 占比，附自助法区间和前三稳定性。仅在完整回复至少达到 max(200, 30 × 驱动因素数) 时显示。',
  'glossary.churn-model.name': '流失模型',
  'glossary.churn-model.body':
    '基于客户月数据的离散时间风险逻辑回归，包含月份和业务单元效应、NPS 类别、不良体验信号（首次响应慢、未解决联络、高费力、低满意度）及控制变量；标准误按客户聚类。12 个月流失概率由月度风险复合而得。',
  'glossary.revenue-at-risk.name': '风险收入',
  'glossary.revenue-at-risk.body':
    '每位客户 12 个月的月收入乘以其 12 个月流失概率。可归因于客户体验的部分，是与所述良好体验反事实情形下概率的差值。P10–P90 来自模型系数的抽样。',
  'glossary.cope.name': '不良体验成本',
  'glossary.cope.body':
    '流失客户损失的毛利按其不良体验信号的归因比例（AF，由风险比 HR 得出）加权，加上超出推荐者的收入收缩，加上重复联络乘以单次联络成本，再加上补偿。以 P10–P90 报告；不同业务单元的区间不相加。',
  'glossary.did.name': '举措影响与投资回报',
  'glossary.did.body':
    '以对照业务单元为基准的双重差分（流失次数的泊松双向固定效应），并以前期趋势和安慰剂上线日期检验；投资回报率将节省的毛利折现后与举措成本比较。',
  'glossary.intervals.name': '区间、小样本与证据类别',
  'glossary.intervals.body':
    '指标附 95% 置信区间；金额和预测附 P10–P90 区间。观测值少于 30 时不显示数值；少于 100 时标记为精度较低。每个财务数字都注明证据类别：因果、基于模型的关联或外部基准。数字按其区间所能支持的精度取整。',
};
