import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROUTES, WORKERS, type RouteDef } from '@cxl/functions/routes';
import { Annotations, Tags, type App, type Environment } from 'aws-cdk-lib';
import { handlerEntry } from './paths';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DashboardStack } from './stacks/dashboard-stack';
import { DataStack } from './stacks/data-stack';
import { MailStack } from './stacks/mail-stack';
import { MonitoringStack } from './stacks/monitoring-stack';
import { ProcessingStack } from './stacks/processing-stack';
import { WebStack } from './stacks/web-stack';
import type { WorkerDef } from './wiring';

/** Everything a deployment varies on; `bin/` builds it from context and environment. */
export interface DeployConfig {
  /** Short lower-case name (`dev`, `prod`) prefixed to every stack. */
  readonly stage: string;
  /** Target account/region; omitted for environment-agnostic templates. */
  readonly env?: Environment;
  readonly domainName?: string;
  /** ACM certificate (us-east-1) for `domainName`. */
  readonly certificateArn?: string;
  /** Extra browser origins allowed to call the API and to finish a sign-in. */
  readonly allowedOrigins: readonly string[];
  readonly alarmEmail?: string;
  /** `From` of report e-mails; its domain is the SES identity. @default `reports@<domainName>` */
  readonly mailFrom?: string;
  /** Cognito hosted UI domain prefix (globally unique). @default `cxl-<stage>-<account id>` */
  readonly authDomainPrefix?: string;
  /** Directory holding `package-lock.json` and `functions/src/handlers`. */
  readonly sourceRoot: string;
  /** The built SPA (`web/build`). */
  readonly siteAssetsPath: string;
  /** The functions to deploy. @default `ROUTES` and `WORKERS` of `functions/src/routes.ts` */
  readonly catalogue?: { readonly routes: readonly RouteDef[]; readonly workers: readonly WorkerDef[] };
}

export interface CxLedgerStacks {
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly monitoring: MonitoringStack;
  readonly mail: MailStack;
  readonly processing: ProcessingStack;
  readonly api: ApiStack;
  readonly web: WebStack;
  readonly dashboard: DashboardStack;
}

/** Path the SPA handles the authorization-code redirect on. */
export const AUTH_CALLBACK_PATH = '/auth/callback';
/** Used for sign-in redirects when no site origin is configured yet. */
const DEV_ORIGIN = 'http://localhost:5173';

/** Composes the CX Ledger stacks for one stage. */
export function createCxLedger(app: App, config: DeployConfig): CxLedgerStacks {
  const prefix = `CxLedger-${config.stage}`;
  const common = { env: config.env };
  Tags.of(app).add('app', 'cx-ledger');
  Tags.of(app).add('stage', config.stage);

  const routes = (config.catalogue?.routes ?? ROUTES).filter((r) => !r.localOnly);
  const workers = config.catalogue?.workers ?? WORKERS;
  const missing = [...routes.map((r) => r.handler), ...workers.map((w) => w.handler)]
    .map((handler) => handlerEntry(config.sourceRoot, handler))
    .filter((entry) => !existsSync(entry));
  if (missing.length > 0) {
    const list = missing.map((entry) => path.relative(config.sourceRoot, entry)).join(', ');
    throw new Error(`CX Ledger: missing handler entry files: ${list}`);
  }

  const siteOrigins = [
    ...(config.domainName ? [`https://${config.domainName}`] : []),
    ...config.allowedOrigins,
  ];
  const signInOrigins = siteOrigins.length > 0 ? siteOrigins : [DEV_ORIGIN];

  const data = new DataStack(app, `${prefix}-Data`, { ...common, uploadOrigins: siteOrigins });
  const auth = new AuthStack(app, `${prefix}-Auth`, {
    ...common,
    stage: config.stage,
    callbackUrls: signInOrigins.map((origin) => `${origin}${AUTH_CALLBACK_PATH}`),
    logoutUrls: signInOrigins.map((origin) => `${origin}/`),
    domainPrefix: config.authDomainPrefix,
  });
  if (siteOrigins.length === 0) {
    Annotations.of(auth).addWarningV2(
      'cx-ledger:no-site-origin',
      `No domainName or allowedOrigins: sign-in redirects and report links go to ${DEV_ORIGIN} only.`,
    );
  }
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    ...common,
    alarmEmail: config.alarmEmail,
  });
  const mail = new MailStack(app, `${prefix}-Mail`, {
    ...common,
    mailFrom: config.mailFrom ?? (config.domainName ? `reports@${config.domainName}` : undefined),
  });

  const sharedEnvironment = {
    AUTH_MODE: 'cognito',
    COGNITO_ISSUER: auth.issuer,
    COGNITO_CLIENT_ID: auth.client.userPoolClientId,
  };
  const processing = new ProcessingStack(app, `${prefix}-Processing`, {
    ...common,
    workers,
    ledger: data.ledger,
    uploads: data.uploads,
    reports: data.reports,
    mail,
    sharedEnvironment,
    // The Web stack depends on the API, which depends on this stack: the CloudFront domain cannot be
    // read here. Report links use the custom domain or the first allowed origin.
    publicUrl: signInOrigins[0] ?? DEV_ORIGIN,
    alarmTopic: monitoring.alarmTopic,
    sourceRoot: config.sourceRoot,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    ...common,
    routes,
    ledger: data.ledger,
    uploads: data.uploads,
    processing,
    cognitoIssuer: auth.issuer,
    cognitoClientId: auth.client.userPoolClientId,
    sharedEnvironment,
    allowedOrigins: config.allowedOrigins,
    alarmTopic: monitoring.alarmTopic,
    sourceRoot: config.sourceRoot,
  });
  const web = new WebStack(app, `${prefix}-Web`, {
    ...common,
    apiDomainName: api.apiDomainName,
    siteAssetsPath: config.siteAssetsPath,
    siteConfig: {
      region: auth.region,
      userPoolId: auth.userPool.userPoolId,
      userPoolClientId: auth.client.userPoolClientId,
      hostedUiBaseUrl: auth.hostedUiBaseUrl,
    },
    // The SPA calls the hosted UI's token endpoint and posts upload forms straight to the bucket.
    connectSources: [auth.hostedUiBaseUrl, data.uploads.postOrigin],
    domainName: config.domainName,
    certificateArn: config.certificateArn,
  });
  const dashboard = new DashboardStack(app, `${prefix}-Dashboard`, {
    ...common,
    httpApi: api.httpApi,
    table: data.ledger.table,
    routeFunctions: api.functions,
    workers: processing.workers,
    deadLetterQueues: processing.deadLetterQueues,
  });
  return { data, auth, monitoring, mail, processing, api, web, dashboard };
}
