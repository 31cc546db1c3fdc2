import { isMonth, monthIndex, monthFromIndex } from '@cxl/shared/month';
import { formatNumber, formatPeriod } from './format.ts';
import { locale, t } from './i18n.ts';
import type { Scope } from './upload-types.ts';

/** A file size for people: "812 B", "14.2 KB", "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes, 0)} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, value < 10 ? 1 : 0)} ${units[unit] ?? 'GB'}`;
}

/** The first 8 hex digits of a SHA-256, enough to tell versions apart at a glance. */
export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 8) : '—';
}

/** `revenue-2024.csv` → `revenue-2024`. */
export function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || fileName;
}

const monthNames = new Map<string, Intl.DateTimeFormat>();

function monthName(m: string): string {
  let df = monthNames.get(locale());
  if (!df) {
    df = new Intl.DateTimeFormat(locale(), { month: 'short', timeZone: 'UTC' });
    monthNames.set(locale(), df);
  }
  return df.format(new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1)));
}

/** "Mar 2024", "Jan–Dec 2024", "Nov 2023–Feb 2024". */
function formatRun(from: string, to: string): string {
  if (from === to) return formatPeriod(from);
  if (from.slice(0, 4) === to.slice(0, 4)) return `${monthName(from)}–${formatPeriod(to)}`;
  return `${formatPeriod(from)}–${formatPeriod(to)}`;
}

/** Contiguous runs of the months, oldest first: `[[from, to], …]`. */
export function monthRuns(months: Iterable<string>): [string, string][] {
  const idx = [...new Set([...months].filter(isMonth).map(monthIndex))].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of idx) {
    const last = runs.at(-1);
    if (last && i === last[1] + 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs.map(([a, b]) => [monthFromIndex(a), monthFromIndex(b)]);
}

/** The months of a scope: "Jan–Dec 2024", "Jan–Mar 2024, Jun 2024", or "14 months, Jan 2023–Dec 2024". */
export function formatMonths(months: Iterable<string>): string {
  const runs = monthRuns(months);
  const first = runs[0];
  const last = runs.at(-1);
  if (!first || !last) return '';
  if (runs.length <= 3) return runs.map(([a, b]) => formatRun(a, b)).join(', ');
  const count = runs.reduce((n, [a, b]) => n + monthIndex(b) - monthIndex(a) + 1, 0);
  return t('uploads.scope.manyMonths', { count, range: formatRun(first[0], last[1]) });
}

/** The business units of a scope: "ENT, SMB", "All business units", or "ENT, MID, SMB, PUB +3 more". */
export function formatBus(bus: Iterable<string>, max = 5): string {
  const list = [...new Set(bus)].sort();
  if (list.length === 0) return '';
  if (list.every((b) => b === 'ALL' || b === '*' || b === '')) return t('filter.buAll');
  if (list.length <= max) return list.join(', ');
  return `${list.slice(0, max - 1).join(', ')} ${t('uploads.scope.more', { count: list.length - max + 1 })}`;
}

/** A whole scope in one line: "ENT, SMB · Jan–Dec 2024"; a dash when the scope is empty. */
export function formatScope(scope: Scope): string {
  if (scope.length === 0) return '—';
  const bus = formatBus(scope.map((s) => s.bu));
  const months = formatMonths(scope.map((s) => s.month));
  return [bus, months].filter(Boolean).join(' · ');
}
