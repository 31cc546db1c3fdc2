import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROUTES, WORKERS } from '@cxl/functions/routes';
import type { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { handlerEntry, REPO_ROOT } from '../../cdk/lib/paths';
import { ROUTE_SETTINGS, WORKER_SETTINGS } from '../../cdk/lib/wiring';
import { buildApp, resourcesOfType, stubSourceRoot, template, type Resource } from './fixture';

const stacks = buildApp();
const { api, processing } = stacks;
/** Route functions live in Api, workers in Processing. */
const FUNCTION_STACKS = [api, processing];
const deployed = ROUTES.filter((r) => !r.localOnly);
const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

type Props = Record<string, unknown>;
const props = (r: Resource) => (r.Properties ?? {}) as Props;

function functionByDescription(description: string): [string, Resource, Stack] {
  for (const stack of FUNCTION_STACKS) {
    const match = resourcesOfType(stack, 'AWS::Lambda::Function').find(
      ([, r]) => props(r).Description === description,
    );
    if (match) return [...match, stack];
  }
  throw new Error(`no function described ${description}`);
}

/** Every IAM action granted to the role of the function with `description`. */
function actionsOf(description: string): string[] {
  const [, fn, stack] = functionByDescription(description);
  const role = (props(fn).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resourcesOfType(stack, 'AWS::IAM::Policy')
    .filter(([, p]) => (props(p).Roles as Array<{ Ref: string }>).some((r) => r.Ref === role))
    .flatMap(
      ([, p]) => (props(p).PolicyDocument as { Statement: Array<{ Action: string | string[] }> }).Statement,
    )
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

function envOf(description: string): Record<string, unknown> {
  const [, fn] = functionByDescription(description);
  return (props(fn).Environment as { Variables: Record<string, unknown> }).Variables;
}

/** The house functions (one per deployed route and worker), without the CDK's own helpers. */
const HOUSE_DESCRIPTIONS = [...deployed.map(routeKey), ...WORKERS.map((w) => `worker ${w.name}`)];

/** Every deployed function: its handler file and its description. */
const UNITS = [
  ...deployed.map((r) => ({ handler: r.handler, description: routeKey(r) })),
  ...WORKERS.map((w) => ({ handler: w.handler, description: `worker ${w.name}` })),
];

/** The descriptions of the functions whose handler source matches `pattern` (the real handlers). */
function unitsWhoseSource(pattern: RegExp): string[] {
  return UNITS.filter(({ handler }) => pattern.test(readFileSync(handlerEntry(REPO_ROOT, handler), 'utf8')))
    .map(({ description }) => description)
    .sort();
}

/**
 * Whether a handler's imports (relative and `@cxl/*`, followed through functions/ and shared/) reach
 * `@napi-rs/canvas`, a native add-on that cannot be bundled.
 */
function reachesCanvas(handler: string): boolean {
  const seen = new Set<string>();
  const resolveFile = (base: string): string | undefined =>
    [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => existsSync(f) && f.endsWith('.ts'));
  const visit = (file: string): boolean => {
    if (seen.has(file)) return false;
    seen.add(file);
    // Type-only imports vanish from the bundle.
    const source = readFileSync(file, 'utf8').replace(
      /^\s*(?:import|export)\s+type\b[\s\S]*?from\s*'[^']+';?/gm,
      '',
    );
    for (const [, spec = ''] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      if (spec === '@napi-rs/canvas') return true;
      let target: string | undefined;
      if (spec.startsWith('.')) target = resolveFile(path.resolve(path.dirname(file), spec));
      else if (spec.startsWith('@cxl/functions/'))
        target = resolveFile(path.join(REPO_ROOT, 'functions', 'src', spec.slice('@cxl/functions/'.length)));
      else if (spec.startsWith('@cxl/shared/'))
        target = resolveFile(path.join(REPO_ROOT, 'shared', 'src', spec.slice('@cxl/shared/'.length)));
      if (target && visit(target)) return true;
    }
    return false;
  };
  return visit(handlerEntry(REPO_ROOT, handler));
}

/** Handlers that start the recompute worker (`requestRecompute` in AWS invokes it). */
const RECOMPUTE_CALLERS = unitsWhoseSource(/from '\.\.\/recompute\/trigger'/);
/** Handlers that start the report worker (`dispatchReport` in AWS invokes it). */
const REPORT_CALLERS = unitsWhoseSource(/\bdispatchReport\(/);
/** Handlers that arm or remove report schedules (directly, or through a report run). */
const SCHEDULE_MANAGERS = [
  ...new Set([
    ...unitsWhoseSource(/\barmSchedule\(|\bschedulePort\(\)/),
    ...unitsWhoseSource(/\brunScheduled\(/),
  ]),
].sort();

const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

describe('ApiStack routes', () => {
  const routes = resourcesOfType(api, 'AWS::ApiGatewayV2::Route').map(([, r]) => props(r));

  it('deploys every non-local route of ROUTES and nothing else', () => {
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(deployed.map(routeKey).sort());
  });

  it('leaves local-only routes out', () => {
    const local = ROUTES.filter((r) => r.localOnly).map(routeKey);
    expect(local.length).toBeGreaterThan(0);
    for (const key of local) expect(routes.map((r) => r.RouteKey)).not.toContain(key);
  });

  it('puts the JWT authorizer on every route except the public ones', () => {
    const publicKeys = deployed.filter((r) => r.auth.kind === 'public').map(routeKey);
    expect(publicKeys).toContain('GET /api/health');
    for (const route of routes) {
      if (publicKeys.includes(route.RouteKey as string)) {
        expect(route.AuthorizationType ?? 'NONE', String(route.RouteKey)).toBe('NONE');
        expect(route.AuthorizerId).toBeUndefined();
      } else {
        expect(route.AuthorizationType, String(route.RouteKey)).toBe('JWT');
        expect(route.AuthorizerId, String(route.RouteKey)).toBeDefined();
      }
    }
  });

  it('validates tokens against the Cognito issuer and the SPA client', () => {
    template(api).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: Match.objectLike({
          'Fn::GetStackOutput': Match.objectLike({ StackName: 'CxLedger-test-Auth' }),
        }),
        Audience: [Match.objectLike({ 'Fn::GetStackOutput': Match.anyValue() })],
      },
    });
  });

  it('throttles the default stage and writes access logs', () => {
    template(api).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });
});

describe('ApiStack functions', () => {
  const allFunctions = FUNCTION_STACKS.flatMap((stack) =>
    resourcesOfType(stack, 'AWS::Lambda::Function').map(([, r]) => props(r)),
  );
  const functions = allFunctions.filter((f) => HOUSE_DESCRIPTIONS.includes(String(f.Description)));

  it('creates one function per deployed route and per worker', () => {
    expect(functions.map((f) => f.Description).sort()).toEqual([...HOUSE_DESCRIPTIONS].sort());
  });

  it("has no other function than the CDK's S3 notifications handler", () => {
    const others = allFunctions.filter((f) => !HOUSE_DESCRIPTIONS.includes(String(f.Description)));
    expect(others.map((f) => f.Description)).toEqual([
      expect.stringMatching(/Custom::S3BucketNotifications/) as string,
    ]);
  });

  it('runs every function on Node.js 24, on arm64 unless it renders charts (x86_64, native canvas)', () => {
    const rendering = UNITS.filter(({ handler }) => reachesCanvas(handler)).map((u) => u.description);
    expect(rendering).toContain('worker report');
    for (const fn of functions) {
      expect(fn.Runtime).toBe('nodejs24.x');
      expect(fn.Architectures, String(fn.Description)).toEqual([
        rendering.includes(String(fn.Description)) ? 'x86_64' : 'arm64',
      ]);
    }
  });

  it.each(UNITS.filter(({ handler }) => reachesCanvas(handler)).map((u) => [u.description, u.handler]))(
    '%s ships @napi-rs/canvas, its x64 binary and the CJK fonts beside its bundle',
    (_description, handler) => {
      const settings = ROUTE_SETTINGS[handler] ?? WORKER_SETTINGS[handler];
      expect(settings?.bundleExtras?.externalModules).toContain('@napi-rs/canvas');
      expect(settings?.bundleExtras?.copy?.map((c) => c.to)).toEqual(
        expect.arrayContaining([
          'node_modules/@napi-rs/canvas',
          'node_modules/@napi-rs/canvas-linux-x64-gnu',
          'fonts/NotoSansHans-Regular.otf',
        ]),
      );
    },
  );

  it('traces with X-Ray, maps source maps and logs to a one-month log group', () => {
    for (const fn of functions) {
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Handler).toBe('index.handler');
      expect((fn.Environment as { Variables: Props }).Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'cx-ledger',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      });
      expect(fn.LoggingConfig).toEqual({ LogGroup: { Ref: expect.any(String) as string } });
    }
    template(api).allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('gives every function the table and the Cognito settings', () => {
    for (const route of deployed) {
      expect(Object.keys(envOf(routeKey(route)))).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'AUTH_MODE', 'COGNITO_ISSUER', 'COGNITO_CLIENT_ID']),
      );
      expect(envOf(routeKey(route)).AUTH_MODE).toBe('cognito');
    }
  });

  it('grants read routes no table writes and write routes read/write', () => {
    for (const route of deployed) {
      const actions = actionsOf(routeKey(route));
      expect(actions, routeKey(route)).toContain('dynamodb:Query');
      if (route.method === 'GET') {
        expect(
          actions.filter((a) => WRITE_ACTIONS.includes(a)),
          routeKey(route),
        ).toEqual([]);
      } else {
        expect(actions, routeKey(route)).toEqual(expect.arrayContaining(WRITE_ACTIONS));
      }
    }
  });

  it('finds the recompute callers in the handler sources', () => {
    expect(RECOMPUTE_CALLERS).toEqual(
      expect.arrayContaining([
        'POST /api/recompute',
        'POST /api/uploads/{uploadId}/restore',
        'worker process-upload',
      ]),
    );
  });

  it.each(RECOMPUTE_CALLERS)('lets %s start the recompute worker', (description) => {
    expect(actionsOf(description)).toContain('lambda:InvokeFunction');
    const [, , stack] = functionByDescription(description);
    // The worker's name: a reference inside Processing, that stack's output from Api.
    expect(envOf(description).RECOMPUTE_FUNCTION_NAME).toEqual(
      stack === processing
        ? { Ref: expect.stringMatching(/^RecomputeWorker/) as string }
        : {
            'Fn::GetStackOutput': expect.objectContaining({
              StackName: processing.stackName,
              OutputName: expect.stringMatching(/^PublishOutputRefRecomputeWorker/) as string,
            }) as unknown,
          },
    );
  });

  it('finds the report callers and schedule managers in the handler sources', () => {
    expect(REPORT_CALLERS).toEqual(['POST /api/report-subscriptions/{id}/send-now']);
    expect(SCHEDULE_MANAGERS).toEqual(
      expect.arrayContaining([
        'DELETE /api/report-subscriptions/{id}',
        'POST /api/report-subscriptions',
        'PUT /api/report-subscriptions/{id}',
        'worker report',
      ]),
    );
  });

  it.each(REPORT_CALLERS)('lets %s start the report worker', (description) => {
    expect(actionsOf(description)).toContain('lambda:InvokeFunction');
    expect(envOf(description).REPORT_FUNCTION_NAME).toEqual({
      'Fn::GetStackOutput': expect.objectContaining({
        StackName: processing.stackName,
        OutputName: expect.stringMatching(/^PublishOutputRefReportWorker/) as string,
      }) as unknown,
    });
  });

  it('lets no other function invoke anything', () => {
    const callers = [...RECOMPUTE_CALLERS, ...REPORT_CALLERS];
    for (const description of HOUSE_DESCRIPTIONS.filter((d) => !callers.includes(d))) {
      expect(actionsOf(description), description).not.toContain('lambda:InvokeFunction');
      expect(envOf(description).RECOMPUTE_FUNCTION_NAME, description).toBeUndefined();
      expect(envOf(description).REPORT_FUNCTION_NAME, description).toBeUndefined();
    }
  });

  it('gives exactly the schedule managers the Scheduler writes, on the group, and PassRole on its role', () => {
    const SCHEDULER_WRITES = [
      'scheduler:CreateSchedule',
      'scheduler:UpdateSchedule',
      'scheduler:DeleteSchedule',
    ];
    for (const description of HOUSE_DESCRIPTIONS) {
      const actions = actionsOf(description);
      const scheduler = actions.filter((a) => a.startsWith('scheduler:'));
      if (SCHEDULE_MANAGERS.includes(description)) {
        expect(scheduler.sort(), description).toEqual([...SCHEDULER_WRITES, 'scheduler:GetSchedule'].sort());
        expect(actions, description).toContain('iam:PassRole');
        expect(Object.keys(envOf(description)), description).toEqual(
          expect.arrayContaining([
            'SCHEDULE_GROUP',
            'SCHEDULER_ROLE_ARN',
            'REPORT_WORKER_ARN',
            'SCHEDULE_DLQ_ARN',
          ]),
        );
      } else {
        expect(scheduler, description).toEqual([]);
        expect(actions, description).not.toContain('iam:PassRole');
        expect(envOf(description).SCHEDULE_GROUP, description).toBeUndefined();
      }
    }
  });

  it('sizes the recompute worker for batch work with table writes, two at a time', () => {
    const worker = functions.find((f) => f.Description === 'worker recompute');
    expect(worker).toMatchObject({ Timeout: 300, MemorySize: 2048, ReservedConcurrentExecutions: 2 });
    expect(actionsOf('worker recompute')).toEqual(expect.arrayContaining(WRITE_ACTIONS));
  });

  it('sizes the upload worker for one large file at a time, five at most, with table writes', () => {
    const worker = functions.find((f) => f.Description === 'worker process-upload');
    expect(worker).toMatchObject({ Timeout: 900, MemorySize: 1024, ReservedConcurrentExecutions: 5 });
    expect(actionsOf('worker process-upload')).toEqual(expect.arrayContaining(WRITE_ACTIONS));
  });

  it('gives the uploads bucket only to POST /api/uploads and the upload worker', () => {
    const withBucket = HOUSE_DESCRIPTIONS.filter((d) => envOf(d).UPLOAD_BUCKET !== undefined);
    expect(withBucket.sort()).toEqual(['POST /api/uploads', 'worker process-upload']);
    // The handler sources agree: only these two use the bucket (presign / read).
    expect(unitsWhoseSource(/\bpresignUpload\(/)).toEqual(['POST /api/uploads']);
    expect(unitsWhoseSource(/\buploadsBlobStore\(/)).toEqual(['worker process-upload']);
    for (const description of HOUSE_DESCRIPTIONS) {
      const s3 = actionsOf(description).filter((a) => a.startsWith('s3:'));
      if (description === 'POST /api/uploads') expect(s3).toEqual(['s3:PutObject']);
      else if (description === 'worker process-upload') expect(s3).toEqual(['s3:GetObject']);
      // The report worker reads and writes rendered reports (reports bucket; security.test.ts).
      else if (description === 'worker report') expect(s3).toEqual(['s3:GetObject', 's3:PutObject']);
      else expect(s3, description).toEqual([]);
    }
  });

  it('fails synthesis naming every missing handler entry', () => {
    const root = stubSourceRoot(['get-health']);
    expect(() => buildApp({ sourceRoot: root })).toThrow(
      /missing handler entry files: .*get-me\.ts.*recompute-worker\.ts/,
    );
  });
});

describe('alarms', () => {
  const apiAlarms = resourcesOfType(api, 'AWS::CloudWatch::Alarm');
  const workerAlarms = resourcesOfType(processing, 'AWS::CloudWatch::Alarm');
  const metricsOf = (alarms: Array<[string, Resource]>) => alarms.map(([, r]) => props(r).MetricName);
  const queues = resourcesOfType(processing, 'AWS::SQS::Queue').length;

  it('alarms on errors and throttles of every route function, API 5xx and p99 latency', () => {
    const metrics = metricsOf(apiAlarms);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(deployed.length);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(deployed.length);
    expect(metrics.filter((m) => m === '5xx')).toHaveLength(1);
    expect(apiAlarms).toHaveLength(2 * deployed.length + 2);
    template(api).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p99',
      Threshold: 3000,
      EvaluationPeriods: 3,
    });
  });

  it('alarms on errors and throttles of every worker and on every dead-letter queue', () => {
    const metrics = metricsOf(workerAlarms);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(WORKERS.length);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(WORKERS.length);
    expect(queues).toBeGreaterThanOrEqual(WORKERS.length);
    expect(metrics.filter((m) => m === 'ApproximateNumberOfMessagesVisible')).toHaveLength(queues);
    expect(workerAlarms).toHaveLength(2 * WORKERS.length + queues);
  });

  it('notifies the alarm topic from every alarm', () => {
    for (const [id, alarm] of [...apiAlarms, ...workerAlarms]) {
      expect(props(alarm).AlarmActions, id).toEqual([
        { 'Fn::GetStackOutput': expect.objectContaining({ StackName: stacks.monitoring.stackName }) },
      ]);
    }
  });

  it('keeps alarm ids apart from function ids (get-upload + Errors vs get-upload-errors)', () => {
    const handlers = [...deployed.map((r) => r.handler), ...WORKERS.map((w) => w.handler)];
    expect(handlers).toEqual(expect.arrayContaining(['get-upload', 'get-upload-errors']));
    for (const [id] of [...apiAlarms, ...workerAlarms]) expect(id).toMatch(/^Alarms/);
  });
});
