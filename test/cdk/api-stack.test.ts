import { ROUTES, WORKERS } from '@cxl/functions/routes';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
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
  const functions = resourcesOfType(api, 'AWS::Lambda::Function').map(([, r]) => props(r));

  it('creates one function per deployed route and per worker', () => {
    expect(functions).toHaveLength(deployed.length + WORKERS.length);
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

  it('lets POST /api/recompute start the recompute worker', () => {
    expect(actionsOf('POST /api/recompute')).toContain('lambda:InvokeFunction');
    expect(envOf('POST /api/recompute').RECOMPUTE_FUNCTION_NAME).toEqual({
      Ref: expect.stringMatching(/^RecomputeWorker/) as string,
    });
    expect(actionsOf('GET /api/recompute/status')).not.toContain('lambda:InvokeFunction');
  });

  it('sizes the recompute worker for batch work with table writes', () => {
    const worker = functions.find((f) => f.Description === 'worker recompute');
    expect(worker).toMatchObject({ Timeout: 300, MemorySize: 2048 });
    expect(actionsOf('worker recompute')).toEqual(expect.arrayContaining(WRITE_ACTIONS));
  });

  it('fails synthesis naming every missing handler entry', () => {
    const root = stubSourceRoot(['get-health']);
    expect(() => buildApp({ sourceRoot: root })).toThrow(
      /missing handler entry files: .*get-me\.ts.*recompute-worker\.ts/,
    );
  });
});

describe('ApiStack alarms', () => {
  it('alarms on errors of every function and on API 5xx, notifying the alarm topic', () => {
    const alarms = resourcesOfType(api, 'AWS::CloudWatch::Alarm').map(([, r]) => props(r));
    expect(alarms.filter((a) => a.MetricName === 'Errors')).toHaveLength(deployed.length + WORKERS.length);
    expect(alarms.filter((a) => a.MetricName === '5xx')).toHaveLength(1);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
  });
});
