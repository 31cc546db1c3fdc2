import { describe, expect, it } from 'vitest';
import type { Stack } from 'aws-cdk-lib';
import { allStacks, buildApp, resourcesOfType, template } from './fixture';

const stacks = buildApp();

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

interface Located {
  stack: Stack;
  where: string;
  /** Role logical ids an identity policy is attached to. */
  roles: string[];
  statement: Statement;
}

const POLICY_DOCUMENTS: Record<string, (p: Record<string, unknown>) => unknown[]> = {
  'AWS::IAM::Policy': (p) => [p.PolicyDocument],
  'AWS::IAM::ManagedPolicy': (p) => [p.PolicyDocument],
  'AWS::IAM::Role': (p) =>
    ((p.Policies as Array<{ PolicyDocument: unknown }> | undefined) ?? []).map((x) => x.PolicyDocument),
  'AWS::S3::BucketPolicy': (p) => [p.PolicyDocument],
  'AWS::SNS::TopicPolicy': (p) => [p.PolicyDocument],
};

/** Every policy statement of every stack, with where it came from. */
function allStatements(): Located[] {
  return allStacks(stacks).flatMap((stack) =>
    Object.entries(POLICY_DOCUMENTS).flatMap(([type, documents]) =>
      resourcesOfType(stack, type).flatMap(([id, r]) => {
        const p = r.Properties ?? {};
        const roles =
          type === 'AWS::IAM::Role'
            ? [id]
            : ((p.Roles as Array<{ Ref: string }> | undefined) ?? []).map((role) => role.Ref);
        return documents(p).flatMap((doc) =>
          (doc as { Statement: Statement[] }).Statement.map((statement) => ({
            stack,
            where: `${stack.stackName}/${id}`,
            roles,
            statement,
          })),
        );
      }),
    ),
  );
}

const actions = (s: Statement) =>
  s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action];

/** Whether an IAM action pattern (`s3:Put*`, `*`) covers `action`. */
const covers = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(action);

const DATA_TYPES = [
  'AWS::DynamoDB::GlobalTable',
  'AWS::DynamoDB::Table',
  'AWS::S3::Bucket',
  'AWS::SQS::Queue',
];

/** Whether a statement's resources name a table, bucket or queue (its own stack's or the Data stack's). */
function onDataResource({ stack, statement }: Located): boolean {
  const resource = JSON.stringify(statement.Resource ?? null);
  if (resource.includes(`"StackName":"${stacks.data.stackName}"`)) return true;
  return DATA_TYPES.some((type) => resourcesOfType(stack, type).some(([id]) => resource.includes(`"${id}"`)));
}

/** The description of the function whose role is `roleId` in `stack`. */
function functionOfRole(stack: Stack, roleId: string): string | undefined {
  const fn = resourcesOfType(stack, 'AWS::Lambda::Function').find(
    ([, r]) => (r.Properties?.Role as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0] === roleId,
  );
  return fn?.[1].Properties?.Description as string | undefined;
}

