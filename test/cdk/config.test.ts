import { describe, expect, it } from 'vitest';
import { readDeployConfig } from '../../cdk/bin/config';

const fromContext =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

describe('readDeployConfig', () => {
  it('defaults to an environment-agnostic dev stage', () => {
    const config = readDeployConfig(fromContext({}), {});
    expect(config).toMatchObject({ stage: 'dev', env: undefined, allowedOrigins: [] });
    expect(config.siteAssetsPath).toMatch(/web[/\\]build$/);
  });

  it('prefers context over CXL_* environment variables', () => {
    const config = readDeployConfig(fromContext({ stage: 'prod' }), {
      CXL_STAGE: 'qa',
      CXL_ALARM_EMAIL: 'ops@example.com',
    });
    expect(config.stage).toBe('prod');
    expect(config.alarmEmail).toBe('ops@example.com');
  });

  it('takes account and region from the CDK CLI', () => {
    const config = readDeployConfig(fromContext({}), {
      CDK_DEFAULT_ACCOUNT: '123456789012',
      CDK_DEFAULT_REGION: 'eu-central-1',
    });
    expect(config.env).toEqual({ account: '123456789012', region: 'eu-central-1' });
  });

  it.each([
    ['https://a.example.com, https://b.example.com/', ['https://a.example.com', 'https://b.example.com']],
    [['http://localhost:5173'], ['http://localhost:5173']],
    ['', []],
  ])('parses allowed origins %j', (raw, expected) => {
    expect(readDeployConfig(fromContext({ allowedOrigins: raw }), {}).allowedOrigins).toEqual(expected);
  });

  it.each([
    [{ stage: 'Prod!' }, /stage/],
    [{ allowedOrigins: 'http://example.com' }, /allowedOrigins/],
    [{ alarmEmail: 'nobody' }, /alarmEmail/],
    [{ domainName: 'cx.example.com' }, /together/],
    [{ domainName: 'https://cx.example.com' }, /domainName/],
    [
      { domainName: 'cx.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/ab' },
      /certificateArn/,
    ],
    [{ authDomainPrefix: '-bad-' }, /authDomainPrefix/],
  ])('rejects %j', (context, message) => {
    expect(() => readDeployConfig(fromContext(context), {})).toThrow(message);
  });
});
