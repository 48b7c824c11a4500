import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AwsClientFactory } from '../../src/aws/clients.ts';
import { s3Api } from '../../src/aws/s3.ts';
import { snsApi } from '../../src/aws/sns.ts';
import { OpsStateConflictError, OpsStateStore, updateOpsState } from '../../src/jobs/common/ops-state.ts';
import {
  awsError,
  LOOPBACK_CREDENTIALS,
  type Loopback,
  memoryObjects,
  queryResult,
  startLoopback,
} from './aws-loopback.ts';

const Schema = z.object({ runs: z.number() });
const where = { cohortId: 'seoul-1', job: 'crawl', now: new Date('2026-12-07T00:00:00Z'), dryRun: false };

let loopback: Loopback | undefined;
let factory: AwsClientFactory | undefined;
afterEach(async () => {
  factory?.destroy();
  await loopback?.close();
});

async function setup(maxAttempts = 8) {
  const bucket = memoryObjects();
  loopback = await startLoopback((request) => {
    const s3 = bucket.handle(request);
    if (s3 !== undefined) return s3;
    if (request.service === 'sns' && request.operation === 'Publish') {
      if (request.params.get('TopicArn')?.includes('denied')) {
        return awsError('sns', 'AuthorizationError', 'not authorized to publish', 403);
      }
      return queryResult('Publish', { MessageId: 'm-1' });
    }
    return awsError(request.service, 'UnknownOperation', request.operation);
  });
  factory = new AwsClientFactory({ endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS, maxAttempts });
  return { bucket, loopback, factory, store: new OpsStateStore(s3Api(factory.client('s3', 'us-east-1')), 'state') };
}

describe('aws loopback', () => {
  it('recognises service and operation and answers in the service protocol', async () => {
    const { factory: f, loopback: l } = await setup();
    const out = await snsApi(f.client('sns', 'eu-west-1')).publish('arn:aws:sns:eu-west-1:1:t', 's', 'm');
    expect(out.messageId).toBe('m-1');
    expect(l.requests[0]).toMatchObject({ service: 'sns', region: 'eu-west-1', operation: 'Publish' });
    const denied = await snsApi(f.client('sns', 'eu-west-1'))
      .publish('arn:aws:sns:eu-west-1:1:denied', 's', 'm')
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({ name: 'AuthorizationErrorException' });
  });

  it('the real S3 client rides out a burst of throttling and a 500 with its retries', async () => {
    const { store, loopback: l } = await setup();
    l.fault({ service: 's3', operation: 'PutObject', times: 2, kind: 'throttle' });
    l.fault({ service: 's3', operation: 'PutObject', times: 1, kind: 'server-error' });
    await updateOpsState(store, where, Schema, async () => ({ runs: 1 }));
    expect((await store.read('seoul-1', 'crawl', Schema)).value).toEqual({ runs: 1 });
    expect(l.requests.filter((r) => r.operation === 'PutObject')).toHaveLength(4);
  });

  it('a PUT that keeps failing leaves the previous state intact', async () => {
    const { store, loopback: l } = await setup(2);
    await updateOpsState(store, where, Schema, async () => ({ runs: 1 }));
    l.fault({ service: 's3', operation: 'PutObject', times: 2, kind: 'server-error' });
    await expect(updateOpsState(store, where, Schema, async () => ({ runs: 2 }))).rejects.toThrow();
    expect((await store.read('seoul-1', 'crawl', Schema)).value).toEqual({ runs: 1 });
  });

  it('S3 conditional writes through the real client detect a concurrent update', async () => {
    const { store } = await setup();
    const before = await store.read('seoul-1', 'crawl', Schema);
    await store.write('seoul-1', 'crawl', before, { runs: 1 }, where.now);
    await expect(store.write('seoul-1', 'crawl', before, { runs: 2 }, where.now)).rejects.toBeInstanceOf(
      OpsStateConflictError,
    );
    const current = await store.read('seoul-1', 'crawl', Schema);
    await store.write('seoul-1', 'crawl', current, { runs: 2 }, where.now);
    await expect(store.write('seoul-1', 'crawl', current, { runs: 3 }, where.now)).rejects.toBeInstanceOf(
      OpsStateConflictError,
    );
    expect((await store.read('seoul-1', 'crawl', Schema)).value).toEqual({ runs: 2 });
  });
});
