import { createHash, randomUUID } from 'node:crypto';
import type { ReportRun, ReportSubscription } from '@cxl/shared/contracts/reports';
import { logger } from '../lib/logger';
import {
  claimDelivery,
  createRun,
  findSubscription,
  getRun,
  setSubscriptionRunInfo,
  settleDelivery,
  updateRun,
} from '../repositories/reports';
import { buildReportContent, type BuiltReport } from './build';
import { escapeHtml, RECIPIENT_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER } from './html';
import { mailFrom, mailPort, PermanentMailError, type MailMessage } from './mail';
import { armSchedule } from './schedule-port';
import { unsubscribeToken, unsubscribeUrl } from './tokens';

/** Send attempts per recipient within one run, and the backoff base between them. */
export const DELIVERY_ATTEMPTS = 3;
let backoffBaseMs = 400;
/** Tests shorten the backoff. */
export function setDeliveryBackoff(ms: number): void {
  backoffBaseMs = ms;
}
/** A claimed delivery is someone else's for this long (a crashed worker's claim then expires). */
const LEASE_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic run id of a scheduled occurrence: a redelivered schedule event finds the same run. */
export function scheduledRunId(subscriptionId: string, scheduledFor: string): string {
  return `s-${createHash('sha256').update(`${subscriptionId}|${scheduledFor}`).digest('hex').slice(0, 24)}`;
}

function recipientsOf(s: ReportSubscription) {
  return s.recipients.map((r) =>
    s.unsubscribed.includes(r)
      ? { recipient: r, status: 'skipped' as const, reason: 'unsubscribed' }
      : { recipient: r, status: 'queued' as const },
  );
}

/** Creates a queued run for "send now". */
export async function createManualRun(s: ReportSubscription, by: string): Promise<ReportRun> {
  const now = new Date().toISOString();
  const { run } = await createRun(
    {
      runId: `m-${randomUUID()}`,
      subscriptionId: s.id,
      subscriptionName: s.name,
      owner: s.owner,
      trigger: 'manual',
      scheduledFor: null,
      requestedBy: by,
      status: 'queued',
      createdAt: now,
    },
    recipientsOf(s),
  );
  return run;
}

/**
 * A schedule fired: re-arm the subscription's next run first (so a failing report never stops the
 * schedule), then create the occurrence's run (idempotent) and execute it.
 */
export async function runScheduled(subscriptionId: string, scheduledFor: string): Promise<ReportRun | null> {
  const s = await findSubscription(subscriptionId);
  if (!s) {
    logger.info('schedule fired for a deleted subscription', { subscriptionId });
    return null;
  }
  await armSchedule(s, Math.max(Date.now(), Date.parse(scheduledFor)));
  if (!s.active) return null;
  const { run } = await createRun(
    {
      runId: scheduledRunId(s.id, scheduledFor),
      subscriptionId: s.id,
      subscriptionName: s.name,
      owner: s.owner,
      trigger: 'schedule',
      scheduledFor,
      requestedBy: 'schedule',
      status: 'queued',
      createdAt: new Date().toISOString(),
    },
    recipientsOf(s),
  );
  return executeRun(run.runId);
}

function personalise(html: string, recipient: string, unsubscribe: string): string {
  return html
    .split(UNSUBSCRIBE_PLACEHOLDER)
    .join(escapeHtml(unsubscribe))
    .split(RECIPIENT_PLACEHOLDER)
    .join(escapeHtml(recipient));
}

async function sendWithRetries(m: MailMessage): Promise<{ messageId: string }> {
  let last: unknown;
  for (let attempt = 0; attempt < DELIVERY_ATTEMPTS; attempt++) {
    if (attempt > 0) await sleep(Math.round(backoffBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)));
    try {
      return await mailPort().send(m);
    } catch (e) {
      last = e;
      if (e instanceof PermanentMailError) break;
      logger.warn('report send failed; retrying', {
        to: m.to,
        attempt: attempt + 1,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

/**
 * Executes a run: renders the report once, then sends it to each recipient whose delivery this worker
 * can claim (queued or failed; never one already sent), with retries and backoff. One recipient's
 * failure is recorded and the others still go out. Safe to call again for the same run.
 */
export async function executeRun(runId: string): Promise<ReportRun> {
  let run = await getRun(runId);
  const pending = run.deliveries.filter((d) => d.status === 'queued' || d.status === 'failed');
  if (pending.length === 0 && run.status !== 'queued' && run.status !== 'running') return run;
  await updateRun(runId, { status: 'running', startedAt: new Date().toISOString() });
  const s = await findSubscription(run.subscriptionId);
  let report: BuiltReport | null = null;
  let buildError: string | null = null;
  if (!s) buildError = 'The subscription was deleted before the report was sent.';
  else {
    try {
      report = await buildReportContent({
        reportType: s.reportType,
        bu: s.bu,
        locale: s.locale,
        every: s.cadence.every,
        format: s.format,
        subscriptionName: s.name,
      });
    } catch (e) {
      logger.error('report build failed', { runId, error: e instanceof Error ? e.message : String(e) });
      buildError = `The report could not be built: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  if (report) await updateRun(runId, { subject: report.subject });

  for (const d of pending) {
    if (!(await claimDelivery(runId, d.recipient, LEASE_MS))) continue;
    if (!report || !s) {
      await settleDelivery(runId, d.recipient, { status: 'failed', reason: buildError ?? 'not built' });
      continue;
    }
    try {
      const url = unsubscribeUrl(await unsubscribeToken(s.id, d.recipient));
      const attachments: MailMessage['attachments'] = report.charts.map((c) => ({
        filename: `${c.cid.split('@')[0]}.png`,
        content: c.png,
        contentType: 'image/png',
        cid: c.cid,
      }));
      if (report.pdf && s.format !== 'html')
        attachments.push({
          filename: report.pdfFileName,
          content: report.pdf,
          contentType: 'application/pdf',
        });
      const html = personalise(report.html, d.recipient, url);
      const key = createHash('sha256').update(`${runId}|${d.recipient}`).digest('hex').slice(0, 32);
      const out = await sendWithRetries({
        from: mailFrom(),
        to: d.recipient,
        subject: report.subject,
        html,
        text: `${report.text}\n\n${url}`,
        attachments,
        headers: {
          'List-Unsubscribe': `<${url}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'X-CXL-Run': runId,
          'X-CXL-Idempotency-Key': key,
        },
        messageId: `<${key}@cx-ledger>`,
      });
      await settleDelivery(runId, d.recipient, { status: 'sent', messageId: out.messageId });
    } catch (e) {
      await settleDelivery(runId, d.recipient, {
        status: 'failed',
        reason: e instanceof Error ? e.message : String(e),
      });
    }
  }

  run = await getRun(runId);
  const sent = run.deliveries.filter((d) => d.status === 'sent').length;
  const failed = run.deliveries.filter((d) => d.status === 'failed').length;
  const status = failed === 0 ? 'sent' : sent > 0 ? 'partial' : 'failed';
  const finishedAt = new Date().toISOString();
  await updateRun(runId, {
    status,
    finishedAt,
    ...(buildError ? { error: buildError } : failed > 0 ? { error: `${failed} recipient(s) failed` } : {}),
  });
  await setSubscriptionRunInfo(run.subscriptionId, { lastRun: { runId, status, at: finishedAt } });
  return getRun(runId);
}
