import { Cron } from 'croner';
import type { SchedulePort } from '@cxl/functions/reports/schedule-port';
import type { ReportWorkerEvent } from '@cxl/functions/reports/dispatch';

export interface LocalReportScheduler {
  port: SchedulePort;
  /** Background report runs (send-now and fired schedules), awaited on close. */
  dispatch: (e: ReportWorkerEvent) => Promise<void>;
  /** Arms every active subscription; a run missed while the host was down is sent once now. */
  restore(): Promise<void>;
  /** Number of armed timers. */
  size(): number;
  close(): Promise<void>;
}

/**
 * The local host's stand-in for EventBridge Scheduler: one croner timer per subscription at its next
 * run (computed by the same `nextRun` as in AWS). Firing calls the same report worker handler the
 * schedule invokes in AWS, with the same `{subscriptionId, scheduledFor}` payload.
 */
export async function createLocalReportScheduler(log: (s: string) => void): Promise<LocalReportScheduler> {
  const { handler } = await import('@cxl/functions/handlers/report-worker');
  const { listSubscriptions } = await import('@cxl/functions/repositories/reports');
  const { nextRun } = await import('@cxl/shared/reports/schedule');
  const jobs = new Map<string, Cron>();
  const running = new Set<Promise<void>>();
  let closed = false;

  const dispatch = (e: ReportWorkerEvent): Promise<void> => {
    if (closed) return Promise.resolve();
    const p = handler(e)
      .then((r) => {
        if (r.status === 'failed' || r.status === 'partial') log(`report run ${r.runId}: ${r.status}`);
      })
      .catch((err: unknown) => log(`report run failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => running.delete(p));
    running.add(p);
    return Promise.resolve();
  };

  const port: SchedulePort = {
    kind: 'local',
    upsert(subscriptionId, at, enabled) {
      jobs.get(subscriptionId)?.stop();
      jobs.delete(subscriptionId);
      if (!enabled || closed) return Promise.resolve();
      const scheduledFor = at.toISOString();
      // Unnamed: croner keeps named jobs in a global registry until they are stopped, and the worker
      // re-arms this subscription while its firing job still exists.
      const job = new Cron(at, { catch: true }, (self: Cron) => {
        self.stop();
        if (jobs.get(subscriptionId) === self) jobs.delete(subscriptionId);
        void dispatch({ subscriptionId, scheduledFor });
      });
      jobs.set(subscriptionId, job);
      return Promise.resolve();
    },
    remove(subscriptionId) {
      jobs.get(subscriptionId)?.stop();
      jobs.delete(subscriptionId);
      return Promise.resolve();
    },
  };

  return {
    port,
    dispatch,
    size: () => jobs.size,
    async restore() {
      const now = Date.now();
      for (const s of await listSubscriptions()) {
        if (!s.active) continue;
        const due = s.nextRunAt ? Date.parse(s.nextRunAt) : nextRun(s.cadence, now).getTime();
        if (due <= now) {
          // Missed while the host was stopped: send that occurrence once (its run id is deterministic).
          void dispatch({ subscriptionId: s.id, scheduledFor: new Date(due).toISOString() });
        } else await port.upsert(s.id, new Date(due), true);
      }
    },
    async close() {
      closed = true;
      for (const j of jobs.values()) j.stop();
      jobs.clear();
      await Promise.all([...running]);
    },
  };
}
