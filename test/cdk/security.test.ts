import { describe, expect, it } from 'vitest';
import { allStacks, buildApp, resourcesOfType, template } from './fixture';

const stacks = buildApp();

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
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
function allStatements(): Array<{ where: string; statement: Statement }> {
  return allStacks(stacks).flatMap((stack) =>
    Object.entries(POLICY_DOCUMENTS).flatMap(([type, documents]) =>
      resourcesOfType(stack, type).flatMap(([id, r]) =>
        documents(r.Properties ?? {}).flatMap((doc) =>
          (doc as { Statement: Statement[] }).Statement.map((statement) => ({
            where: `${stack.stackName}/${id}`,
            statement,
          })),
        ),
      ),
    ),
  );
}

const actions = (s: Statement) =>
  s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action];

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
