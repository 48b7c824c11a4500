import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ReplicationMetricQuery, replicationMetricsApi } from '../../src/aws/cloudwatch-replication.ts';

const cw = mockClient(CloudWatchClient);
beforeEach(() => cw.reset());

const series = { sourceBucket: 'src', destinationBucket: 'dst', ruleId: 'cohort-backup' };
const window = { start: new Date('2026-12-07T03:00:00Z'), end: new Date('2026-12-08T03:00:00Z'), periodSeconds: 300 };
const t = (minute: number) => new Date(Date.UTC(2026, 11, 8, 2, minute));

describe('replication metrics adapter', () => {
  it('asks for each rule’s metric by its three dimensions and returns points newest first over every page', async () => {
    cw.on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [{ Id: 'latency_raw', Timestamps: [t(5)], Values: [12] }],
        NextToken: 'next',
      })
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'latency_raw', Timestamps: [t(50), t(0)], Values: [30, 5] },
          { Id: 'x', Timestamps: [], Values: [] },
        ],
      });
    const queries: ReplicationMetricQuery[] = [
      { id: 'latency_raw', metric: 'ReplicationLatency', stat: 'Maximum', series },
    ];
    const points = await replicationMetricsApi(new CloudWatchClient({ region: 'ap-southeast-1' })).read(
      queries,
      window,
    );
    expect(points.get('latency_raw')?.map((p) => p.value)).toEqual([30, 12, 5]);
    expect(points.has('x')).toBe(false);
    const calls = cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    expect(calls[0]?.MetricDataQueries?.[0]?.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/S3',
        MetricName: 'ReplicationLatency',
        Dimensions: [
          { Name: 'SourceBucket', Value: 'src' },
          { Name: 'DestinationBucket', Value: 'dst' },
          { Name: 'RuleId', Value: 'cohort-backup' },
        ],
      },
      Period: 300,
      Stat: 'Maximum',
    });
    expect(calls[1]?.NextToken).toBe('next');
  });
});
