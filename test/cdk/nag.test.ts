import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { addNagChecks, scopedWildcardReason } from '../../cdk/lib/nag';
import { buildApp, stubSourceRoot } from './fixture';

interface Violation {
  ruleName: string;
  severity: string;
  violatingConstructs?: Array<{ constructPath: string }>;
  violatingResources?: Array<{ constructPath: string }>;
}

/**
 * Synthesizes the whole app with cdk-nag's AWS Solutions checks and returns every unacknowledged
 * finding (errors and warnings) as `rule severity path`; synthesis throws when there is any.
 */
function unacknowledgedFindings(overrides: Parameters<typeof buildApp>[0] = {}): string[] {
  const stacks = buildApp(overrides);
  const app = stacks.data.node.root as App;
  addNagChecks(app, stacks);
  let failure: unknown;
  try {
    app.synth();
  } catch (e) {
    failure = e;
  }
  const report = JSON.parse(readFileSync(path.join(app.outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: Array<{ pluginName: string; conclusion: string; violations: Violation[] }>;
  };
  const findings = report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) =>
      (v.violatingConstructs ?? v.violatingResources ?? []).map(
        (c) => `${v.ruleName} ${v.severity} ${c.constructPath}`,
      ),
    ),
  );
  // A failed synthesis is always explained by a finding, and findings always fail it.
  expect(Boolean(failure), String(failure)).toBe(findings.length > 0);
  return findings;
}

describe('cdk-nag (AWS Solutions)', () => {
  it('leaves no unacknowledged finding on the default deployment', () => {
    expect(unacknowledgedFindings()).toEqual([]);
  }, 240_000);

  it('leaves none with a custom domain, a mail sender, alarm e-mail and a built site', () => {
    const root = stubSourceRoot();
    const site = path.join(root, 'web', 'build');
    mkdirSync(site, { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<html><body><script>boot()</script></body></html>');
    expect(
      unacknowledgedFindings({
        sourceRoot: root,
        siteAssetsPath: site,
        domainName: 'cx.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
        mailFrom: 'reports@cx.example.com',
        alarmEmail: 'ops@example.com',
      }),
    ).toEqual([]);
  }, 240_000);

  it('still fails on a finding nobody acknowledged', () => {
    const stacks = buildApp();
    const app = stacks.data.node.root as App;
    // A wildcard action on the table: no accepted pattern covers it.
    const fn = stacks.api.functions.get('get-health');
    if (!fn) throw new Error('no get-health function');
    stacks.data.ledger.table.grants.actions(fn, 'dynamodb:*');
    addNagChecks(app, stacks);
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
  }, 240_000);
});

describe('accepted wildcards', () => {
  it.each([
    [['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*', true],
    [['dynamodb:Query'], '*', false],
    [['dynamodb:Query', 'dynamodb:GetItem'], '<Table.Arn>/index/*', true],
    [['dynamodb:*'], '<Table.Arn>/index/*', false],
    [['s3:PutObject'], '<Bucket.Arn>/uploads/*', true],
    [['s3:DeleteObject'], '<Bucket.Arn>/uploads/*', false],
    [['s3:GetObject'], '<Bucket.Arn>/*', false],
    [['scheduler:CreateSchedule'], 'arn:aws:scheduler:r:a:schedule/group-1/*', true],
    [['scheduler:CreateSchedule'], 'arn:aws:scheduler:r:a:schedule/*', false],
    [['lambda:InvokeFunction'], '<Worker.Arn>:*', true],
    [['lambda:InvokeFunction', 'lambda:UpdateFunctionCode'], '<Worker.Arn>:*', false],
  ] as const)('%j on %s accepted: %s', (actions, resource, accepted) => {
    expect(scopedWildcardReason(actions, resource) !== undefined).toBe(accepted);
  });
});
