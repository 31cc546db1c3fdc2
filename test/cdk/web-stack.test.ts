import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from '../../cdk/lib/csp';
import { SPA_REWRITE_CODE } from '../../cdk/lib/stacks/web-stack';
import { buildApp, resourcesOfType, stubSourceRoot, template } from './fixture';

const BASELINE_CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const stacks = buildApp();
const web = () => template(stacks.web);

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
  it('sends the strict Content-Security-Policy', () => {
    web().hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: BASELINE_CSP, Override: true },
        }),
      },
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
    const csp = contentSecurityPolicy({ scriptHashes: inlineScriptHashes(html) });
    expect(csp).toContain("script-src 'self' 'sha256-");
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true },
        }),
      },
    });
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
