import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** What a function does with report schedules: manage them, or only look them up. */
export type ScheduleAccess = 'manage' | 'read';

/** The Scheduler actions per access: exactly what the subscription handlers call. */
export const SCHEDULE_ACTIONS: Readonly<Record<ScheduleAccess, readonly string[]>> = {
  manage: [
    'scheduler:CreateSchedule',
    'scheduler:UpdateSchedule',
    'scheduler:DeleteSchedule',
    'scheduler:GetSchedule',
  ],
  read: ['scheduler:GetSchedule'],
};

export interface ReportSchedulingProps {
  /**
   * ARN of the function every schedule invokes (one schedule per report subscription). An ARN, not
   * the function: the worker itself is bound here (it re-arms schedules), and its own ARN in its
   * environment must not refer to it.
   */
  readonly workerArn: string;
}

/**
 * EventBridge Scheduler plumbing for report subscriptions. The schedules themselves are created
 * through the SDK when a subscription changes; this holds what they share: a schedule group (so
 * permissions can be scoped to it), the execution role the schedules run as — it may invoke the
 * report worker and nothing else, and send to the dead-letter queue — and that queue, which receives
 * an invocation Scheduler could not deliver after its retries.
 */
export class ReportScheduling extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly role: iam.Role;
  readonly deadLetterQueue: sqs.Queue;
  private readonly workerArn: string;

  constructor(scope: Construct, id: string, props: ReportSchedulingProps) {
    super(scope, id);
    this.workerArn = props.workerArn;
    const stack = Stack.of(this);

    this.group = new scheduler.ScheduleGroup(this, 'Group', {});
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.role = new iam.Role(this, 'ExecutionRole', {
      description: 'Assumed by EventBridge Scheduler to start report runs',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            // Scheduler sets the schedule group's ARN as the source of the assume-role call.
            'aws:SourceArn': this.group.scheduleGroupArn,
          },
        },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.workerArn] }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn] }),
    );
  }

  /** `arn:…:schedule/<group>/*`: every schedule of the group and nothing else. */
  get schedulesArn(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/*`,
    });
  }

  /**
   * Gives `fn` the Scheduler actions of `access` on the group's schedules and, to manage them,
   * `iam:PassRole` on the execution role alone (creating or updating a schedule passes it). Sets
   * `SCHEDULE_GROUP`, `SCHEDULER_ROLE_ARN`, `REPORT_WORKER_ARN` and `SCHEDULE_DLQ_ARN`.
   */
  bind(fn: lambda.Function, access: ScheduleAccess): void {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: [...SCHEDULE_ACTIONS[access]], resources: [this.schedulesArn] }),
    );
    if (access === 'manage') {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['iam:PassRole'],
          resources: [this.role.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        }),
      );
    }
    fn.addEnvironment('SCHEDULE_GROUP', this.group.scheduleGroupName);
    fn.addEnvironment('SCHEDULER_ROLE_ARN', this.role.roleArn);
    fn.addEnvironment('REPORT_WORKER_ARN', this.workerArn);
    fn.addEnvironment('SCHEDULE_DLQ_ARN', this.deadLetterQueue.queueArn);
  }
}
