import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import type { ReportSubscription } from '@cxl/shared/contracts/reports';
import { nextRun } from '@cxl/shared/reports/schedule';
import { config } from '../config';
import { logger } from '../lib/logger';
import { setSubscriptionRunInfo } from '../repositories/reports';

/** Payload every schedule delivers to the report worker. */
export interface ScheduledReportEvent {
  subscriptionId: string;
  scheduledFor: string;
}

/**
 * Keeps one schedule per subscription at its next run. AWS: an EventBridge Scheduler one-time
 * `at()` schedule (re-armed by the worker after each run); local: croner timers in the host process.
 */
export interface SchedulePort {
  readonly kind: 'eventbridge' | 'local' | 'none';
  upsert(subscriptionId: string, at: Date, enabled: boolean): Promise<void>;
  remove(subscriptionId: string): Promise<void>;
}

/** Schedule name of a subscription (≤ 64 characters: ids are UUIDs). */
export function scheduleName(subscriptionId: string): string {
  return `report-${subscriptionId}`;
}

/** `at(2026-12-01T07:30:00)` in UTC. */
export function atExpression(d: Date): string {
  return `at(${d.toISOString().slice(0, 19)})`;
}

class EventBridgeSchedules implements SchedulePort {
  readonly kind = 'eventbridge' as const;
  private readonly client = new SchedulerClient({ region: config.AWS_REGION });
  private input(subscriptionId: string, at: Date, enabled: boolean): CreateScheduleCommandInput {
    const payload: ScheduledReportEvent = { subscriptionId, scheduledFor: at.toISOString() };
    return {
      Name: scheduleName(subscriptionId),
      GroupName: config.SCHEDULE_GROUP,
      ScheduleExpression: atExpression(at),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: enabled ? 'ENABLED' : 'DISABLED',
      ActionAfterCompletion: 'NONE',
      Description: `CX Ledger report subscription ${subscriptionId}`,
      Target: {
        Arn: config.REPORT_WORKER_ARN,
        RoleArn: config.SCHEDULER_ROLE_ARN,
        Input: JSON.stringify(payload),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        ...(config.SCHEDULE_DLQ_ARN ? { DeadLetterConfig: { Arn: config.SCHEDULE_DLQ_ARN } } : {}),
      },
    };
  }
  async upsert(subscriptionId: string, at: Date, enabled: boolean): Promise<void> {
    const input = this.input(subscriptionId, at, enabled);
    try {
      await this.client.send(new UpdateScheduleCommand(input));
    } catch (e) {
      if (!(e instanceof Error && e.name === 'ResourceNotFoundException')) throw e;
      await this.client.send(new CreateScheduleCommand(input));
    }
  }
  async remove(subscriptionId: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteScheduleCommand({ Name: scheduleName(subscriptionId), GroupName: config.SCHEDULE_GROUP }),
      );
    } catch (e) {
      if (!(e instanceof Error && e.name === 'ResourceNotFoundException')) throw e;
    }
  }
}

const noSchedules: SchedulePort = {
  kind: 'none',
  upsert: (id) => {
    logger.warn('no scheduler configured: subscription saved without a timer', { subscriptionId: id });
    return Promise.resolve();
  },
  remove: () => Promise.resolve(),
};

let installed: SchedulePort | null = null;
let aws: SchedulePort | null = null;

/** The local host installs its croner-based port here. */
export function setSchedulePort(p: SchedulePort | null): void {
  installed = p;
}

export function schedulePort(): SchedulePort {
  if (installed) return installed;
  if (config.SCHEDULE_GROUP && config.REPORT_WORKER_ARN && config.SCHEDULER_ROLE_ARN)
    return (aws ??= new EventBridgeSchedules());
  return noSchedules;
}

/**
 * Arms (or disarms) the schedule of a subscription at its next run after `after` and records
 * `nextRunAt`. Returns the next run (null when paused).
 */
export async function armSchedule(s: ReportSubscription, after = Date.now()): Promise<Date | null> {
  const next = nextRun(s.cadence, after);
  await schedulePort().upsert(s.id, next, s.active);
  await setSubscriptionRunInfo(s.id, { nextRunAt: s.active ? next.toISOString() : null });
  return s.active ? next : null;
}
