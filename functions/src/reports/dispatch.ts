import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { config } from '../config';

/** What the report worker receives: a scheduled event, or a run to execute (send-now). */
export type ReportWorkerEvent = { subscriptionId: string; scheduledFor: string } | { runId: string };

type Dispatcher = (e: ReportWorkerEvent) => Promise<void>;
let dispatcher: Dispatcher | null = null;
let lambda: LambdaClient | null = null;

/** The local host runs the worker in-process (in the background) instead of invoking a Lambda. */
export function setReportDispatcher(d: Dispatcher | null): void {
  dispatcher = d;
}

/** Starts the report worker asynchronously; the caller answers before the mail is out. */
export async function dispatchReport(e: ReportWorkerEvent): Promise<void> {
  if (dispatcher) return dispatcher(e);
  const fn = config.REPORT_FUNCTION_NAME ?? config.REPORT_WORKER_ARN;
  if (!fn) throw new Error('REPORT_FUNCTION_NAME is not configured');
  lambda ??= new LambdaClient({ region: config.AWS_REGION });
  await lambda.send(
    new InvokeCommand({ FunctionName: fn, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(e)) }),
  );
}
