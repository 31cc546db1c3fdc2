/** What-if: levers projected through the fitted churn model (POST /what-if). */
export const en = {
  'whatif.nav': 'What-if',
  'whatif.title': 'What-if',
  'whatif.lead':
    'Move the levers to see the projected change over the next 12 months in churn, revenue and the cost of poor experience, with a P10–P90 band.',
  'whatif.levers': 'Levers',
  'whatif.frt': 'First response time change',
  'whatif.frtHelp': '−40 % = answering 40 % faster',
  'whatif.detractors': 'Detractors who become passives',
  'whatif.detractorsHelp': 'Share of current detractors',
  'whatif.fcr': 'First-contact resolution change',
  'whatif.fcrHelp': 'Percentage points',
  'whatif.reset': 'Reset levers',
  'whatif.results': 'Projected change over 12 months',
  'whatif.churners': 'Churners',
  'whatif.churnRate': 'Churn rate',
  'whatif.revenue': 'Revenue kept',
  'whatif.cope': 'Cost of poor experience',
  'whatif.baseline':
    'Baseline without changes: {churners} expected churners, a 12-month churn rate of {rate}, {customers} active customers.',
  'whatif.band': 'P10–P90 band of the projected changes',
  'whatif.bandHelp':
    'Bars span P10 to P90 over {draws} draws of the model coefficients; the tick is P50, the dot the point estimate.',
  'whatif.relationships': 'Relationships used',
  'whatif.noLevers': 'All levers are at 0: move one to see its projected effect.',
  'whatif.updating': 'Updating…',
  'whatif.insufficient': 'No projection: {reason}',
  'whatif.noBasis':
    'The what-if model has not been computed yet; it is built after data are uploaded and the analytics run. This page checks again every {seconds} seconds.',
  'whatif.associational':
    'Model-based projection from associations in your data, not a promise: use it to size options, then measure the real effect with an initiative.',
  'whatif.pts': '{value} pts',
} as const;

export const zhCN: Record<keyof typeof en, string> = {
  'whatif.nav': '情景模拟',
  'whatif.title': '情景模拟',
  'whatif.lead': '调整杠杆，查看未来 12 个月流失、收入和劣质体验成本的预计变化，并附 P10–P90 区间。',
  'whatif.levers': '杠杆',
  'whatif.frt': '首次响应时间变化',
  'whatif.frtHelp': '−40% 表示响应速度加快 40%',
  'whatif.detractors': '转为被动者的贬损者比例',
  'whatif.detractorsHelp': '占当前贬损者的比例',
  'whatif.fcr': '首次联络解决率变化',
  'whatif.fcrHelp': '百分点',
  'whatif.reset': '重置杠杆',
  'whatif.results': '未来 12 个月的预计变化',
  'whatif.churners': '流失客户数',
  'whatif.churnRate': '流失率',
  'whatif.revenue': '保住的收入',
  'whatif.cope': '劣质体验成本',
  'whatif.baseline':
    '不做改变的基线：预计流失 {churners} 位客户，12 个月流失率 {rate}，活跃客户 {customers} 位。',
  'whatif.band': '预计变化的 P10–P90 区间',
  'whatif.bandHelp': '条形覆盖模型系数 {draws} 次抽样的 P10 至 P90；竖线为 P50，圆点为点估计。',
  'whatif.relationships': '所用关系',
  'whatif.noLevers': '所有杠杆均为 0：调整任一杠杆即可查看预计影响。',
  'whatif.updating': '正在更新…',
  'whatif.insufficient': '无法预测：{reason}',
  'whatif.noBasis': '情景模拟模型尚未计算；它将在上传数据并运行分析后生成。本页每 {seconds} 秒自动重新检查。',
  'whatif.associational':
    '基于数据中关联关系的模型预测，并非承诺：可用于评估方案规模，再通过举措测量真实效果。',
  'whatif.pts': '{value} 个百分点',
};
