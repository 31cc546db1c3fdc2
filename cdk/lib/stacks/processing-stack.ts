import { ArnFormat, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FunctionAlarms, constructId } from '../constructs/function-alarms';
import { HouseFunction } from '../constructs/house-function';
import type { LedgerTable } from '../constructs/ledger-table';
import { ReportScheduling } from '../constructs/report-scheduling';
import type { ReportsBucket } from '../constructs/reports-bucket';
import type { UploadsBucket } from '../constructs/uploads-bucket';
import { handlerEntry } from '../paths';
import {
  DEFAULT_WORKER_SETTINGS,
  functionNameVariable,
  REPORT_WORKER,
  SCHEDULE_ACCESS,
  UPLOAD_ACCESS,
  UPLOAD_WORKER,
  WORKER_CALLERS,
  WORKER_RETRY_ATTEMPTS,
  WORKER_SETTINGS,
  type WorkerDef,
} from '../wiring';
import type { MailStack } from './mail-stack';

export interface ProcessingStackProps extends StackProps {
  readonly workers: readonly WorkerDef[];
  readonly ledger: LedgerTable;
  readonly uploads: UploadsBucket;
  readonly reports: ReportsBucket;
  readonly mail: MailStack;
  /** Environment every function needs (auth mode, Cognito issuer and client: `config.ts` checks them). */
  readonly sharedEnvironment: Readonly<Record<string, string>>;
  /** Origin of the site, for links in report e-mails (`PUBLIC_URL`). */
  readonly publicUrl: string;
  readonly alarmTopic?: sns.ITopic;
  /** Directory holding `package-lock.json` and `functions/src/handlers`. */
  readonly sourceRoot: string;
}

/**
 * The asynchronous workers of `WORKERS`: each with its own sizing, an SQS dead-letter queue for
 * invocations that failed every retry, and alarms. The upload worker listens to the uploads bucket;
 * the report worker is started by EventBridge Scheduler (`ReportScheduling`), renders into the reports
 * bucket and sends through SES. A worker is wired by handler name, so one added to `WORKERS` later is
 * picked up as soon as it appears.
 */
export class ProcessingStack extends Stack {
  /** Every worker by handler name. */
  readonly workers: ReadonlyMap<string, HouseFunction>;
  /** Dead-letter queues by name: one per worker (by handler), plus `report-schedules`. */
  readonly deadLetterQueues: ReadonlyMap<string, sqs.Queue>;
  /** Present when `WORKERS` has the report worker. */
  readonly scheduling?: ReportScheduling;
  private readonly names: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: ProcessingStackProps) {
    super(scope, id, props);
    const workers = new Map<string, HouseFunction>();
    const deadLetterQueues = new Map<string, sqs.Queue>();
    const deadLetters = new Construct(this, 'DeadLetters');

    for (const worker of props.workers) {
      const settings = WORKER_SETTINGS[worker.handler] ?? DEFAULT_WORKER_SETTINGS;
      const deadLetterQueue = new sqs.Queue(deadLetters, constructId(worker.handler), {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const fn = new HouseFunction(this, constructId(worker.handler), {
        // The report worker re-arms its own schedule, so its environment holds its own ARN: a fixed
        // name lets that ARN be written without referring to the function (a circular reference).
        functionName: worker.handler === REPORT_WORKER ? `${this.stackName}-${worker.handler}` : undefined,
        entry: handlerEntry(props.sourceRoot, worker.handler),
        projectRoot: props.sourceRoot,
        description: `worker ${worker.name}`,
        memorySize: settings.memorySize,
        timeout: settings.timeout,
        reservedConcurrentExecutions: settings.reservedConcurrentExecutions,
        architecture: settings.architecture,
        bundleExtras: settings.bundleExtras,
        deadLetterQueue,
        retryAttempts: WORKER_RETRY_ATTEMPTS,
        environment: props.sharedEnvironment,
      });
      props.ledger.bind(fn, 'readWrite');
      workers.set(worker.handler, fn);
      deadLetterQueues.set(worker.handler, deadLetterQueue);
    }

    // Workers starting other workers (the upload worker starts a recompute).
    const names = new Map(props.workers.map((w) => [w.handler, w.name]));
    this.names = names;
    for (const [caller, target] of Object.entries(WORKER_CALLERS)) {
      const from = workers.get(caller);
      const to = workers.get(target);
      if (!from || !to) continue;
      to.grantInvoke(from);
      from.addEnvironment(functionNameVariable(this.workerName(target)), to.functionName);
    }

    for (const [handler, access] of Object.entries(UPLOAD_ACCESS)) {
      const fn = workers.get(handler);
      if (fn) props.uploads.bind(fn, access);
    }
    const uploadWorker = workers.get(UPLOAD_WORKER);
    if (uploadWorker) props.uploads.addUploadListener(uploadWorker);

    const reportWorker = workers.get(REPORT_WORKER);
    if (reportWorker) {
      this.scheduling = new ReportScheduling(this, 'ReportSchedules', {
        workerArn: this.formatArn({
          service: 'lambda',
          resource: 'function',
          resourceName: `${this.stackName}-${REPORT_WORKER}`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      });
      deadLetterQueues.set('report-schedules', this.scheduling.deadLetterQueue);
      props.reports.bind(reportWorker);
      props.mail.bindSender(reportWorker);
      reportWorker.addEnvironment('PUBLIC_URL', props.publicUrl);
      for (const [handler, access] of Object.entries(SCHEDULE_ACCESS)) {
        const fn = workers.get(handler);
        if (fn) this.scheduling.bind(fn, access);
      }
      new CfnOutput(this, 'ScheduleGroupName', { value: this.scheduling.group.scheduleGroupName });
    }

    this.workers = workers;
    this.deadLetterQueues = deadLetterQueues;

    if (props.alarmTopic) {
      new FunctionAlarms(this, 'Alarms', {
        topic: props.alarmTopic,
        functions: workers,
        deadLetterQueues,
      });
    }
  }

  /** The `name` of the worker with `handler` (`recompute-worker` → `recompute`). */
  workerName(handler: string): string {
    return this.names.get(handler) ?? handler;
  }
}
