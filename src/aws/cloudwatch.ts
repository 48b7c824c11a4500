/**
 * CloudWatch metrics the cost report reads: S3 `BucketSizeBytes` per bucket and storage class. S3 publishes it
 * once a day (sometimes a day late), so the latest value within the last few days is the bucket's size. The storage
 * classes a bucket has are found with `ListMetrics`, then read in `GetMetricData` batches of at most 500 series.
 */
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';

const DAY_S = 86_400;
/** Days looked back for the latest daily value. */
export const STORAGE_LOOKBACK_DAYS = 3;
/** `GetMetricData` accepts at most this many queries per request. */
const MAX_QUERIES = 500;

export interface BucketStorage {
  readonly bucket: string;
  /** S3's storage type: StandardStorage, StandardIAStorage, GlacierStorage, DeepArchiveStorage, ... */
  readonly storageType: string;
  readonly bytes: number;
  readonly at: Date;
}

export interface CloudWatchApi {
  /** The latest size of each bucket per storage type; buckets without metrics are left out. */
  bucketSizes(buckets: readonly string[], now: Date): Promise<BucketStorage[]>;
}

interface Series {
  readonly bucket: string;
  readonly storageType: string;
}

async function listSeries(client: CloudWatchClient, bucket: string): Promise<Series[]> {
  const series: Series[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListMetricsCommand({
        Namespace: 'AWS/S3',
        MetricName: 'BucketSizeBytes',
        Dimensions: [{ Name: 'BucketName', Value: bucket }],
        ...(token === undefined ? {} : { NextToken: token }),
      }),
    );
    token = page.NextToken || undefined;
    for (const metric of page.Metrics ?? []) {
      const storageType = metric.Dimensions?.find((d) => d.Name === 'StorageType')?.Value;
      if (storageType !== undefined) series.push({ bucket, storageType });
    }
  } while (token !== undefined);
  return series;
}

function query(series: Series, index: number): MetricDataQuery {
  return {
    Id: `s${index}`,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/S3',
        MetricName: 'BucketSizeBytes',
        Dimensions: [
          { Name: 'BucketName', Value: series.bucket },
          { Name: 'StorageType', Value: series.storageType },
        ],
      },
      Period: DAY_S,
      Stat: 'Average',
    },
    ReturnData: true,
  };
}

/** Latest value per query id over every page of one `GetMetricData` request. */
async function latestValues(
  client: CloudWatchClient,
  queries: MetricDataQuery[],
  now: Date,
): Promise<Map<string, { value: number; at: Date }>> {
  const latest = new Map<string, { value: number; at: Date }>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(now.getTime() - STORAGE_LOOKBACK_DAYS * DAY_S * 1000),
        EndTime: now,
        ScanBy: 'TimestampDescending',
        ...(token === undefined ? {} : { NextToken: token }),
      }),
    );
    token = page.NextToken || undefined;
    for (const result of page.MetricDataResults ?? []) {
      (result.Timestamps ?? []).forEach((at, i) => {
        const value = result.Values?.[i];
        const seen = latest.get(result.Id ?? '');
        if (value !== undefined && (seen === undefined || at.getTime() > seen.at.getTime())) {
          latest.set(result.Id ?? '', { value, at });
        }
      });
    }
  } while (token !== undefined);
  return latest;
}

export function cloudWatchApi(client: CloudWatchClient): CloudWatchApi {
  return {
    async bucketSizes(buckets, now) {
      const series: Series[] = [];
      for (const bucket of buckets) series.push(...(await listSeries(client, bucket)));
      const out: BucketStorage[] = [];
      for (let start = 0; start < series.length; start += MAX_QUERIES) {
        const chunk = series.slice(start, start + MAX_QUERIES);
        const latest = await latestValues(client, chunk.map(query), now);
        chunk.forEach((s, i) => {
          const found = latest.get(`s${i}`);
          if (found) out.push({ ...s, bytes: found.value, at: found.at });
        });
      }
      return out;
    },
  };
}
