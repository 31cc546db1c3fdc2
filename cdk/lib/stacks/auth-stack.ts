import { ROLES } from '@cxl/shared/auth';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  /** Where the hosted UI may send users back with an authorization code. */
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  /** Prefix of the Cognito-hosted sign-in domain; without it no hosted UI is created. */
  readonly domainPrefix?: string;
}

/**
 * Identity: a Cognito user pool whose groups are the product roles (admin-created users only) and one
 * public SPA client using the authorization code grant (the SPA adds PKCE).
 */
export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The `iss` claim of the pool's tokens. */
  readonly issuer: string;
  /** Origin of the hosted UI (authorize/token endpoints), when a domain prefix was given. */
  readonly hostedUiBaseUrl?: string;

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
      mfa: cognito.Mfa.OPTIONAL,
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

    if (props.domainPrefix) {
      const domain = this.userPool.addDomain('HostedUi', {
        cognitoDomain: { domainPrefix: props.domainPrefix },
      });
      this.hostedUiBaseUrl = domain.baseUrl();
      new CfnOutput(this, 'HostedUiBaseUrl', { value: this.hostedUiBaseUrl });
    }

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
  }
}
