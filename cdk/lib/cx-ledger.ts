import { Annotations, Tags, type App, type Environment } from 'aws-cdk-lib';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DataStack } from './stacks/data-stack';
import { MonitoringStack } from './stacks/monitoring-stack';
import { WebStack } from './stacks/web-stack';

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
  /** Cognito hosted UI domain prefix (globally unique). */
  readonly authDomainPrefix?: string;
  /** Directory holding `package-lock.json` and `functions/src/handlers`. */
  readonly sourceRoot: string;
  /** The built SPA (`web/build`). */
  readonly siteAssetsPath: string;
}

export interface CxLedgerStacks {
  readonly data: DataStack;
  readonly auth: AuthStack;
  readonly monitoring: MonitoringStack;
  readonly api: ApiStack;
  readonly web: WebStack;
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

  const siteOrigins = [
    ...(config.domainName ? [`https://${config.domainName}`] : []),
    ...config.allowedOrigins,
  ];
  const signInOrigins = siteOrigins.length > 0 ? siteOrigins : [DEV_ORIGIN];

  const data = new DataStack(app, `${prefix}-Data`, { ...common, uploadOrigins: siteOrigins });
  const auth = new AuthStack(app, `${prefix}-Auth`, {
    ...common,
    callbackUrls: signInOrigins.map((origin) => `${origin}${AUTH_CALLBACK_PATH}`),
    logoutUrls: signInOrigins.map((origin) => `${origin}/`),
    domainPrefix: config.authDomainPrefix,
  });
  if (siteOrigins.length === 0) {
    Annotations.of(auth).addWarningV2(
      'cx-ledger:no-site-origin',
      `No domainName or allowedOrigins: sign-in redirects go to ${DEV_ORIGIN} only.`,
    );
  }
  const monitoring = new MonitoringStack(app, `${prefix}-Monitoring`, {
    ...common,
    alarmEmail: config.alarmEmail,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    ...common,
    ledger: data.ledger,
    uploads: data.uploads,
    cognitoIssuer: auth.issuer,
    cognitoClientId: auth.client.userPoolClientId,
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
      ...(auth.hostedUiBaseUrl ? { hostedUiBaseUrl: auth.hostedUiBaseUrl } : {}),
    },
    // The SPA calls the hosted UI's token endpoint and posts upload forms straight to the bucket.
    connectSources: [...(auth.hostedUiBaseUrl ? [auth.hostedUiBaseUrl] : []), data.uploads.postOrigin],
    domainName: config.domainName,
    certificateArn: config.certificateArn,
  });
  return { data, auth, monitoring, api, web };
}
