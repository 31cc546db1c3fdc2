import { ROLES } from '@cxl/shared/auth';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp, resourcesOfType, template } from './fixture';

const stacks = buildApp();
const auth = () => template(stacks.auth);

describe('AuthStack', () => {
  it('lets only administrators create users, requires strong passwords and TOTP MFA for everyone', () => {
    auth().hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      // Cognito has no per-group MFA: required for the pool, so admin and finance always have it.
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
    });
    auth().hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
  });

  it('has one group per role', () => {
    const groups = resourcesOfType(stacks.auth, 'AWS::Cognito::UserPoolGroup').map(
      ([, r]) => r.Properties?.GroupName,
    );
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('has a public SPA client limited to the authorization code grant', () => {
    auth().hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      PreventUserExistenceErrors: 'ENABLED',
      SupportedIdentityProviders: ['COGNITO'],
    });
  });

  it('serves a hosted UI on a per-account default domain prefix', () => {
    auth().hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['cxl-test-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it('redirects sign-ins to the dev server with a warning when no site origin is configured', () => {
    auth().hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['http://localhost:5173/auth/callback'],
    });
    Annotations.fromStack(stacks.auth).hasWarning(
      '*',
      Match.stringLikeRegexp('No domainName or allowedOrigins'),
    );
  });

  it('redirects sign-ins to the custom domain and the allowed origins', () => {
    const configured = buildApp({
      domainName: 'cx.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      allowedOrigins: ['https://staging.example.com'],
      authDomainPrefix: 'cx-ledger-test',
    });
    const t = template(configured.auth);
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://cx.example.com/auth/callback', 'https://staging.example.com/auth/callback'],
      LogoutURLs: ['https://cx.example.com/', 'https://staging.example.com/'],
    });
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'cx-ledger-test' });
    template(configured.api).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://staging.example.com'] }),
    });
  });
});
