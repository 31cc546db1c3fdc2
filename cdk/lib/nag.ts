import { Stack, Validations, type App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';
import type { CxLedgerStacks } from './cx-ledger';

/**
 * cdk-nag's AWS Solutions checks on every stack, and the findings this deployment accepts — each with
 * the reason. Anything else fails `cdk synth` (and `test/cdk/nag.test.ts`).
 */
export function addNagChecks(app: App, stacks: CxLedgerStacks): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeFindings(app, stacks);
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/**
 * Wildcards in an IAM resource this deployment accepts: a wildcard that is the tail of one named
 * resource (objects under one prefix, the versions of one function, the schedules of one group), or
 * `*` for the X-Ray actions, which have no resource type. Returns the reason, or undefined (the
 * finding stays and fails synthesis).
 */
export function scopedWildcardReason(actions: readonly string[], resource: string): string | undefined {
  const only = (pattern: RegExp) => actions.length > 0 && actions.every((a) => pattern.test(a));
  if (resource === '*') {
    return only(/^xray:(PutTraceSegments|PutTelemetryRecords)$/)
      ? 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions (tracing is on for every function).'
      : undefined;
  }
  if (/\/index\/\*$/.test(resource) && only(/^dynamodb:[A-Z][A-Za-z]+$/)) {
    return 'The indexes of the one ledger table (gsi1): queries on an index need its ARN; named actions only.';
  }
  if (/\/(uploads|reports)\/\*$/.test(resource) && only(/^s3:(GetObject|PutObject)$/)) {
    return 'Objects under one key prefix of one bucket (uploads/ or reports/), with GetObject/PutObject only.';
  }
  if (/:schedule\/[^/*]+\/\*$/.test(resource) && only(/^scheduler:(Create|Update|Delete|Get)Schedule$/)) {
    return 'The schedules of the one report schedule group: one schedule per subscription, named at run time.';
  }
  if (/:\*$/.test(resource) && only(/^lambda:InvokeFunction$/)) {
    return 'Versions and aliases of one named worker function (grantInvoke); no other function.';
  }
  return undefined;
}

/**
 * Registers, on every IAM policy, a validation that acknowledges its accepted wildcard findings. It
 * runs at synthesis, after cross-stack references are resolved, so the finding ids are exactly the
 * ones cdk-nag computes (`AwsSolutions-IAM5[Resource::…]`); the policy validation plugins run later.
 */
function acknowledgeScopedWildcards(scope: IConstruct): void {
  for (const node of scope.node.findAll()) {
    if (!(node instanceof iam.CfnPolicy)) continue;
    node.node.addValidation({
      validate: () => {
        const document = Stack.of(node).resolve(node.policyDocument) as { Statement?: Statement[] };
        for (const statement of document.Statement ?? []) {
          if (statement.Effect !== 'Allow') continue;
          const actions = list(statement.Action);
          for (const resource of list(statement.Resource).map((r) => flattenCfnReference(r))) {
            if (!resource.includes('*')) continue;
            const reason = scopedWildcardReason(actions, resource);
            if (reason)
              Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
          }
        }
        return [];
      },
    });
  }
}

function acknowledgeFindings(app: App, stacks: CxLedgerStacks): void {
  const ack = (scope: IConstruct, id: string, reason: string) =>
    Validations.of(scope).acknowledge({ id, reason });

  acknowledgeScopedWildcards(app);
  ack(
    app,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'AWSLambdaBasicExecutionRole grants only logs:CreateLogGroup/CreateLogStream/PutLogEvents, which every function needs to write its log group.',
  );

  // Buckets: server access logs.
  const s1 =
    'Access to this bucket is only through IAM roles scoped to one prefix (or CloudFront OAC); object-level auditing is CloudTrail data events (docs/deploy.md), not S3 server access logs, which would need a further unaudited log bucket.';
  ack(stacks.data.uploads.bucket, 'AwsSolutions-S1', s1);
  ack(stacks.data.reports.bucket, 'AwsSolutions-S1', s1);
  ack(stacks.web.bucket, 'AwsSolutions-S1', `${s1} The site bucket holds only the public SPA build.`);

  // Cognito.
  ack(
    stacks.auth.userPool,
    'AwsSolutions-COG8',
    'The Essentials tier: TOTP MFA is required for every user and there is no self sign-up; the Plus tier (threat protection, $0.02/MAU) is a one-line upgrade (featurePlan) when an organisation wants adaptive authentication.',
  );

  // API: the public routes answer without a token by design.
  for (const route of stacks.api.publicRoutes) {
    ack(
      route,
      'AwsSolutions-APIG4',
      'A public route by design (routes.ts: auth public): health check, OpenAPI document, or the unsubscribe link of a report e-mail, which carries its own signed token.',
    );
  }

  // The schedules' dead-letter queue is itself a dead-letter queue (EventBridge Scheduler's).
  if (stacks.processing.scheduling) {
    ack(
      stacks.processing.scheduling.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the report schedules (set per schedule through the SDK, so cdk-nag cannot see it); it alarms on depth > 0.',
    );
  }

  // The CDK's site deployment handler (present when the site was built before synth).
  const deployment = stacks.web.node.children.find((c) =>
    c.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (deployment) {
    const siteObjects = flattenCfnReference(stacks.web.resolve(`${stacks.web.bucket.bucketArn}/*`));
    const reasons: Record<string, string> = {
      'AwsSolutions-L1':
        "The CDK's BucketDeployment handler: its runtime is chosen by aws-cdk-lib (it runs only during deployments).",
      'AwsSolutions-IAM5[Action::s3:GetBucket*]': 'BucketDeployment reads the CDK asset bucket (grantRead).',
      'AwsSolutions-IAM5[Action::s3:GetObject*]':
        'BucketDeployment reads the zipped site from the CDK asset bucket.',
      'AwsSolutions-IAM5[Action::s3:List*]': 'BucketDeployment lists the site bucket to prune old files.',
      'AwsSolutions-IAM5[Action::s3:Abort*]': 'BucketDeployment writes the site bucket (grantReadWrite).',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]': 'BucketDeployment prunes files of the previous build.',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]':
        "The CDK bootstrap asset bucket's objects, where the site archive is staged.",
      [`AwsSolutions-IAM5[Resource::${siteObjects}]`]: 'The objects of the site bucket it deploys to.',
      'AwsSolutions-IAM5[Resource::*]':
        'cloudfront:CreateInvalidation/GetInvalidation after a deployment; CloudFront invalidations have no resource-level scoping in the CDK handler policy.',
    };
    for (const [id, reason] of Object.entries(reasons)) ack(deployment, id, reason);
  }

  // CloudFront.
  const distribution = stacks.web.distribution;
  ack(
    distribution,
    'AwsSolutions-CFR1',
    'No geo restriction: the customers are international companies; sign-in (Cognito, MFA) protects the data.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR2',
    'No WAF by default ($5/month + $1 per rule + $0.60 per million requests): the API is throttled and every data route needs a Cognito token. Attach a web ACL (webAclId) where policy requires one.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR3',
    'CloudFront standard logs need an ACL-enabled bucket; API requests are logged by the HTTP API access log and the static site holds no data.',
  );
  ack(
    distribution,
    'AwsSolutions-CFR4',
    'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; with domainName + certificateArn the minimum is TLSv1.2_2021.',
  );
}
