import type { RouteDef } from '@cxl/functions/routes';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { FunctionAlarms, constructId } from '../constructs/function-alarms';
import { HouseFunction } from '../constructs/house-function';
import type { LedgerTable, TableAccess } from '../constructs/ledger-table';
import type { UploadsBucket } from '../constructs/uploads-bucket';
import { handlerEntry } from '../paths';
import {
  functionNameVariable,
  ROUTE_SETTINGS,
  SCHEDULE_ACCESS,
  UPLOAD_ACCESS,
  WORKER_CALLERS,
} from '../wiring';
import type { ProcessingStack } from './processing-stack';

export interface ApiStackProps extends StackProps {
  /** The deployed routes (`ROUTES` without the local-only ones). */
  readonly routes: readonly RouteDef[];
  readonly ledger: LedgerTable;
  /** The bucket upload forms are posted to (`POST /api/uploads` signs the form). */
  readonly uploads: UploadsBucket;
  /** The workers routes start, and the report schedules routes manage. */
  readonly processing: ProcessingStack;
  /** JWT `iss` the authorizer and the handlers accept. */
  readonly cognitoIssuer: string;
  /** The SPA client id: the accepted audience (`client_id` of access tokens, `aud` of ID tokens). */
  readonly cognitoClientId: string;
  /** Environment every function needs (auth mode, Cognito issuer and client). */
  readonly sharedEnvironment: Readonly<Record<string, string>>;
  /** Cross-origin callers allowed by CORS; the SPA itself calls through CloudFront, same origin. */
  readonly allowedOrigins?: readonly string[];
  readonly alarmTopic?: sns.ITopic;
  /** Steady-state requests per second and burst for every route. @default 50 / 100 */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** p99 latency (ms) above which the latency alarm fires. @default 3000 */
  readonly latencyAlarmMs?: number;
  /** Directory holding `package-lock.json` and `functions/src/handlers`. */
  readonly sourceRoot: string;
}

function tableAccess(route: RouteDef): TableAccess {
  return route.method === 'GET' ? 'read' : 'readWrite';
}

/**
 * The HTTP API: one function per deployed route, JWT-authorized unless public, throttled, with JSON
 * access logs. Routes that start workers or manage report schedules get exactly that, from the tables
 * in `wiring.ts`.
 */
export class ApiStack extends Stack {
  readonly httpApi: apigw.HttpApi;
  /** Every route function by handler name. */
  readonly functions: ReadonlyMap<string, HouseFunction>;
  /** The routes without the JWT authorizer (`auth: public`). */
  readonly publicRoutes: readonly apigw.HttpRoute[];

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const functions = new Map<string, HouseFunction>();
    const publicRoutes: apigw.HttpRoute[] = [];

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

    for (const route of props.routes) {
      const settings = ROUTE_SETTINGS[route.handler] ?? {};
      const fn = new HouseFunction(this, constructId(route.handler), {
        entry: handlerEntry(props.sourceRoot, route.handler),
        projectRoot: props.sourceRoot,
        description: `${route.method} ${route.path}`,
        memorySize: settings.memorySize,
        timeout: settings.timeout,
        architecture: settings.architecture,
        bundleExtras: settings.bundleExtras,
        environment: props.sharedEnvironment,
      });
      props.ledger.bind(fn, tableAccess(route));

      const added = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, fn),
        authorizer: route.auth.kind === 'jwt' ? authorizer : undefined,
      });
      if (route.auth.kind === 'public') publicRoutes.push(...added);
      functions.set(route.handler, fn);

      const schedules = SCHEDULE_ACCESS[route.handler];
      if (schedules && props.processing.scheduling) props.processing.scheduling.bind(fn, schedules);
    }
    this.functions = functions;
    this.publicRoutes = publicRoutes;

    for (const [handler, workerHandler] of Object.entries(WORKER_CALLERS)) {
      const caller = functions.get(handler);
      const worker = props.processing.workers.get(workerHandler);
      if (!caller || !worker) continue;
      worker.grantInvoke(caller);
      caller.addEnvironment(
        functionNameVariable(props.processing.workerName(workerHandler)),
        worker.functionName,
      );
    }
    for (const [handler, access] of Object.entries(UPLOAD_ACCESS)) {
      const fn = functions.get(handler);
      if (fn) props.uploads.bind(fn, access);
    }

    if (props.alarmTopic) this.addAlarms(props.alarmTopic, props.latencyAlarmMs ?? 3000);

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint });
  }

  /** The API's execute-api host name, for a CloudFront origin. */
  get apiDomainName(): string {
    return `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
  }

  /** Errors and throttles of every route function, API 5xx and p99 latency. */
  private addAlarms(topic: sns.ITopic, latencyAlarmMs: number): void {
    const alarms = new FunctionAlarms(this, 'Alarms', {
      topic,
      functions: this.functions,
      deadLetterQueues: new Map(),
    });
    const period = Duration.minutes(5);
    alarms.alarm(alarms, 'Api5xx', {
      alarmDescription: 'HTTP API answered with 5xx',
      metric: this.httpApi.metricServerError({ period, statistic: cloudwatch.Stats.SUM }),
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    alarms.alarm(alarms, 'ApiLatencyP99', {
      alarmDescription: `HTTP API p99 latency above ${latencyAlarmMs} ms for 15 minutes`,
      metric: this.httpApi.metricLatency({ period, statistic: cloudwatch.Stats.p(99) }),
      threshold: latencyAlarmMs,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
  }
}
