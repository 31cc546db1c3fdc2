import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { REPO_ROOT } from '../paths';

/** The Lambda runtime of every function; local mode runs the same Node major. */
export const HOUSE_RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * ESM bundles have no `require`; CommonJS dependencies that call it (directly or through esbuild's
 * `__require` shim) need one built from `import.meta.url`.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __cxlCreateRequire } from 'node:module'; const require = __cxlCreateRequire(import.meta.url);";

export interface HouseFunctionProps {
  /** Absolute path of the handler's TypeScript entry file. */
  readonly entry: string;
  /** @default 1024 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  readonly description?: string;
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - unreserved (the account pool) */
  readonly reservedConcurrentExecutions?: number;
  /** Where asynchronous invocations go once retries are exhausted. @default - none (dropped) */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Retries of a failed asynchronous invocation (0–2). @default 2 (the Lambda default) */
  readonly retryAttempts?: number;
  /** Powertools `service` key. @default 'cx-ledger' */
  readonly serviceName?: string;
  /** @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Directory holding `package-lock.json` and the sources. @default the repository root */
  readonly projectRoot?: string;
}

/**
 * The house-default Lambda: Node 22 on arm64, one ESM bundle per handler (AWS SDK v3 included so it
 * is tree-shaken), source maps, X-Ray, a one-month log group and Powertools settings.
 */
export class HouseFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    const projectRoot = props.projectRoot ?? REPO_ROOT;
    const logLevel = props.logLevel ?? 'INFO';
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      runtime: HOUSE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH }),
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? 'cx-ledger',
        POWERTOOLS_LOG_LEVEL: logLevel,
        LOG_LEVEL: logLevel,
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        charset: Charset.UTF8,
      },
    });
  }
}
