import {
  CloudTrailClient,
  GetTrailStatusCommand,
  ListTagsCommand,
  StopLoggingCommand,
  TrailNotFoundException,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../src/aws/clients.ts';
import { cloudTrailStatusApi } from '../../src/aws/cloudtrail-status.ts';
import { awsError, json, LOOPBACK_CREDENTIALS, type Loopback, startLoopback } from '../support/aws-loopback.ts';

describe('cloudTrailStatusApi', () => {
  const cloudtrail = mockClient(CloudTrailClient);
  beforeEach(() => cloudtrail.reset());
  afterEach(() => cloudtrail.restore());

  it('reads whether the trail logs and its last delivery error; an unknown trail is undefined', async () => {
    cloudtrail
      .on(GetTrailStatusCommand, { Name: 'acme-ws-seoul-trail' })
      .resolves({ IsLogging: false, LatestDeliveryError: 'AccessDenied', LatestDeliveryTime: new Date(0) });
    cloudtrail
      .on(GetTrailStatusCommand, { Name: 'other' })
      .rejects(new TrailNotFoundException({ message: 'Unknown trail', $metadata: {} }));
    const api = cloudTrailStatusApi(new CloudTrailClient({ region: 'ap-northeast-2' }));
    expect(await api.trailStatus('acme-ws-seoul-trail')).toEqual({
      isLogging: false,
      latestDeliveryError: 'AccessDenied',
      latestDeliveryTime: new Date(0),
    });
    expect(await api.trailStatus('other')).toBeUndefined();
  });

  it('stops a trail, and a missing trail is absent', async () => {
    cloudtrail
      .on(StopLoggingCommand)
      .resolvesOnce({})
      .rejectsOnce(new TrailNotFoundException({ message: 'Unknown trail', $metadata: {} }));
    const api = cloudTrailStatusApi(new CloudTrailClient({ region: 'ap-northeast-2' }));
    expect(await api.stopLogging('t')).toBe('stopped');
    expect(await api.stopLogging('t')).toBe('absent');
    expect(cloudtrail.commandCalls(StopLoggingCommand)[0]?.args[0].input).toEqual({ Name: 't' });
  });

  it('treats an empty delivery error as none', async () => {
    cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true, LatestDeliveryError: '' });
    const api = cloudTrailStatusApi(new CloudTrailClient({ region: 'ap-northeast-2' }));
    expect(await api.trailStatus('t')).toEqual({ isLogging: true });
  });
});

describe("the factory's CloudTrail client", () => {
  let loopback: Loopback | undefined;
  let aws: AwsClientFactory | undefined;
  afterEach(async () => {
    aws?.destroy();
    await loopback?.close();
  });

  it('signs with the factory’s credentials at its endpoint, retrying throttling and a 500', async () => {
    loopback = await startLoopback((r) =>
      r.service === 'cloudtrail' ? json({ IsLogging: true }) : awsError(r.service, 'Unexpected', r.operation),
    );
    loopback.fault({ service: 'cloudtrail', times: 2, kind: 'throttle' });
    loopback.fault({ service: 'cloudtrail', times: 1, kind: 'server-error' });
    aws = new AwsClientFactory({ endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS });
    const client = aws.client('cloudtrail', 'ap-northeast-2');
    expect(await cloudTrailStatusApi(client).trailStatus('acme-ws-seoul-trail')).toEqual({ isLogging: true });
    expect(loopback.requests.map((r) => [r.service, r.region, r.operation])).toEqual(
      Array.from({ length: 4 }, () => ['cloudtrail', 'ap-northeast-2', 'GetTrailStatus']),
    );
    expect(JSON.parse(loopback.requests[3]?.body ?? '{}')).toEqual({ Name: 'acme-ws-seoul-trail' });
  });
});

describe('cloudTrailStatusApi tags', () => {
  const cloudtrail = mockClient(CloudTrailClient);
  beforeEach(() => cloudtrail.reset());
  afterEach(() => cloudtrail.restore());

  it("reads a trail's tags by ARN; an unknown trail is undefined", async () => {
    const arn = 'arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/acme-ws-seoul-trail';
    cloudtrail.on(ListTagsCommand, { ResourceIdList: [arn] }).resolves({
      ResourceTagList: [{ ResourceId: arn, TagsList: [{ Key: 'managed-by', Value: 'workshop-gitops' }] }],
    });
    cloudtrail
      .on(ListTagsCommand, { ResourceIdList: ['arn:other'] })
      .rejects(new TrailNotFoundException({ message: 'Unknown trail', $metadata: {} }));
    const api = cloudTrailStatusApi(new CloudTrailClient({ region: 'ap-northeast-2' }));
    expect(await api.tags(arn)).toEqual({ 'managed-by': 'workshop-gitops' });
    expect(await api.tags('arn:other')).toBeUndefined();
  });
});
