import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROUTES, WORKERS, type RouteDef } from '@cxl/functions/routes';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HouseFunction } from '../constructs/house-function';
import type { LedgerTable, TableAccess } from '../constructs/ledger-table';
import type { UploadsAccess, UploadsBucket } from '../constructs/uploads-bucket';
import { handlerEntry, REPO_ROOT } from '../paths';

type WorkerName = (typeof WORKERS)[number]['name'];

/**
 * Functions that start a worker asynchronously: handler → worker. Each gets `lambda:InvokeFunction`
 * on it and `<WORKER>_FUNCTION_NAME`. Every handler importing `recompute/trigger` must be listed (a
 * test reads the handlers and checks): without it `requestRecompute` fails in AWS.
 */
const WORKER_CALLERS: Readonly<Record<string, WorkerName>> = {
  'post-recompute': 'recompute',
  'post-upload-restore': 'recompute',
  'post-ingest': 'recompute',
  'put-assumptions': 'recompute',
  'post-initiatives': 'recompute',
  'put-initiative': 'recompute',
  'delete-initiative': 'recompute',
  'process-upload-worker': 'recompute',
};

/**
 * Functions that touch the uploads bucket, and how (`UPLOAD_BUCKET` plus the grant). The other upload
 * routes (status, lists, error reports, restore, templates, batches) work on the table only. A test
 * checks this against the handlers importing `presignUpload` / `uploadsBlobStore`.
 */
const UPLOAD_ACCESS: Readonly<Record<string, UploadsAccess>> = {
  'post-uploads': 'presign',
  'process-upload-worker': 'read',
};

/** The worker started by object-created events under `uploads/`. */
const UPLOAD_LISTENER: WorkerName = 'process-upload';

interface WorkerSettings {
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly reservedConcurrentExecutions?: number;
}

/** Sizing per worker; a new worker in `WORKERS` does not compile until it has an entry. */
const WORKER_SETTINGS: Readonly<Record<WorkerName, WorkerSettings>> = {
  recompute: { memorySize: 2048, timeout: Duration.minutes(5) },
  // Up to the Lambda maximum for the largest files (200 MB); five at a time so a burst of uploads
  // cannot crowd out the API's table capacity or the account's concurrency.
  'process-upload': { memorySize: 1024, timeout: Duration.minutes(15), reservedConcurrentExecutions: 5 },
};

/** Retries of a failed asynchronous worker invocation before it goes to the dead-letter queue. */
const WORKER_RETRY_ATTEMPTS = 2;

export interface ApiStackProps extends StackProps {
  readonly ledger: LedgerTable;
  /** The bucket upload forms are posted to; its object-created events start `process-upload`. */
  readonly uploads: UploadsBucket;
  /** JWT `iss` the authorizer and the handlers accept. */
  readonly cognitoIssuer: string;
  /** The SPA client id: the accepted audience (`client_id` of access tokens, `aud` of ID tokens). */
  readonly cognitoClientId: string;
  /** Cross-origin callers allowed by CORS; the SPA itself calls through CloudFront, same origin. */
  readonly allowedOrigins?: readonly string[];
  readonly alarmTopic?: sns.ITopic;
  /** Steady-state requests per second and burst for every route. @default 50 / 100 */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** Directory holding `package-lock.json` and `functions/src/handlers`. @default the repository root */
  readonly sourceRoot?: string;
}

