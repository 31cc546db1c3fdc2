/**
 * English UI messages, keyed by id. Placeholders are `{name}` and are filled by the caller's
 * formatter. A translation (e.g. `zh-CN.ts`) exports an object of type {@link Messages} with the
 * same keys, so it is a drop-in replacement.
 */
export const en = {
  'app.name': 'CX Ledger',
  'app.tagline': 'Customer experience, linked to the P&L',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',

  'nav.label': 'Main',
  'nav.overview': 'Overview',

  'user.signedInAs': 'Signed in as {email}',
  'user.roles': 'Roles',
  'user.signOut': 'Sign out',

  'role.executive': 'Executive',
  'role.finance': 'Finance',
  'role.cx-manager': 'CX manager',
  'role.admin': 'Admin',

  'login.title': 'Sign in',
  'login.subtitle': 'Sign in to see customer experience in money terms.',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.failed': 'Sign-in failed. Check your email and password.',
  'login.network': 'Could not reach the server — check your connection and try again.',
  'login.demoHint': 'Demo sign-ins: {emails} — password “{password}”.',
  'login.sessionExpired': 'Your session has expired. Please sign in again.',

  'overview.title': 'Overview',
  'overview.subtitle': 'Core customer-experience metrics, {bu}, {range}',
  'overview.dataAsOf': 'Data as of {date} · definitions v{version}',

  'filter.label': 'Filters',
  'filter.bu': 'Business unit',
  'filter.buAll': 'All business units',
  'filter.grain': 'Period',
  'filter.from': 'From',
  'filter.to': 'To',
  'grain.month': 'Monthly',
  'grain.quarter': 'Quarterly',
  'grain.year': 'Yearly',
  'grain.by.month': 'month',
  'grain.by.quarter': 'quarter',
  'grain.by.year': 'year',

  'metric.nps': 'NPS',
  'metric.nps.long': 'Net Promoter Score',
  'metric.csat': 'CSAT (T2B)',
  'metric.csat.long': 'Customer satisfaction, top-two-box share',
  'metric.ces': 'CES',
  'metric.ces.long': 'Customer effort score (1–7, higher is easier)',
  'metric.frt': 'First response',
  'metric.frt.long': 'Median first response time',
  'metric.fcr': 'FCR',
  'metric.fcr.long': 'First-contact resolution',
  'metric.churn': 'Churn',
  'metric.churn.long': 'Monthly logo churn',
  'metric.nrr': 'NRR',
  'metric.nrr.long': 'Net revenue retention, trailing 12 months',
  'metric.revenue': 'Revenue',
  'metric.revenue.long': 'Revenue in the reporting currency',

  'channel.label': 'Channel',
  'channel.phone': 'Phone',
  'channel.chat': 'Chat',
  'channel.email': 'Email',

  'tile.interval': '95% CI {low}–{high}',
  'tile.n': 'n = {n}',
  'tile.noData': 'No data',
  'tile.suppressed': 'Too few responses (n={n})',
  'tile.incomplete': 'Incomplete finance data',
  'tile.provisional': 'Provisional',
  'tile.lowPrecision': 'Low precision',
  'tile.vsPrevious': 'vs {period}',
  'tile.noPrevious': 'No comparison',
  'tile.better': 'better',
  'tile.worse': 'worse',
  'tile.unchanged': 'unchanged',
  'tile.sparkline': '{metric} over the selected range',
  'tile.period': 'Latest period: {period}',

  'overview.emptyTitle': 'No data yet',
  'overview.emptyBody':
    'This instance has no customer data. Finance uploads revenue files and CX teams upload customers, contacts and surveys; the dashboard fills in as soon as the first files are accepted.',
  'reason.NO_RESPONSES': 'No responses this period',
  'reason.NO_ELIGIBLE_CONTACTS': 'No eligible contacts this period',
  'reason.NO_ACTIVE_CUSTOMERS': 'No active customers this period',
  'reason.DATA_INCOMPLETE': 'Finance data for this period is incomplete',
  'reason.SUPPRESSED_SMALL_N': 'Too few responses to report',
  'reason.LOW_PRECISION': 'Small sample: wide interval',
  'reason.WINDOW_INCOMPLETE': 'The follow-up window has not ended yet',
  'reason.INSUFFICIENT_HISTORY': 'Needs a full cohort window of finance history',
  'reason.KM_NOT_REACHED': 'Longer than the longest observed time (tickets still open)',
  'reason.FORMULA_INVALID': 'Cannot be computed for this period',
  'reason.unknown': 'Not available for this period',

  'trend.title': 'Trend',
  'trend.metric': 'Metric',
  'trend.caption': '{metric}, {bu}, by {grain}, with 95% interval',
  'trend.value': 'Value',
  'trend.low': 'Lower bound',
  'trend.high': 'Upper bound',
  'trend.interval': '95% interval',
  'trend.period': 'Period',
  'trend.status': 'Status',
  'trend.n': 'n',
  'trend.empty': 'No data for this metric in the selected range.',

  'status.ok': 'OK',
  'status.no-data': 'No data',
  'status.suppressed': 'Suppressed',
  'status.incomplete': 'Incomplete',
  'status.provisional': 'Provisional',

  'error.metrics': 'Could not load metrics — check your connection and retry.',
  'error.meta': 'Could not load the dashboard settings — check your connection and retry.',
  'error.details': 'Details: {message}',
  'error.retry': 'Retry',
  'error.forbidden': 'You do not have access to this view. Ask an admin for the right role.',

  'unit.pts': 'pts',
  'unit.pp': 'pp',
} as const;

/** Message ids. */
export type MessageId = keyof typeof en;

/** A complete message catalogue: every id mapped to its text in one locale. */
export type Messages = Record<MessageId, string>;
