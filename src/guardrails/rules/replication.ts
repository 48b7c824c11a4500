/**
 * Cross-region replication to the backup region.
 *
 * Which buckets must replicate (the configuration does not say which buckets hold data): when the stack has a
 * provider for another region (alias `backup`, or any aliased provider whose region differs from the default one),
 * every bucket in the primary region whose name ends in `-raw` or `-processed` (the `bucket` argument, or the
 * resource name when the bucket name is computed) must be the source of an aws_s3_bucket_replication_configuration.
 * The results and trail buckets are deliberately not replicated. Independently of that, every replication
 * configuration in the stack must replicate delete markers and KMS-encrypted objects into a key of the destination
 * region (pitfall 10: a wrong or missing key still reports success and replication fails silently).
 */
import { dig, digBlocks, type JsonObject, nonEmptyString, someEquals } from '../json-values.ts';
import { finding, type Rule } from '../rule.ts';
import type { TerraformConfig, TfResource } from '../terraform-json.ts';

const REPLICATED_BUCKET_NAME = /[-_](raw|processed)$|^(raw|processed)$/;

function inPrimaryRegion(config: TerraformConfig, bucket: TfResource): boolean {
  const region = config.regionOf(bucket);
  const primary = config.defaultRegion();
  if (region !== undefined && primary !== undefined) return region === primary;
  return config.providerOf(bucket)?.alias === undefined;
}

function mustReplicate(bucket: TfResource): boolean {
  const name = nonEmptyString(bucket.body.bucket);
  return (name !== undefined && REPLICATED_BUCKET_NAME.test(name)) || REPLICATED_BUCKET_NAME.test(bucket.name);
}

function enabledRules(replication: TfResource): JsonObject[] {
  return digBlocks(replication.body, 'rule').filter((r) => someEquals(r, ['status'], 'Enabled'));
}

/** Two resources known to be in the same region (unknown regions never count as the same). */
function sameRegion(config: TerraformConfig, a: TfResource | undefined, b: TfResource | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const ra = config.regionOf(a);
  return ra !== undefined && ra === config.regionOf(b);
}

function ruleProblems(config: TerraformConfig, source: TfResource | undefined, rule: JsonObject): string[] {
  const problems: string[] = [];
  if (!someEquals(rule, ['delete_marker_replication', 'status'], 'Enabled')) {
    problems.push('set delete_marker_replication.status to Enabled');
  }
  if (!someEquals(rule, ['source_selection_criteria', 'sse_kms_encrypted_objects', 'status'], 'Enabled')) {
    problems.push('set source_selection_criteria.sse_kms_encrypted_objects.status to Enabled');
  }
  const destinationValue = dig(rule, 'destination', 'bucket')[0];
  const destination = config.referencedResources(destinationValue, 'aws_s3_bucket')[0];
  if (nonEmptyString(destinationValue) === undefined) problems.push('set destination.bucket to the replica bucket ARN');
  else if (sameRegion(config, source, destination)) {
    problems.push(`replicate to a bucket in the backup region (${destination?.address} is in the source region)`);
  }
  const keyValue = dig(rule, 'destination', 'encryption_configuration', 'replica_kms_key_id')[0];
  const key = [
    ...config.referencedResources(keyValue, 'aws_kms_key'),
    ...config.referencedResources(keyValue, 'aws_kms_replica_key'),
  ][0];
  if (nonEmptyString(keyValue) === undefined) {
    problems.push('set destination.encryption_configuration.replica_kms_key_id to a KMS key of the backup region');
  } else if (sameRegion(config, source, key) && !sameRegion(config, key, destination)) {
    problems.push(`use a replica key in the destination region (${key?.address} is in the source region)`);
  }
  return problems;
}

function configurationProblem(config: TerraformConfig, replication: TfResource): string | undefined {
  if (nonEmptyString(replication.body.role) === undefined) return 'has no role; set the replication role ARN';
  const rules = enabledRules(replication);
  if (rules.length === 0) return 'has no rule with status Enabled; enable one';
  const source = config.referencedResources(replication.body.bucket, 'aws_s3_bucket')[0];
  for (const rule of rules) {
    const problems = ruleProblems(config, source, rule);
    const id = typeof rule.id === 'string' ? ` ${JSON.stringify(rule.id)}` : '';
    if (problems.length > 0) return `rule${id}: ${problems.join('; ')}`;
  }
  return undefined;
}

export const replicationConfigured: Rule = {
  id: 'replication-configured',
  severity: 'error',
  appliesTo: 'cohort',
  description:
    'With a backup region, the primary-region buckets named *-raw and *-processed replicate to it; every replication replicates delete markers and SSE-KMS objects into a destination-region key.',
  check(config) {
    const findings = config.resources('aws_s3_bucket_replication_configuration').flatMap((replication) => {
      const problem = configurationProblem(config, replication);
      return problem === undefined ? [] : [finding(replicationConfigured, replication.address, problem)];
    });
    const backup = config.backupProviders()[0];
    if (backup === undefined) return findings;
    for (const bucket of config.resources('aws_s3_bucket')) {
      if (!inPrimaryRegion(config, bucket) || !mustReplicate(bucket)) continue;
      if (config.referencing('aws_s3_bucket_replication_configuration', 'bucket', bucket).length > 0) continue;
      findings.push(
        finding(
          replicationConfigured,
          bucket.address,
          `bucket is not replicated although the stack has a backup region (${backup.address}${backup.region === undefined ? '' : `, ${backup.region}`}); add aws_s3_bucket_replication_configuration to a versioned, encrypted replica bucket there`,
        ),
      );
    }
    return findings;
  },
};

export const replicationMonitored: Rule = {
  id: 'replication-monitored',
  severity: 'warning',
  appliesTo: 'cohort',
  description:
    'Every enabled replication rule turns on replication metrics and Replication Time Control, so lag and failures can be watched.',
  check(config) {
    return config.resources('aws_s3_bucket_replication_configuration').flatMap((replication) => {
      const unmonitored = enabledRules(replication).filter(
        (r) =>
          !someEquals(r, ['destination', 'metrics', 'status'], 'Enabled') ||
          !someEquals(r, ['destination', 'replication_time', 'status'], 'Enabled'),
      );
      if (unmonitored.length === 0) return [];
      return [
        finding(
          replicationMonitored,
          replication.address,
          'a replication rule has no metrics or replication time control; set destination.metrics.status and destination.replication_time.status to Enabled',
        ),
      ];
    });
  },
};
