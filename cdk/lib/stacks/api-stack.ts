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
import type { Construct } from 'constructs';
import { HouseFunction } from '../constructs/house-function';
import type { LedgerTable, TableAccess } from '../constructs/ledger-table';
import { handlerEntry, REPO_ROOT } from '../paths';

type WorkerName = (typeof WORKERS)[number]['name'];

/** Route handlers that start a worker asynchronously: handler → worker. */
const WORKER_CALLERS: Readonly<Record<string, WorkerName>> = { 'post-recompute': 'recompute' };

export interface ApiStackProps extends StackProps {
  readonly ledger: LedgerTable;
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

/**
 * The HTTP API: one function per deployed route of `ROUTES`, JWT-authorized unless public, plus the
 * workers of `WORKERS`. Local-only routes are not deployed.
 */
export class ApiStack extends Stack {
  readonly httpApi: apigw.HttpApi;
  /** Every function of the stack by handler name. */
  readonly functions: ReadonlyMap<string, HouseFunction>;

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
    for (const worker of WORKERS) {
      const fn = new HouseFunction(this, constructId(worker.handler), {
        entry: handlerEntry(sourceRoot, worker.handler),
        projectRoot: sourceRoot,
        description: `worker ${worker.name}`,
        memorySize: 2048,
        timeout: Duration.minutes(5),
        environment: sharedEnv,
      });
      props.ledger.bind(fn, 'readWrite');
      workers.set(worker.name, fn);
      functions.set(worker.handler, fn);
    }

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

      const workerName = WORKER_CALLERS[route.handler];
      const worker = workerName && workers.get(workerName);
      if (worker) {
        worker.grantInvoke(fn);
        fn.addEnvironment(`${workerName.toUpperCase()}_FUNCTION_NAME`, worker.functionName);
      }

      this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, fn),
        authorizer: route.auth.kind === 'jwt' ? authorizer : undefined,
      });
      functions.set(route.handler, fn);
    }
    this.functions = functions;

    if (props.alarmTopic) this.addAlarms(props.alarmTopic);

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint });
  }

  /** The API's execute-api host name, for a CloudFront origin. */
  get apiDomainName(): string {
    return `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
  }

  private addAlarms(topic: sns.ITopic): void {
    const action = new actions.SnsAction(topic);
    const period = Duration.minutes(5);
    for (const [handler, fn] of this.functions) {
      const alarm = new cloudwatch.Alarm(this, `${constructId(handler)}Errors`, {
        alarmDescription: `${handler} threw errors`,
        metric: fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
    }
    const serverErrors = new cloudwatch.Alarm(this, 'Api5xx', {
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
