import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { AwsClientFactory, assertCredentials, MISSING_CREDENTIALS } from '../../src/aws/clients.ts';
import { ConfigError } from '../../src/jobs/common/config-error.ts';

const failingProbe = () => Promise.reject(new Error('Could not load credentials from any providers'));

describe('AwsClientFactory', () => {
  it('builds adaptive-retry clients with bounded attempts, cached per service and region', async () => {
    const factory = new AwsClientFactory({ maxAttempts: 5 });
    const glue = factory.client('glue', 'eu-west-1');
    expect(factory.client('glue', 'eu-west-1')).toBe(glue);
    expect(factory.client('glue', 'us-east-1')).not.toBe(glue);
    const strategy = await glue.config.retryStrategy();
    expect((strategy as { mode?: string }).mode).toBe('adaptive');
    expect(await glue.config.maxAttempts()).toBe(5);
    expect(await glue.config.region()).toBe('eu-west-1');
    factory.destroy();
  });

  it('shares one client of a global service across regions', async () => {
    const factory = new AwsClientFactory();
    expect(factory.client('iam', 'eu-west-1')).toBe(factory.client('iam', 'ap-northeast-2'));
    expect(await factory.client('iam', 'eu-west-1').config.region()).toBe('us-east-1');
    factory.destroy();
  });

  it('uses the given endpoint and credentials, with path-style S3', async () => {
    const factory = new AwsClientFactory({
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
    });
    const s3 = factory.client('s3', 'us-east-1');
    expect(s3.config.forcePathStyle).toBe(true);
    expect((await s3.config.credentials()).accessKeyId).toBe('AKIDEXAMPLE');
    const endpoint = await factory.client('sns', 'us-east-1').config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    factory.destroy();
  });
});

describe('a silent endpoint', () => {
  it('fails each attempt after the request timeout instead of hanging', async () => {
    // Accepts connections and never answers.
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const factory = new AwsClientFactory({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' },
      maxAttempts: 2,
      requestTimeoutMs: 200,
    });
    try {
      const started = Date.now();
      const call = factory.client('sts', 'us-east-1').send(new GetCallerIdentityCommand({}));
      await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      factory.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('assertCredentials', () => {
  it('accepts credentials in the environment without probing', async () => {
    await expect(
      assertCredentials({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, failingProbe),
    ).resolves.toBeUndefined();
    await expect(assertCredentials({ AWS_PROFILE: 'ops' }, failingProbe)).resolves.toBeUndefined();
    await expect(
      assertCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/x' }, failingProbe),
    ).resolves.toBeUndefined();
  });

  it('accepts credentials the SDK chain finds elsewhere (files, instance metadata)', async () => {
    await expect(assertCredentials({}, async () => ({ accessKeyId: 'x' }))).resolves.toBeUndefined();
  });

  it('fails with one sentence when there are none', async () => {
    const error = await assertCredentials({}, failingProbe).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(MISSING_CREDENTIALS);
    expect(MISSING_CREDENTIALS).toMatch(/^[^.]*\.$/);
  });

  it('names the missing half of static keys', async () => {
    await expect(assertCredentials({ AWS_ACCESS_KEY_ID: 'a' }, failingProbe)).rejects.toThrow(
      'Incomplete AWS credentials: AWS_SECRET_ACCESS_KEY is not set.',
    );
  });
});
