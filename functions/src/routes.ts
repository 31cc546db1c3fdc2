import type { Permission } from '@cxl/shared/auth';

/**
 * Every HTTP route of the product: one entry file per route under `src/handlers/<handler>.ts`.
 * The CDK API stack, the local host and the authorization-matrix test all iterate this table, so a
 * route exists in one place only.
 */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway v2 route path, `{param}` for path parameters. */
  path: string;
  /** File name (without `.ts`) under `functions/src/handlers/`. */
  handler: string;
  /** `public` routes skip the JWT authorizer; the rest need a token with `permission`. */
  auth: { kind: 'public' } | { kind: 'jwt'; permission: Permission };
  /** Only served by the local host (the AWS deployment signs users in through Cognito). */
  localOnly?: boolean;
}

export const ROUTES: readonly RouteDef[] = [
  { method: 'GET', path: '/api/health', handler: 'get-health', auth: { kind: 'public' } },
  { method: 'GET', path: '/api/openapi.json', handler: 'get-openapi', auth: { kind: 'public' } },
  {
    method: 'POST',
    path: '/api/auth/login',
    handler: 'post-auth-login',
    auth: { kind: 'public' },
    localOnly: true,
  },
  { method: 'GET', path: '/api/me', handler: 'get-me', auth: { kind: 'jwt', permission: 'dashboard:read' } },
  {
    method: 'GET',
    path: '/api/meta',
    handler: 'get-meta',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/metrics',
    handler: 'get-metrics',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'POST',
    path: '/api/recompute',
    handler: 'post-recompute',
    auth: { kind: 'jwt', permission: 'recompute:run' },
  },
  {
    method: 'GET',
    path: '/api/recompute/status',
    handler: 'get-recompute-status',
    auth: { kind: 'jwt', permission: 'recompute:run' },
  },
  {
    method: 'POST',
    path: '/api/uploads',
    handler: 'post-uploads',
    auth: { kind: 'jwt', permission: 'uploads:write' },
  },
  {
    method: 'GET',
    path: '/api/uploads',
    handler: 'get-uploads',
    auth: { kind: 'jwt', permission: 'uploads:write' },
  },
  {
    method: 'GET',
    path: '/api/uploads/{uploadId}',
    handler: 'get-upload',
    auth: { kind: 'jwt', permission: 'uploads:write' },
  },
  {
    method: 'GET',
    path: '/api/uploads/{uploadId}/errors',
    handler: 'get-upload-errors',
    auth: { kind: 'jwt', permission: 'uploads:write' },
  },
  {
    method: 'POST',
    path: '/api/uploads/{uploadId}/restore',
    handler: 'post-upload-restore',
    auth: { kind: 'jwt', permission: 'uploads:write' },
  },
  {
    method: 'GET',
    path: '/api/templates/{kind}',
    handler: 'get-template',
    auth: { kind: 'jwt', permission: 'uploads:write' },
  },
  {
    method: 'GET',
    path: '/api/periods',
    handler: 'get-periods',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'POST',
    path: '/api/periods/{month}/lock',
    handler: 'post-period-lock',
    auth: { kind: 'jwt', permission: 'periods:lock' },
  },
  {
    method: 'DELETE',
    path: '/api/periods/{month}/lock',
    handler: 'delete-period-lock',
    auth: { kind: 'jwt', permission: 'periods:lock' },
  },
  {
    method: 'POST',
    path: '/api/ingest/{kind}',
    handler: 'post-ingest',
    auth: { kind: 'jwt', permission: 'uploads:cx' },
  },
  {
    method: 'GET',
    path: '/api/linkage',
    handler: 'get-linkage',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/drivers',
    handler: 'get-drivers',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/revenue-at-risk',
    handler: 'get-revenue-at-risk',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/cope',
    handler: 'get-cope',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/drilldown',
    handler: 'get-drilldown',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/churn-model',
    handler: 'get-churn-model',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/initiatives/{id}/impact',
    handler: 'get-initiative-impact',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'POST',
    path: '/api/what-if',
    handler: 'post-what-if',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/assumptions',
    handler: 'get-assumptions',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'PUT',
    path: '/api/assumptions',
    handler: 'put-assumptions',
    auth: { kind: 'jwt', permission: 'assumptions:write' },
  },
  {
    method: 'GET',
    path: '/api/benchmarks',
    handler: 'get-benchmarks',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/targets',
    handler: 'get-targets',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'PUT',
    path: '/api/targets',
    handler: 'put-targets',
    auth: { kind: 'jwt', permission: 'targets:write' },
  },
  {
    method: 'GET',
    path: '/api/initiatives',
    handler: 'get-initiatives',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'POST',
    path: '/api/initiatives',
    handler: 'post-initiatives',
    auth: { kind: 'jwt', permission: 'initiatives:write' },
  },
  {
    method: 'PUT',
    path: '/api/initiatives/{id}',
    handler: 'put-initiative',
    auth: { kind: 'jwt', permission: 'initiatives:write' },
  },
  {
    method: 'DELETE',
    path: '/api/initiatives/{id}',
    handler: 'delete-initiative',
    auth: { kind: 'jwt', permission: 'initiatives:write' },
  },
  {
    method: 'GET',
    path: '/api/touchpoints',
    handler: 'get-touchpoints',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'GET',
    path: '/api/touchpoints/matrix',
    handler: 'get-touchpoints-matrix',
    auth: { kind: 'jwt', permission: 'dashboard:read' },
  },
  {
    method: 'POST',
    path: '/api/touchpoints',
    handler: 'post-touchpoints',
    auth: { kind: 'jwt', permission: 'touchpoints:write' },
  },
  {
    method: 'PUT',
    path: '/api/touchpoints/{id}',
    handler: 'put-touchpoint',
    auth: { kind: 'jwt', permission: 'touchpoints:write' },
  },
  {
    method: 'DELETE',
    path: '/api/touchpoints/{id}',
    handler: 'delete-touchpoint',
    auth: { kind: 'jwt', permission: 'touchpoints:write' },
  },
  // Report subscriptions: admins and CX managers manage all; executives their own (the handlers
  // narrow `reports:subscribe` to the caller's own subscriptions unless they hold `reports:manage`).
  ...(
    [
      ['GET', '/api/report-subscriptions', 'get-report-subscriptions'],
      ['POST', '/api/report-subscriptions', 'post-report-subscriptions'],
      ['PUT', '/api/report-subscriptions/{id}', 'put-report-subscription'],
      ['DELETE', '/api/report-subscriptions/{id}', 'delete-report-subscription'],
      ['POST', '/api/report-subscriptions/{id}/send-now', 'post-report-subscription-send-now'],
      ['GET', '/api/report-subscriptions/{id}/preview', 'get-report-subscription-preview'],
      ['POST', '/api/reports/preview', 'post-report-preview'],
      ['GET', '/api/report-runs', 'get-report-runs'],
    ] as const
  ).map(([method, path, handler]) => ({
    method,
    path,
    handler,
    auth: { kind: 'jwt' as const, permission: 'reports:subscribe' as const },
  })),
  {
    method: 'GET',
    path: '/api/report-recipients',
    handler: 'get-report-recipients',
    auth: { kind: 'jwt', permission: 'reports:manage' },
  },
  {
    method: 'POST',
    path: '/api/report-recipients',
    handler: 'post-report-recipients',
    auth: { kind: 'jwt', permission: 'reports:approve' },
  },
  {
    method: 'DELETE',
    path: '/api/report-recipients/{email}',
    handler: 'delete-report-recipient',
    auth: { kind: 'jwt', permission: 'reports:approve' },
  },
  {
    method: 'GET',
    path: '/api/reports/unsubscribe',
    handler: 'get-report-unsubscribe',
    auth: { kind: 'public' },
  },
  {
    method: 'POST',
    path: '/api/reports/unsubscribe',
    handler: 'post-report-unsubscribe',
    auth: { kind: 'public' },
  },
  {
    method: 'GET',
    path: '/api/reports/outbox',
    handler: 'get-report-outbox',
    auth: { kind: 'jwt', permission: 'reports:manage' },
    localOnly: true,
  },
  {
    method: 'GET',
    path: '/api/reports/outbox/{file}',
    handler: 'get-report-outbox-message',
    auth: { kind: 'jwt', permission: 'reports:manage' },
    localOnly: true,
  },
];

/** Non-HTTP functions (invoked by events or other functions). */
export const WORKERS = [
  { name: 'recompute', handler: 'recompute-worker' },
  { name: 'process-upload', handler: 'process-upload-worker' },
  { name: 'report', handler: 'report-worker' },
] as const;
