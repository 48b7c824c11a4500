/**
 * S3 replication metrics of replication rules (namespace AWS/S3, dimensions SourceBucket, DestinationBucket, RuleId).
 * `ReplicationLatency` and `OperationsPendingReplication` are published in the destination bucket's region,
 * `OperationsFailedReplication` in the source bucket's: the caller asks each region for its own metrics. One
 * `GetMetricData` request (plus its pages) per call, at most 500 series each.
 */
import { type CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';

export type ReplicationMetricName =
  | 'ReplicationLatency'
  | 'OperationsPendingReplication'
  | 'OperationsFailedReplication';

export interface ReplicationSeries {
  readonly sourceBucket: string;
  readonly destinationBucket: string;
  readonly ruleId: string;
}

export interface ReplicationMetricQuery {
  /** Lowercase letter first, then letters, digits and "_" (CloudWatch's rule for query ids). */
  readonly id: string;
  readonly metric: ReplicationMetricName;
  readonly stat: 'Maximum' | 'Sum' | 'Average';
  readonly series: ReplicationSeries;
}

export interface MetricWindow {
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
}

export interface MetricPoint {
  readonly at: Date;
  readonly value: number;
}

export interface ReplicationMetricsApi {
  /** Points per query id, newest first; a query without data has no entry. */
  read(queries: readonly ReplicationMetricQuery[], window: MetricWindow): Promise<Map<string, MetricPoint[]>>;
}

/** `GetMetricData` accepts at most this many queries per request. */
const MAX_QUERIES = 500;

function dataQuery(query: ReplicationMetricQuery, periodSeconds: number): MetricDataQuery {
  return {
    Id: query.id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/S3',
        MetricName: query.metric,
        Dimensions: [
          { Name: 'SourceBucket', Value: query.series.sourceBucket },
          { Name: 'DestinationBucket', Value: query.series.destinationBucket },
          { Name: 'RuleId', Value: query.series.ruleId },
        ],
      },
      Period: periodSeconds,
      Stat: query.stat,
    },
    ReturnData: true,
  };
}

export function replicationMetricsApi(client: CloudWatchClient): ReplicationMetricsApi {
  return {
    async read(queries, window) {
      const points = new Map<string, MetricPoint[]>();
      for (let start = 0; start < queries.length; start += MAX_QUERIES) {
        const chunk = queries.slice(start, start + MAX_QUERIES).map((q) => dataQuery(q, window.periodSeconds));
        let token: string | undefined;
        do {
          const page = await client.send(
            new GetMetricDataCommand({
              MetricDataQueries: chunk,
              StartTime: window.start,
              EndTime: window.end,
              ScanBy: 'TimestampDescending',
              ...(token === undefined ? {} : { NextToken: token }),
            }),
          );
          token = page.NextToken || undefined;
          for (const result of page.MetricDataResults ?? []) {
            const id = result.Id ?? '';
            const list = points.get(id) ?? [];
            (result.Timestamps ?? []).forEach((at, i) => {
              const value = result.Values?.[i];
              if (value !== undefined) list.push({ at, value });
            });
            if (list.length > 0) points.set(id, list);
          }
        } while (token !== undefined);
      }
      for (const list of points.values()) list.sort((a, b) => b.at.getTime() - a.at.getTime());
      return points;
    },
  };
}
