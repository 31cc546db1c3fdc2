import { ROLES } from '@cxl/shared/auth';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  /** Where the hosted UI may send users back with an authorization code. */
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  /**
   * Prefix of the Cognito-hosted sign-in domain (globally unique).
   * @default `cxl-<stage>-<account id>`
   */
  readonly domainPrefix?: string;
  /** Stage name, for the default domain prefix. */
  readonly stage: string;
}

/**
 * Identity: a Cognito user pool whose groups are the product roles (admin-created users only, TOTP MFA
 * required), a hosted UI, and one public SPA client using the authorization code grant with PKCE.
 */
export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The `iss` claim of the pool's tokens. */
  readonly issuer: string;
  /** Origin of the hosted UI (authorize/token endpoints). */
  readonly hostedUiBaseUrl: string;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Cognito has no per-group MFA. Required for everyone, TOTP only: admin and finance must have it,
      // and the alternative (a pre-token Lambda refusing those groups' tokens without MFA) would add a
      // function to every sign-in and still let the same password alone open executive dashboards
      // showing the same P&L figures. See cdk/README.md.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    ROLES.forEach((role, precedence) => {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        precedence,
      });
    });

    this.client = this.userPool.addClient('SpaClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [...props.callbackUrls],
        logoutUrls: [...props.logoutUrls],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    this.issuer = this.userPool.userPoolProviderUrl;

    // Hosted UI for the authorization code grant; the SPA adds PKCE (S256) to every authorize call.
    const domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `cxl-${props.stage}-${Aws.ACCOUNT_ID}` },
    });
    this.hostedUiBaseUrl = domain.baseUrl();
    new CfnOutput(this, 'HostedUiBaseUrl', { value: this.hostedUiBaseUrl });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
  }
}