/** PascalCase construct id from a kebab-case handler name: `get-me` → `GetMe`. */
function constructId(handler: string): string {
  return handler
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function tableAccess(route: RouteDef): TableAccess {
  return route.method === 'GET' ? 'read' : 'readWrite';
}

/** `recompute` → `RECOMPUTE_FUNCTION_NAME`, `process-upload` → `PROCESS_UPLOAD_FUNCTION_NAME`. */
function functionNameVariable(worker: WorkerName): string {
  return `${worker.toUpperCase().replace(/-/g, '_')}_FUNCTION_NAME`;
}

/**
 * The HTTP API: one function per deployed route of `ROUTES`, JWT-authorized unless public, plus the
 * workers of `WORKERS`. Local-only routes are not deployed.
 */
export class ApiStack extends Stack {
  readonly httpApi: apigw.HttpApi;
  /** Every function of the stack by handler name. */
  readonly functions: ReadonlyMap<string, HouseFunction>;
  /** The dead-letter queue of each worker's asynchronous invocations, by handler name. */
  readonly deadLetterQueues: ReadonlyMap<string, sqs.Queue>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const sourceRoot = props.sourceRoot ?? REPO_ROOT;
    const routes = ROUTES.filter((r) => !r.localOnly);

    const missing = [...routes.map((r) => r.handler), ...WORKERS.map((w) => w.handler)]
      .map((handler) => handlerEntry(sourceRoot, handler))
      .filter((entry) => !existsSync(entry));
    if (missing.length > 0) {
      const list = missing.map((entry) => path.relative(sourceRoot, entry)).join(', ');
      throw new Error(`ApiStack: missing handler entry files: ${list}`);
    }

    const sharedEnv = {
      AUTH_MODE: 'cognito',
      COGNITO_ISSUER: props.cognitoIssuer,
      COGNITO_CLIENT_ID: props.cognitoClientId,
    };
    const functions = new Map<string, HouseFunction>();

    const workers = new Map<WorkerName, HouseFunction>();
    const deadLetterQueues = new Map<string, sqs.Queue>();
    const deadLetters = new Construct(this, 'DeadLetters');
    for (const worker of WORKERS) {
      const deadLetterQueue = new sqs.Queue(deadLetters, constructId(worker.handler), {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const fn = new HouseFunction(this, constructId(worker.handler), {
        entry: handlerEntry(sourceRoot, worker.handler),
        projectRoot: sourceRoot,
        description: `worker ${worker.name}`,
        ...WORKER_SETTINGS[worker.name],
        deadLetterQueue,
        retryAttempts: WORKER_RETRY_ATTEMPTS,
        environment: sharedEnv,
      });
      props.ledger.bind(fn, 'readWrite');
      workers.set(worker.name, fn);
      functions.set(worker.handler, fn);
      deadLetterQueues.set(worker.handler, deadLetterQueue);
    }
    this.deadLetterQueues = deadLetterQueues;

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const allowedOrigins = props.allowedOrigins ?? [];
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'CX Ledger API',
      createDefaultStage: false,
      corsPreflight:
        allowedOrigins.length > 0
          ? {
              allowOrigins: [...allowedOrigins],
              allowMethods: [apigw.CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });
    new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sourceIp: '$context.identity.sourceIp',
            time: '$context.requestTime',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', props.cognitoIssuer, {
      jwtAudience: [props.cognitoClientId],
    });

    for (const route of routes) {
      const fn = new HouseFunction(this, constructId(route.handler), {
        entry: handlerEntry(sourceRoot, route.handler),
        projectRoot: sourceRoot,
        description: `${route.method} ${route.path}`,
        environment: sharedEnv,
      });
      props.ledger.bind(fn, tableAccess(route));

      this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, fn),
        authorizer: route.auth.kind === 'jwt' ? authorizer : undefined,
      });
      functions.set(route.handler, fn);
    }
    this.functions = functions;

    for (const [handler, workerName] of Object.entries(WORKER_CALLERS)) {
      const caller = functions.get(handler);
      const worker = workers.get(workerName);
      if (!caller || !worker) throw new Error(`ApiStack: WORKER_CALLERS names no function ${handler}`);
      worker.grantInvoke(caller);
      caller.addEnvironment(functionNameVariable(workerName), worker.functionName);
    }
    for (const [handler, access] of Object.entries(UPLOAD_ACCESS)) {
      const fn = functions.get(handler);
      if (!fn) throw new Error(`ApiStack: UPLOAD_ACCESS names no function ${handler}`);
      props.uploads.bind(fn, access);
    }
    const listener = workers.get(UPLOAD_LISTENER);
    if (!listener) throw new Error(`ApiStack: no worker ${UPLOAD_LISTENER}`);
    props.uploads.addUploadListener(listener);

    if (props.alarmTopic) this.addAlarms(props.alarmTopic);

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint });
  }

  /** The API's execute-api host name, for a CloudFront origin. */
  get apiDomainName(): string {
    return `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
  }

  /**
   * Alarms live in their own scope, one sub-scope per kind keyed by handler, so their ids cannot meet
   * a function's (`get-upload` + `Errors` once collided with the function of `get-upload-errors`).
   */
  private addAlarms(topic: sns.ITopic): void {
    const action = new actions.SnsAction(topic);
    const period = Duration.minutes(5);
    const alarms = new Construct(this, 'Alarms');

    const errors = new Construct(alarms, 'Errors');
    for (const [handler, fn] of this.functions) {
      const alarm = new cloudwatch.Alarm(errors, constructId(handler), {
        alarmDescription: `${handler} threw errors`,
        metric: fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
    }

    const deadLetters = new Construct(alarms, 'DeadLetters');
    for (const [handler, queue] of this.deadLetterQueues) {
      const alarm = new cloudwatch.Alarm(deadLetters, constructId(handler), {
        alarmDescription: `${handler}: an asynchronous invocation failed every retry and was dead-lettered`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
    }

    const serverErrors = new cloudwatch.Alarm(alarms, 'Api5xx', {
      alarmDescription: 'HTTP API answered with 5xx',
      metric: this.httpApi.metricServerError({ period, statistic: cloudwatch.Stats.SUM }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    serverErrors.addAlarmAction(action);
  }
}
