/**
 * `dr-audit`: for each cohort with a backup region, check the replication configuration of raw and processed and
 * its health (CloudWatch, then a bounded sample of the newest objects), and report the recovery-point age. A
 * misconfiguration or a failed replication alerts (once, until it clears) and fails the cohort. Read only: the only
 * write is the job's own ops state.
 */
import type { ReplicationMetricsApi } from '../../aws/cloudwatch-replication.ts';
import { BucketMissingError, type S3BucketSettingsApi } from '../../aws/s3-replication.ts';
import type { S3VersionsApi } from '../../aws/s3-versions.ts';
import type { TaggedResourcesApi } from '../../aws/tagged-resources.ts';
import { CohortNames, MANAGED_BY, TAG_COHORT, TAG_MANAGED_BY } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';
import type { AlertSink } from '../common/alerts.ts';
import type { JobContext } from '../common/job-context.ts';
import { mapLimit } from '../common/limit.ts';
import type { OpsStateStore } from '../common/ops-state.ts';
import type { CohortReport } from '../common/report.ts';
import { alertAndStore } from './alert-state.ts';
import { auditReport, NO_BACKUP, type PairAudit, skippedReport } from './audit-report.ts';
import type { BackupKey } from './backup-key.ts';
import { type BucketPair, bucketPairs } from './bucket-pairs.ts';
import { checkConfiguration, type PairSettings } from './configuration-check.ts';
import { alertsOf, type Finding, failure, warning } from './finding.ts';
import { metricFindings, readPairMetrics } from './replication-metrics.ts';
import { type SampleLimits, sampleBucket, sampleFindings } from './replication-sample.ts';
import { DrAuditState } from './state.ts';

export const DR_AUDIT_JOB = 'dr-audit';

/** The AWS reads of the audit, per region. */
export interface DrAuditApis {
  readonly bucketSettings: (region: string) => S3BucketSettingsApi;
  readonly versions: (region: string) => S3VersionsApi;
  readonly metrics: (region: string) => ReplicationMetricsApi;
  readonly tagged: (region: string) => TaggedResourcesApi;
}

export interface DrAuditDeps extends DrAuditApis {
  readonly state: OpsStateStore;
  readonly alerts: AlertSink;
  readonly accountId: string;
  readonly namePrefix: string;
  readonly limits: SampleLimits;
}

interface Regions {
  readonly primary: string;
  readonly backup: string;
}

/** The tags the cohort stack puts on everything it creates (provider default tags), keys included. */
export function cohortKeyTags(cohortId: string): Record<string, string> {
  return { [TAG_COHORT]: cohortId, [TAG_MANAGED_BY]: MANAGED_BY };
}

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\//;

/**
 * The cohort's key in the backup region: the KMS key there carrying the cohort's tags. The jobs have no KMS client
 * to resolve the alias with; the stack tags the key it aliases, so the tags find the same key.
 */
export async function backupKey(tagged: TaggedResourcesApi, cohortId: string): Promise<BackupKey> {
  const resources = await tagged.resources(cohortKeyTags(cohortId));
  return { arns: resources.map((r) => r.arn).filter((arn) => KMS_KEY_ARN.test(arn)) };
}

async function readSettings(deps: DrAuditApis, regions: Regions, pair: BucketPair): Promise<PairSettings> {
  const source = deps.bucketSettings(regions.primary);
  const replica = deps.bucketSettings(regions.backup);
  const [replication, sourceVersioning, replicaVersioning, replicaEncryption, replicaPublicAccess] = await Promise.all([
    source.replication(pair.source),
    source.versioning(pair.source),
    replica.versioning(pair.replica),
    replica.encryption(pair.replica),
    replica.publicAccessBlock(pair.replica),
  ]);
  return { replication, sourceVersioning, replicaVersioning, replicaEncryption, replicaPublicAccess };
}

interface PairResult {
  readonly audit: Omit<PairAudit, 'metrics'>;
  readonly findings: readonly Finding[];
}

async function auditPair(
  deps: DrAuditDeps,
  regions: Regions,
  pair: BucketPair,
  key: BackupKey,
  now: Date,
): Promise<PairResult> {
  let settings: PairSettings;
  try {
    settings = await readSettings(deps, regions, pair);
  } catch (error) {
    if (!(error instanceof BucketMissingError)) throw error;
    const side = error.bucket === pair.source ? 'source' : 'replica';
    return {
      audit: { ...pair },
      findings: [failure(`config:${pair.role}:${side}-missing`, `${error.message}: apply the cohort`)],
    };
  }
  const configuration = checkConfiguration(pair, settings, key);
  const apis = { source: deps.versions(regions.primary), replica: deps.versions(regions.backup) };
  const sample = await sampleBucket(apis, pair, key, deps.limits, now);
  return {
    audit: { ...pair, configuration, sample },
    findings: [...configuration.findings, ...sampleFindings(pair, sample, now)],
  };
}

function keyFindings(key: BackupKey, backupRegion: string, alias: string): Finding[] {
  if (key.arns.length === 1) return [];
  if (key.arns.length === 0) {
    return [
      warning(
        'config:backup-key-unknown',
        `no KMS key tagged with this cohort in ${backupRegion} (expected the key of ${alias}): replica keys cannot be verified`,
      ),
    ];
  }
  return [
    warning(
      'config:backup-key-ambiguous',
      `${key.arns.length} KMS keys in ${backupRegion} are tagged with this cohort (one may be pending deletion): any of them is accepted`,
    ),
  ];
}

export async function drAuditCohort(cohort: ResolvedCohort, deps: DrAuditDeps, ctx: JobContext): Promise<CohortReport> {
  const backup = cohort.regions.backup;
  if (backup === undefined) return skippedReport(cohort.id, NO_BACKUP);
  const regions: Regions = { primary: cohort.regions.primary, backup };
  const now = ctx.now();
  const names = new CohortNames(deps.namePrefix, cohort.id);
  const pairs = bucketPairs(deps.namePrefix, cohort.id);
  const key = await backupKey(deps.tagged(backup), cohort.id);
  const results = await mapLimit(pairs, pairs.length, (pair) => auditPair(deps, regions, pair, key, now));
  const metrics = await readPairMetrics(
    { primary: deps.metrics(regions.primary), backup: deps.metrics(backup) },
    pairs,
    now,
  );

  const findings = [
    ...keyFindings(key, backup, names.kmsAlias),
    ...results.flatMap((r) => r.findings),
    ...pairs.flatMap((pair, i) => {
      const m = metrics[i];
      return m === undefined ? [] : metricFindings(pair, m);
    }),
  ];
  const { alerts, problems } = await alertAndStore(
    { ...deps, topic: names.topic },
    cohort,
    DR_AUDIT_JOB,
    ctx,
    DrAuditState,
    alertsOf(findings, cohort.id),
    () => ({}),
  );
  return auditReport({
    cohortId: cohort.id,
    backupKeyArns: key.arns,
    pairs: results.map((r, i) => {
      const m = metrics[i];
      return m === undefined ? r.audit : { ...r.audit, metrics: m };
    }),
    findings,
    problems,
    alerts,
  });
}
