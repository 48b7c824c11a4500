import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cloudWatchApi, STORAGE_LOOKBACK_DAYS } from '../../src/aws/cloudwatch.ts';

const cw = mockClient(CloudWatchClient);
const now = new Date('2026-12-07T12:00:00Z');
const day = (d: number) => new Date(Date.UTC(2026, 11, d));

const metric = (bucket: string, storageType: string) => ({
  Namespace: 'AWS/S3',
  MetricName: 'BucketSizeBytes',
  Dimensions: [
    { Name: 'StorageType', Value: storageType },
    { Name: 'BucketName', Value: bucket },
  ],
});

describe('cloudWatchApi.bucketSizes', () => {
  beforeEach(() => cw.reset());

  it('finds each bucket’s storage types, then reads the newest daily value of each', async () => {
    cw.on(ListMetricsCommand, { Dimensions: [{ Name: 'BucketName', Value: 'raw' }] })
      .resolvesOnce({ Metrics: [metric('raw', 'StandardStorage')], NextToken: 'n' })
      .resolvesOnce({ Metrics: [metric('raw', 'GlacierStorage')] });
    cw.on(ListMetricsCommand, { Dimensions: [{ Name: 'BucketName', Value: 'empty' }] }).resolves({ Metrics: [] });
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [{ Id: 's0', Timestamps: [day(6), day(5)], Values: [2048, 1024] }],
        NextToken: 'p2',
      })
      .resolvesOnce({ MetricDataResults: [{ Id: 's1', Timestamps: [day(5)], Values: [10] }] });

    const sizes = await cloudWatchApi(new CloudWatchClient({})).bucketSizes(['raw', 'empty'], now);
    expect(sizes).toEqual([
      { bucket: 'raw', storageType: 'StandardStorage', bytes: 2048, at: day(6) },
      { bucket: 'raw', storageType: 'GlacierStorage', bytes: 10, at: day(5) },
    ]);
    const [first, second] = cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    expect(first?.MetricDataQueries?.map((q) => q.MetricStat?.Metric?.Dimensions)).toEqual([
      [
        { Name: 'BucketName', Value: 'raw' },
        { Name: 'StorageType', Value: 'StandardStorage' },
      ],
      [
        { Name: 'BucketName', Value: 'raw' },
        { Name: 'StorageType', Value: 'GlacierStorage' },
      ],
    ]);
    expect(first?.MetricDataQueries?.[0]?.MetricStat).toMatchObject({ Period: 86_400, Stat: 'Average' });
    expect(first?.StartTime).toEqual(new Date(now.getTime() - STORAGE_LOOKBACK_DAYS * 86_400_000));
    expect(second?.NextToken).toBe('p2');
  });

  it('leaves out a storage type without data points and makes no data request without metrics', async () => {
    cw.on(ListMetricsCommand).resolves({ Metrics: [] });
    expect(await cloudWatchApi(new CloudWatchClient({})).bucketSizes(['a'], now)).toEqual([]);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});
