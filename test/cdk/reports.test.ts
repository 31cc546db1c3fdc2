import { WORKERS } from '@cxl/functions/routes';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp, resourcesOfType, template, type Resource } from './fixture';

/** A deployment with a sender: the Mail stack has an identity and the report worker may send. */
const stacks = buildApp({
  domainName: 'cx.example.com',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
});
const { data, mail, processing } = stacks;

type Props = Record<string, unknown>;
const props = (r: Resource | undefined) => (r?.Properties ?? {}) as Props;
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

function reportWorker(): [string, Resource] {
  const match = resourcesOfType(processing, 'AWS::Lambda::Function').find(
    ([, r]) => props(r).Description === 'worker report',
  );
  if (!match) throw new Error('no report worker');
  return match;
}

/** Statements of the identity policies attached to role `roleId` in `stack`. */
function statementsOfRole(roleId: string): Statement[] {
  return resourcesOfType(processing, 'AWS::IAM::Policy')
    .filter(([, p]) => (props(p).Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (props(p).PolicyDocument as { Statement: Statement[] }).Statement);
}

const hasReportWorker = WORKERS.some((w) => (w.handler as string) === 'report-worker');

describe('reports bucket', () => {
  const [, bucket] = resourcesOfType(data, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Reports')) ?? [];

  it('blocks public access, encrypts, is retained and tiers then expires reports', () => {
    expect(props(bucket)).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain' });
    const rules = (props(bucket).LifecycleConfiguration as { Rules: Props[] }).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        expect.objectContaining({
          ExpirationInDays: 400,
          Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
        }),
      ]),
    );
  });

  it('denies every request not made over TLS', () => {
    const [reportsId] =
      resourcesOfType(data, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Reports')) ?? [];
    template(data).hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: reportsId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('mail', () => {
  it('has a configuration set requiring TLS and suppressing bounces and complaints', () => {
    template(mail).hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
  });

  it('verifies the sender domain (reports@<domainName> by default) with Easy DKIM', () => {
    template(mail).hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'cx.example.com',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
  });

  it('creates no identity, with a warning, when there is no sender', () => {
    const bare = buildApp();
    expect(resourcesOfType(bare.mail, 'AWS::SES::EmailIdentity')).toEqual([]);
    Annotations.fromStack(bare.mail).hasWarning('*', Match.stringLikeRegexp('no SES identity'));
  });
});

describe.runIf(hasReportWorker)('report worker and schedules', () => {
  const [workerId, worker] = reportWorker();
  const roleId = (props(worker).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const env = (props(worker).Environment as { Variables: Props }).Variables;

  it('has the sender, configuration set, site URL, reports bucket and schedule settings', () => {
    expect(env).toMatchObject({
      SES_FROM: 'reports@cx.example.com',
      SES_CONFIGURATION_SET: expect.anything() as unknown,
      PUBLIC_URL: 'https://cx.example.com',
      REPORTS_BUCKET: expect.anything() as unknown,
      // The group's name, generated at synth (the schedules' ARNs are scoped to it).
      SCHEDULE_GROUP: expect.stringMatching(/ReportSchedules-Group/) as string,
      SCHEDULER_ROLE_ARN: expect.anything() as unknown,
      REPORT_WORKER_ARN: expect.anything() as unknown,
      SCHEDULE_DLQ_ARN: expect.anything() as unknown,
    });
    // Its own ARN is written from its fixed name, not by referring to itself.
    expect(props(worker).FunctionName).toBe(`${processing.stackName}-report-worker`);
    expect(JSON.stringify(env.REPORT_WORKER_ARN)).toContain(`function:${processing.stackName}-report-worker`);
    expect(JSON.stringify(env)).not.toContain(workerId);
  });

  it('may send mail only through the identity and the configuration set', () => {
    const ses = statementsOfRole(roleId).filter((s) => actions(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(actions(ses[0] as Statement).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const resources = JSON.stringify((ses[0] as Statement).Resource);
    expect(resources).toContain(mail.stackName);
    expect(resources).toContain(':identity/');
    expect(resources).toContain(':configuration-set/');
    expect(resources).not.toContain('"*"');
  });

  it('has a schedule group, and an execution role that may invoke only the report worker', () => {
    template(processing).resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    const [[roleLogicalId, role] = []] = resourcesOfType(processing, 'AWS::IAM::Role').filter(([id]) =>
      id.startsWith('ReportSchedulesExecutionRole'),
    );
    expect(props(role).AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: {
              'aws:SourceAccount': { Ref: 'AWS::AccountId' },
              'aws:SourceArn': {
                'Fn::GetAtt': [expect.stringMatching(/^ReportSchedulesGroup/) as string, 'Arn'],
              },
            },
          },
        },
      ],
    });
    const statements = statementsOfRole(String(roleLogicalId));
    expect(statements.map((s) => actions(s)).sort()).toEqual([
      ['lambda:InvokeFunction'],
      ['sqs:SendMessage'],
    ]);
    const invoke = statements.find((s) => actions(s).includes('lambda:InvokeFunction'));
    expect(JSON.stringify(invoke?.Resource)).toContain(`function:${processing.stackName}-report-worker`);
    const send = statements.find((s) => actions(s).includes('sqs:SendMessage'));
    expect(send?.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^ReportSchedulesDeadLetters/) as string, 'Arn'],
    });
  });

  it('alarms on the schedules dead-letter queue', () => {
    template(processing).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ReportSchedulesDeadLetters'), 'QueueName'] },
        },
      ],
    });
  });

  it('gives iam:PassRole on the execution role alone, only towards Scheduler', () => {
    const passRole = [stacks.api, processing].flatMap((stack) =>
      resourcesOfType(stack, 'AWS::IAM::Policy').flatMap(([, p]) =>
        (props(p).PolicyDocument as { Statement: Statement[] }).Statement.filter((s) =>
          actions(s).includes('iam:PassRole'),
        ),
      ),
    );
    expect(passRole.length).toBeGreaterThanOrEqual(4);
    for (const s of passRole) {
      expect(actions(s)).toEqual(['iam:PassRole']);
      expect(s.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
      expect(JSON.stringify(s.Resource)).toMatch(/ReportSchedulesExecutionRole/);
    }
  });
});

describe('dashboard', () => {
  it('has one dashboard covering the API, functions, dead letters and the table', () => {
    const [[, dashboard] = []] = resourcesOfType(stacks.dashboard, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(props(dashboard).DashboardBody);
    for (const title of [
      'API requests and errors',
      'API latency',
      'Dead-letter queues',
      'Route errors',
      'Route throttles',
      'Worker errors and throttles',
      'Table: consumed capacity',
    ]) {
      expect(body).toContain(title);
    }
  });
});
