import { WORKERS } from '@cxl/functions/routes';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp, resourcesOfType, template, type Resource } from './fixture';

const stacks = buildApp();
const { data, processing } = stacks;

type Props = Record<string, unknown>;
const props = (r: Resource | undefined) => (r?.Properties ?? {}) as Props;

/** The logical id of the Processing stack function with `description`. */
function functionId(description: string): string {
  const match = resourcesOfType(processing, 'AWS::Lambda::Function').find(
    ([, r]) => props(r).Description === description,
  );
  if (!match) throw new Error(`no function described ${description}`);
  return match[0];
}

const [[bucketId, bucket] = []] = resourcesOfType(data, 'AWS::S3::Bucket');

/** `Fn::GetStackOutput` of the Data stack output that publishes `attribute` of the uploads bucket. */
const bucketOutput = (attribute: 'Arn' | 'Ref' | 'RegionalDomainName') => ({
  'Fn::GetStackOutput': Match.objectLike({
    StackName: data.stackName,
    OutputName: Match.stringLikeRegexp(
      attribute === 'Ref' ? `^PublishOutputRef${bucketId}` : `^PublishOutputFnGetAtt${bucketId}${attribute}`,
    ),
  }),
});

describe('uploads bucket', () => {
  it('is the first of the two buckets of the Data stack (uploads, reports) and is retained', () => {
    expect(resourcesOfType(data, 'AWS::S3::Bucket').map(([id]) => id)).toEqual([
      expect.stringMatching(/^Uploads/) as string,
      expect.stringMatching(/^Reports/) as string,
    ]);
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('blocks all public access, enforces bucket-owner objects, encrypts and keeps versions', () => {
    expect(props(bucket)).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('denies every request not made over TLS 1.2+', () => {
    template(data).hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      },
    });
  });

  it('aborts multipart uploads after a day, expires old versions and tiers files after 90 days', () => {
    const rules = (props(bucket).LifecycleConfiguration as { Rules: Props[] }).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Status: 'Enabled',
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        }),
        expect.objectContaining({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
        expect.objectContaining({
          Status: 'Enabled',
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }],
        }),
      ]),
    );
    for (const rule of rules)
      expect(rule.Prefix ?? rule.Filter, 'rules apply to the whole bucket').toBeUndefined();
  });

  it('allows no CORS origin, with a warning, when no site origin is configured', () => {
    expect(props(bucket).CorsConfiguration).toBeUndefined();
    Annotations.fromStack(data).hasWarning(
      '*',
      Match.stringLikeRegexp('uploads bucket allows no CORS origin'),
    );
  });

  it('lets the custom domain and the allowed origins POST the upload form', () => {
    const configured = buildApp({
      domainName: 'cx.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
      allowedOrigins: ['https://staging.example.com'],
    });
    template(configured.data).hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedMethods: ['POST'],
            AllowedOrigins: ['https://cx.example.com', 'https://staging.example.com'],
          }),
        ],
      },
    });
    Annotations.fromStack(configured.data).hasNoWarning('*', Match.stringLikeRegexp('CORS'));
  });
});

describe('upload processing', () => {
  it('starts the upload worker for every object created under uploads/', () => {
    const notifications = resourcesOfType(processing, 'Custom::S3BucketNotifications');
    expect(notifications).toHaveLength(1);
    expect(props(notifications[0]?.[1])).toMatchObject({
      BucketName: expect.objectContaining({
        'Fn::GetStackOutput': expect.objectContaining({ StackName: data.stackName }) as unknown,
      }) as unknown,
      Managed: false,
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [functionId('worker process-upload'), 'Arn'] },
          },
        ],
      },
    });
    expect(resourcesOfType(data, 'Custom::S3BucketNotifications')).toHaveLength(0);
  });

  it('lets only S3, from the uploads bucket in this account, invoke the worker', () => {
    template(processing).hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [functionId('worker process-upload'), 'Arn'] },
      Principal: 's3.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: bucketOutput('Arn'),
    });
  });

  it('keeps the Data stack free of references to other stacks (no dependency cycle)', () => {
    expect(data.dependencies).toEqual([]);
    expect(processing.dependencies).toContain(data);
    expect(stacks.api.dependencies).toContain(data);
    expect(JSON.stringify(template(data).toJSON())).not.toMatch(/Fn::GetStackOutput|Fn::ImportValue/);
  });
});

describe('worker dead-letter queues', () => {
  const queues = resourcesOfType(processing, 'AWS::SQS::Queue');

  it.each(WORKERS.map((w) => [w.name] as const))(
    'sends failed asynchronous invocations of %s to an encrypted, TLS-only queue after 2 retries',
    (name) => {
      const fnId = functionId(`worker ${name}`);
      const [, fn] = resourcesOfType(processing, 'AWS::Lambda::Function').find(([id]) => id === fnId) ?? [];
      const target = (props(fn).DeadLetterConfig as { TargetArn: { 'Fn::GetAtt': [string, string] } })
        .TargetArn['Fn::GetAtt'];
      expect(target[1]).toBe('Arn');
      const [, queue] = queues.find(([id]) => id === target[0]) ?? [];
      expect(props(queue)).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
      template(processing).hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: target[0] }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      template(processing).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: fnId },
        MaximumRetryAttempts: 2,
      });
      template(processing).hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [target[0], 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [Match.anyValue()],
      });
    },
  );

  it('has one queue per worker, and one for report schedules when there is a report worker', () => {
    const reportWorker = WORKERS.some((w) => (w.handler as string) === 'report-worker');
    expect(queues).toHaveLength(WORKERS.length + (reportWorker ? 1 : 0));
  });
});
