/**
 * Cross-region backup (only with `regions.backup`): replica buckets with the same baseline in the backup region,
 * encrypted with the backup region's key, and replication of raw and processed that carries delete markers and
 * KMS-encrypted objects, with metrics and Replication Time Control on so lag and failures can be watched
 * (pitfall 10: without `sse_kms_encrypted_objects` and `replica_kms_key_id`, KMS objects are silently skipped).
 */
import { type AwsProvider, Construct, type KmsKey, S3BucketReplicationConfigurationA } from '../cdktf-classes.ts';
import { bucketPolicy } from '../policies/bucket.ts';
import { replicationRolePolicy, replicationTrust } from '../policies/replication.ts';
import { create } from './address.ts';
import { BaselineBucket } from './baseline-bucket.ts';
import type { CohortContext } from './cohort-context.ts';
import { role } from './iam.ts';
import { storageLifecycle } from './lifecycle-rules.ts';

/** Replication Time Control's SLA, and the lag after which an object counts as late in the metrics. */
export const REPLICATION_MINUTES = 15;
/** Id of the one replication rule per bucket; CloudWatch replication metrics carry it as the RuleId dimension. */
export const REPLICATION_RULE_ID = 'cohort-backup';

export interface ReplicationSources {
  readonly raw: BaselineBucket;
  readonly processed: BaselineBucket;
}

export class Replication extends Construct {
  readonly replicas: { readonly raw: BaselineBucket; readonly processed: BaselineBucket };
  /** The replication configuration of each source bucket. */
  readonly configurations: S3BucketReplicationConfigurationA[] = [];

  constructor(
    scope: Construct,
    ctx: CohortContext,
    backup: { provider: AwsProvider; key: KmsKey },
    sources: ReplicationSources,
  ) {
    super(scope, 'replication');
    const { cohort, names, policy } = ctx;
    const replica = (source: 'raw' | 'processed') =>
      new BaselineBucket(this, {
        logicalId: `${source}_replica`,
        bucketName: names.replicaBucket(source),
        policy: bucketPolicy(policy, names.replicaBucket(source), { trustedPrincipalArns: ctx.ciRoleArns }),
        lifecycle: storageLifecycle(cohort.storage),
        kmsKeyArn: backup.key.arn,
        provider: backup.provider,
      });
    this.replicas = { raw: replica('raw'), processed: replica('processed') };

    const replicationRole = role(this, {
      logicalId: 'replication',
      name: names.role('replication'),
      path: names.iamPath,
      description: `S3 replication of cohort ${cohort.id} to ${cohort.regions.backup ?? ''}`,
      trust: replicationTrust(),
      boundaryArn: ctx.boundaryArn,
      managedPolicy: { name: names.policy('replication'), document: replicationRolePolicy(policy) },
    });

    for (const source of ['raw', 'processed'] as const) {
      const from = sources[source];
      const to = this.replicas[source];
      const configuration = create(this, S3BucketReplicationConfigurationA, source, {
        bucket: from.bucket.id,
        role: replicationRole.arn,
        rule: [
          {
            id: REPLICATION_RULE_ID,
            status: 'Enabled',
            priority: 1,
            // An (empty) filter selects the current rule schema, which delete-marker replication requires.
            filter: {},
            deleteMarkerReplication: { status: 'Enabled' },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
            destination: {
              bucket: to.arn,
              encryptionConfiguration: { replicaKmsKeyId: backup.key.arn },
              metrics: { status: 'Enabled', eventThreshold: { minutes: REPLICATION_MINUTES } },
              replicationTime: { status: 'Enabled', time: { minutes: REPLICATION_MINUTES } },
            },
          },
        ],
        // S3 refuses a replication configuration until both sides are versioned.
        dependsOn: [from.versioning, to.versioning],
      });
      this.configurations.push(configuration);
    }
  }
}
