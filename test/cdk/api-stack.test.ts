import { readFileSync } from 'node:fs';
import { ROUTES, WORKERS } from '@cxl/functions/routes';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { handlerEntry, REPO_ROOT } from '../../cdk/lib/paths';
import { buildApp, resourcesOfType, stubSourceRoot, template, type Resource } from './fixture';

const stacks = buildApp();
const { api } = stacks;
const deployed = ROUTES.filter((r) => !r.localOnly);
const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

type Props = Record<string, unknown>;
const props = (r: Resource) => (r.Properties ?? {}) as Props;

function functionByDescription(description: string): [string, Resource] {
  const match = resourcesOfType(api, 'AWS::Lambda::Function').find(
    ([, r]) => props(r).Description === description,
  );
  if (!match) throw new Error(`no function described ${description}`);
  return match;
}

/** Every IAM action granted to the role of the function with `description`. */
function actionsOf(description: string): string[] {
  const [, fn] = functionByDescription(description);
  const role = (props(fn).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resourcesOfType(api, 'AWS::IAM::Policy')
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

/** Handlers that start the recompute worker (`requestRecompute` in AWS invokes it). */
const RECOMPUTE_CALLERS = unitsWhoseSource(/from '\.\.\/recompute\/trigger'/);

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
  const allFunctions = resourcesOfType(api, 'AWS::Lambda::Function').map(([, r]) => props(r));
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

  it('runs every function on arm64 with Node.js 22 or later', () => {
    for (const fn of functions) {
      expect(fn.Architectures).toEqual(['arm64']);
      const major = /^nodejs(\d+)\.x$/.exec(String(fn.Runtime))?.[1];
      expect(Number(major), String(fn.Runtime)).toBeGreaterThanOrEqual(22);
    }
  });

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
    expect(envOf(description).RECOMPUTE_FUNCTION_NAME).toEqual({
      Ref: expect.stringMatching(/^RecomputeWorker/) as string,
    });
  });

  it('lets no other function invoke anything', () => {
    for (const description of HOUSE_DESCRIPTIONS.filter((d) => !RECOMPUTE_CALLERS.includes(d))) {
      expect(actionsOf(description), description).not.toContain('lambda:InvokeFunction');
      expect(envOf(description).RECOMPUTE_FUNCTION_NAME, description).toBeUndefined();
    }
  });

  it('sizes the recompute worker for batch work with table writes', () => {
    const worker = functions.find((f) => f.Description === 'worker recompute');
    expect(worker).toMatchObject({ Timeout: 300, MemorySize: 2048 });
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

describe('ApiStack alarms', () => {
  const alarms = resourcesOfType(api, 'AWS::CloudWatch::Alarm');

  it('alarms on errors of every function, dead letters and API 5xx, notifying the alarm topic', () => {
    const metrics = alarms.map(([, r]) => props(r).MetricName);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(deployed.length + WORKERS.length);
    expect(metrics.filter((m) => m === 'ApproximateNumberOfMessagesVisible')).toHaveLength(WORKERS.length);
    expect(metrics.filter((m) => m === '5xx')).toHaveLength(1);
    expect(alarms).toHaveLength(deployed.length + 2 * WORKERS.length + 1);
    for (const [, alarm] of alarms) expect(props(alarm).AlarmActions).toHaveLength(1);
  });

  it('keeps alarm ids apart from function ids (get-upload + Errors vs get-upload-errors)', () => {
    const handlers = [...deployed.map((r) => r.handler), ...WORKERS.map((w) => w.handler)];
    expect(handlers).toEqual(expect.arrayContaining(['get-upload', 'get-upload-errors']));
    for (const [id] of alarms) expect(id).toMatch(/^Alarms/);
  });
});
