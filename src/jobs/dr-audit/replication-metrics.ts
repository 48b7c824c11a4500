/**
 * The CloudWatch half of the DR audit's health check over the last day: replication latency (latest and highest) and
 * operations pending, read in the backup region where S3 publishes them, and operations failed, read in the primary
 * region. One request per region for all of a cohort's buckets. Failed operations fail the cohort; a latency above
 * the RTC target is a warning; no data points (nothing written in the period) is not a problem.
 */
import type { ReplicationMetricQuery, ReplicationMetricsApi } from '../../aws/cloudwatch-replication.ts';
import type { BucketPair } from './bucket-pairs.ts';
import { type Finding, failure, warning } from './finding.ts';
import { REPLICATION_RULE_ID, RTC_TARGET_MINUTES, RTC_TARGET_SECONDS } from './replication-target.ts';

export const METRICS_LOOKBACK_HOURS = 24;
const PERIOD_SECONDS = 300;

export interface PairMetrics {
  readonly role: BucketPair['role'];
  readonly latencyLatestSeconds?: number;
  readonly latencyMaxSeconds?: number;
  readonly pendingOperations?: number;
  /** Sum over the lookback; undefined when CloudWatch has no data point. */
  readonly failedOperations?: number;
}

export interface MetricsRegions {
  /** Where the source buckets are: OperationsFailedReplication. */
  readonly primary: ReplicationMetricsApi;
  /** Where the replicas are: ReplicationLatency, OperationsPendingReplication. */
  readonly backup: ReplicationMetricsApi;
}

function queries(pairs: readonly BucketPair[], kind: 'primary' | 'backup'): ReplicationMetricQuery[] {
  return pairs.flatMap((pair): ReplicationMetricQuery[] => {
    const series = { sourceBucket: pair.source, destinationBucket: pair.replica, ruleId: REPLICATION_RULE_ID };
    if (kind === 'primary')
      return [{ id: `failed_${pair.role}`, metric: 'OperationsFailedReplication', stat: 'Sum', series }];
    return [
      { id: `latency_${pair.role}`, metric: 'ReplicationLatency', stat: 'Maximum', series },
      { id: `pending_${pair.role}`, metric: 'OperationsPendingReplication', stat: 'Maximum', series },
    ];
  });
}

export async function readPairMetrics(
  regions: MetricsRegions,
  pairs: readonly BucketPair[],
  now: Date,
): Promise<PairMetrics[]> {
  const window = {
    start: new Date(now.getTime() - METRICS_LOOKBACK_HOURS * 3_600_000),
    end: now,
    periodSeconds: PERIOD_SECONDS,
  };
  const [failed, backup] = await Promise.all([
    regions.primary.read(queries(pairs, 'primary'), window),
    regions.backup.read(queries(pairs, 'backup'), window),
  ]);
  return pairs.map((pair) => {
    const latency = backup.get(`latency_${pair.role}`) ?? [];
    const pending = backup.get(`pending_${pair.role}`);
    const failures = failed.get(`failed_${pair.role}`);
    const out: { -readonly [K in keyof PairMetrics]: PairMetrics[K] } = { role: pair.role };
    if (latency[0] !== undefined) {
      out.latencyLatestSeconds = latency[0].value;
      out.latencyMaxSeconds = Math.max(...latency.map((p) => p.value));
    }
    if (pending?.[0] !== undefined) out.pendingOperations = pending[0].value;
    if (failures !== undefined) out.failedOperations = failures.reduce((sum, p) => sum + p.value, 0);
    return out;
  });
}

export function metricFindings(pair: BucketPair, metrics: PairMetrics): Finding[] {
  const findings: Finding[] = [];
  if ((metrics.failedOperations ?? 0) > 0) {
    findings.push(
      failure(
        `health:${pair.role}:failed-operations`,
        `${metrics.failedOperations} replication operation(s) of ${pair.source} failed in the last ${METRICS_LOOKBACK_HOURS} hours`,
        'S3 does not retry failed replication: check the replication role and the backup key policy, then re-copy the objects (S3 Batch Replication).',
      ),
    );
  }
  if ((metrics.latencyLatestSeconds ?? 0) > RTC_TARGET_SECONDS) {
    findings.push(
      warning(
        `health:${pair.role}:latency`,
        `replication of ${pair.source} is ${Math.round((metrics.latencyLatestSeconds ?? 0) / 60)} minutes behind, over the ${RTC_TARGET_MINUTES}-minute target`,
      ),
    );
  }
  return findings;
}
