import { z } from 'zod';
import { logger } from '../lib/logger';
import { executeRun, runScheduled } from '../reports/run';

const eventSchema = z.union([
  z.object({ subscriptionId: z.string().min(1), scheduledFor: z.iso.datetime() }),
  z.object({ runId: z.string().min(1) }),
]);

/**
 * Async worker: started by the subscription's EventBridge Scheduler schedule (`{subscriptionId,
 * scheduledFor}`; the local host's croner timer sends the same) or by send-now (`{runId}`). Builds the
 * report once and mails every recipient whose delivery is not yet sent.
 */
export const handler = async (event: unknown): Promise<{ runId: string | null; status: string }> => {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) {
    logger.error('report worker: unexpected event', { issues: parsed.error.issues });
    return { runId: null, status: 'ignored' };
  }
  const e = parsed.data;
  const run = 'runId' in e ? await executeRun(e.runId) : await runScheduled(e.subscriptionId, e.scheduledFor);
  logger.info('report run finished', { runId: run?.runId, status: run?.status });
  return { runId: run?.runId ?? null, status: run?.status ?? 'skipped' };
};
