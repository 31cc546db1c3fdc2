import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from '../../cdk/lib/csp';
import { SPA_REWRITE_CODE } from '../../cdk/lib/stacks/web-stack';
import { buildApp, resourcesOfType, stubSourceRoot, template } from './fixture';

/** Stands for the uploads bucket's regional domain name, a Data stack output in the template. */
const UPLOADS_DOMAIN = '<uploads-bucket>.s3.<region>.amazonaws.com';
/** The Cognito hosted UI (an Auth stack output): the SPA calls its token endpoint. */
const HOSTED_UI = 'https://<CxLedger-test-Auth>.auth.<region>.amazoncognito.com';

const EXPECTED_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  `connect-src 'self' ${HOSTED_UI} https://${UPLOADS_DOMAIN}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`;

const stacks = buildApp();
const web = () => template(stacks.web);

/**
 * The Content-Security-Policy of a Web stack as text: the uploads bucket's regional domain name (the
 * Data stack's output of the bucket's `RegionalDomainName`) written as {@link UPLOADS_DOMAIN}, another
 * stack's output as `<stack name>`, the region as `<region>`.
 */
function cspOf(stack = stacks.web, data = stacks.data): string {
  const [[, policy] = []] = resourcesOfType(stack, 'AWS::CloudFront::ResponseHeadersPolicy');
  const config = policy?.Properties?.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown; Override: boolean } };
  };
  const { ContentSecurityPolicy: value, Override } = config.SecurityHeadersConfig.ContentSecurityPolicy;
  expect(Override).toBe(true);
  const [bucketId] = resourcesOfType(data, 'AWS::S3::Bucket').map(([id]) => id);
  const part = (p: unknown): string => {
    if (typeof p === 'string') return p;
    if (JSON.stringify(p) === '{"Ref":"AWS::Region"}') return '<region>';
    const output = (p as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })[
      'Fn::GetStackOutput'
    ];
    if (!output) throw new Error(`unexpected CSP part ${JSON.stringify(p)}`);
    return output.StackName === data.stackName &&
      output.OutputName.startsWith(`PublishOutputFnGetAtt${bucketId}RegionalDomainName`)
      ? UPLOADS_DOMAIN
      : `<${output.StackName}>`;
  };
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  return join ? join[1].map(part).join(join[0]) : part(value);
}

type Distribution = {
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Array<Record<string, unknown>>;
  CustomErrorResponses?: unknown;
  DefaultRootObject: string;
};
const distributionConfig = (stack = stacks.web): Distribution => {
  const [[, distribution] = []] = resourcesOfType(stack, 'AWS::CloudFront::Distribution');
  return distribution?.Properties?.DistributionConfig as Distribution;
};

describe('WebStack security headers', () => {
  it('sends the strict Content-Security-Policy, connecting to the hosted UI and the uploads bucket too', () => {
    expect(cspOf()).toBe(EXPECTED_CSP);
  });

  it('connects to the Cognito hosted UI of a configured domain prefix', () => {
    const withHostedUi = buildApp({ authDomainPrefix: 'cx-ledger-test' });
    expect(cspOf(withHostedUi.web, withHostedUi.data)).toContain(
      `; connect-src 'self' ${HOSTED_UI} https://${UPLOADS_DOMAIN};`,
    );
    template(withHostedUi.auth).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'cx-ledger-test',
    });
  });

  it('sends HSTS, nosniff, DENY framing and a referrer policy', () => {
    web().hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        }),
      },
    });
  });

  it('applies the headers to the site and to /api/*', () => {
    const config = distributionConfig();
    const policy = config.DefaultCacheBehavior.ResponseHeadersPolicyId;
    expect(policy).toEqual({ Ref: expect.stringMatching(/^SecurityHeaders/) as string });
    expect(config.CacheBehaviors.map((b) => b.ResponseHeadersPolicyId)).toEqual([policy]);
  });
});

describe('WebStack distribution', () => {
  it('serves index.html at the root over HTTPS from the bucket through OAC', () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    web().resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
  });

  it('proxies /api/* to the HTTP API uncached with all viewer headers but Host', () => {
    const [behavior] = distributionConfig().CacheBehaviors;
    expect(behavior).toMatchObject({
      PathPattern: '/api/*',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      ViewerProtocolPolicy: 'https-only',
    });
  });

  it('rewrites client-side routes in a viewer-request function on the site behavior only', () => {
    const config = distributionConfig();
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^SpaRewrite/), 'FunctionARN'] },
      },
    ]);
    expect(config.CacheBehaviors[0]?.FunctionAssociations).toBeUndefined();
  });

  it.each([
    ['/', '/index.html'],
    ['/dashboard', '/index.html'],
    ['/reports/2024/q1', '/index.html'],
    ['/_app/immutable/entry/start.abc.js', '/_app/immutable/entry/start.abc.js'],
    ['/favicon.svg', '/favicon.svg'],
  ])('maps %s to %s', (uri, expected) => {
    const handler = runInNewContext(`${SPA_REWRITE_CODE}\nhandler`) as (e: unknown) => { uri: string };
    expect(handler({ request: { uri } }).uri).toBe(expected);
  });
});

describe('WebStack site deployment', () => {
  it('skips the deployment with a warning when the site is not built', () => {
    web().resourceCountIs('Custom::CDKBucketDeployment', 0);
    Annotations.fromStack(stacks.web).hasWarning('*', Match.stringLikeRegexp('No built site'));
  });

  it('deploys a built site with config.json and allows its inline boot script', () => {
    const root = stubSourceRoot();
    const site = path.join(root, 'web', 'build');
    mkdirSync(site, { recursive: true });
    const html = '<html><body><script>boot()</script><script src="/app.js"></script></body></html>';
    writeFileSync(path.join(site, 'index.html'), html);
    const built = buildApp({ sourceRoot: root, siteAssetsPath: site });

    const t = template(built.web);
    t.resourceCountIs('Custom::CDKBucketDeployment', 1);
    t.hasResourceProperties('Custom::CDKBucketDeployment', {
      SourceObjectKeys: [Match.stringLikeRegexp('\\.zip$'), Match.stringLikeRegexp('\\.zip$')],
      DistributionPaths: ['/*'],
    });
    const [[, deployment] = []] = resourcesOfType(built.web, 'Custom::CDKBucketDeployment');
    const [, configMarkers] = deployment?.Properties?.SourceMarkers as [unknown, Record<string, unknown>];
    expect(JSON.stringify(Object.values(configMarkers))).toMatch(/UserPool.*SpaClient/);
    const csp = contentSecurityPolicy({
      scriptHashes: inlineScriptHashes(html),
      connectSources: [HOSTED_UI, `https://${UPLOADS_DOMAIN}`],
    });
    expect(csp).toContain("script-src 'self' 'sha256-");
    expect(cspOf(built.web, built.data)).toBe(csp);
  });

  it('serves a custom domain with its certificate and TLS 1.2', () => {
    const custom = buildApp({
      domainName: 'cx.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    });
    template(custom.web).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['cx.example.com'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });
});
