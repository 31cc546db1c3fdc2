import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { config } from '../config';

const lambda = new LambdaClient({ region: config.AWS_REGION });

/** Starts the recompute worker with an asynchronous (`Event`) invocation. */
export async function invokeRecomputeWorker(opts: { force: boolean }): Promise<void> {
  if (!config.RECOMPUTE_FUNCTION_NAME) throw new Error('RECOMPUTE_FUNCTION_NAME is not configured');
  await lambda.send(
    new InvokeCommand({
      FunctionName: config.RECOMPUTE_FUNCTION_NAME,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify(opts)),
    }),
  );
}