describe('IAM', () => {
  it('allows no wildcard action anywhere', () => {
    const statements = allStatements();
    expect(statements.length).toBeGreaterThan(10);
    const wildcards = statements
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ where, statement }) =>
        actions(statement)
          .filter((a) => a.includes('*'))
          .map((a) => `${where}: ${a}`),
      );
    expect(wildcards).toEqual([]);
  });

  it('grants no wildcard action, and no data action on every resource, for tables, buckets and queues', () => {
    const statements = allStatements().filter(({ statement }) => statement.Effect === 'Allow');
    const onData = statements.filter(onDataResource);
    expect(onData.length).toBeGreaterThan(10);
    const wildcards = onData.flatMap(({ where, statement }) =>
      actions(statement)
        .filter((a) => a.includes('*'))
        .map((a) => `${where}: ${a}`),
    );
    expect(wildcards).toEqual([]);
    const everywhere = statements
      .filter(({ statement }) => JSON.stringify(statement.Resource) === '"*"')
      .flatMap(({ where, statement }) =>
        actions(statement)
          .filter((a) => /^(dynamodb|s3|sqs):/.test(a))
          .map((a) => `${where}: ${a}`),
      );
    expect(everywhere).toEqual([]);
  });

  it('grants s3:PutObject to POST /api/uploads on uploads/* and to the report worker on reports/*', () => {
    const puts = allStatements().filter(
      ({ statement }) =>
        statement.Effect === 'Allow' && actions(statement).some((a) => covers(a, 's3:PutObject')),
    );
    const byFunction = new Map(
      puts.flatMap(({ stack, roles, statement }) =>
        roles.map((role) => [functionOfRole(stack, role), statement]),
      ),
    );
    expect([...byFunction.keys()].sort()).toEqual(['POST /api/uploads', 'worker report']);
    const [uploadsBucketId, reportsBucketId] = resourcesOfType(stacks.data, 'AWS::S3::Bucket').map(
      ([id]) => id,
    );
    const onKeys = (bucketId: string | undefined, prefix: string) => ({
      'Fn::Join': [
        '',
        [
          {
            'Fn::GetStackOutput': expect.objectContaining({
              StackName: stacks.data.stackName,
              OutputName: expect.stringMatching(`^PublishOutputFnGetAtt${bucketId}Arn`) as string,
            }) as unknown,
          },
          prefix,
        ],
      ],
    });
    const upload = byFunction.get('POST /api/uploads');
    expect(upload && actions(upload)).toEqual(['s3:PutObject']);
    expect(upload?.Resource).toEqual(onKeys(uploadsBucketId, '/uploads/*'));
    const report = byFunction.get('worker report');
    expect(report && actions(report)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(report?.Resource).toEqual(onKeys(reportsBucketId, '/reports/*'));
  });

  it('grants on the uploads bucket exactly: PutObject to POST /api/uploads, GetObject to the worker', () => {
    const [uploadsBucketId = '?'] = resourcesOfType(stacks.data, 'AWS::S3::Bucket').map(([id]) => id);
    const granted = allStatements()
      .filter(
        ({ statement }) =>
          statement.Effect === 'Allow' &&
          JSON.stringify(statement.Resource ?? null).includes(uploadsBucketId),
      )
      .flatMap(({ stack, roles, statement }) =>
        roles.map((role) => `${functionOfRole(stack, role)}: ${actions(statement).join(', ')}`),
      );
    expect(granted.sort()).toEqual([
      expect.stringMatching(
        /^AWS CloudFormation handler for "Custom::S3BucketNotifications".*: s3:GetBucketNotification, s3:PutBucketNotification$/,
      ) as string,
      'POST /api/uploads: s3:PutObject',
      'worker process-upload: s3:GetObject',
    ]);
  });

  it('grants DynamoDB access only through named actions', () => {
    const dynamo = allStatements().flatMap(({ statement }) =>
      actions(statement).filter((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo.length).toBeGreaterThan(0);
    for (const action of dynamo) expect(action).toMatch(/^dynamodb:[A-Z][A-Za-z]+$/);
  });
});

describe('site bucket', () => {
  const web = () => template(stacks.web);

  it('blocks all public access, encrypts and keeps versions', () => {
    web().hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('denies every request not made over TLS', () => {
    const [[, policy] = []] = resourcesOfType(stacks.web, 'AWS::S3::BucketPolicy');
    const statements = (policy?.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;
    const tlsOnly = statements.find(
      (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
    );
    expect(tlsOnly).toBeDefined();
    expect(tlsOnly?.Action).toBe('s3:*');
  });

  it('lets only CloudFront read objects', () => {
    const [[, policy] = []] = resourcesOfType(stacks.web, 'AWS::S3::BucketPolicy');
    const allows = (
      policy?.Properties?.PolicyDocument as { Statement: Array<Statement & { Principal: unknown }> }
    ).Statement.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0]?.Action).toBe('s3:GetObject');
  });
});
