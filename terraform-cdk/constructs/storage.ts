/**
 * The data lake: raw, processed and query-results buckets with the baseline, raw events to EventBridge, storage-class
 * analysis on raw and processed, and the cohort's datasets and ETL scripts uploaded so `terraform apply` seeds the
 * workshop.
 */
import { resolve } from 'node:path';
import type { ITerraformDependable } from 'cdktf';
import { Construct, S3BucketAnalyticsConfiguration, S3BucketNotification } from '../cdktf-classes.ts';
import { PREFIXES } from '../policies/arns.ts';
import { bucketPolicy } from '../policies/bucket.ts';
import { create, SynthesisError, tfId } from './address.ts';
import { assetFileName, assetObject } from './asset-object.ts';
import { BaselineBucket } from './baseline-bucket.ts';
import type { CohortContext } from './cohort-context.ts';
import { expiryLifecycle, storageLifecycle } from './lifecycle-rules.ts';

/** Prefix of the raw bucket holding the ETL scripts. */
export const SCRIPTS_PREFIX = `${PREFIXES.assets}etl/`;

/** Key of an ETL script in the raw bucket. */
export function scriptKey(script: string): string {
  return `${SCRIPTS_PREFIX}${assetFileName(script)}`;
}

/** Key prefix of a dataset in the raw bucket: one folder per dataset, so each crawler sees exactly one table. */
export function datasetPrefix(dataset: string): string {
  return `${dataset}/`;
}

export class Storage extends Construct {
  readonly raw: BaselineBucket;
  readonly processed: BaselineBucket;
  readonly results: BaselineBucket;

  constructor(scope: Construct, ctx: CohortContext) {
    super(scope, 'storage');
    const { cohort, names, policy } = ctx;
    const kmsKeyArn = ctx.keys.primary.arn;
    const bucket = (role: 'raw' | 'processed' | 'results', lifecycle: ReturnType<typeof storageLifecycle>) =>
      new BaselineBucket(this, {
        logicalId: role,
        bucketName: names.bucket(role),
        policy: bucketPolicy(policy, names.bucket(role), { trustedPrincipalArns: ctx.ciRoleArns }),
        lifecycle,
        kmsKeyArn,
      });
    this.raw = bucket('raw', storageLifecycle(cohort.storage));
    this.processed = bucket('processed', storageLifecycle(cohort.storage));
    this.results = bucket('results', expiryLifecycle(cohort.athena.resultRetentionDays));

    create(this, S3BucketNotification, 'raw', { bucket: this.raw.bucket.id, eventbridge: true });
    for (const data of [this.raw, this.processed]) {
      // Without a data export the analysis is shown in the S3 console only, and needs no extra bucket policy.
      create(this, S3BucketAnalyticsConfiguration, data.node.id, { bucket: data.bucket.id, name: 'storage-class' });
    }
  }

  /**
   * Uploads the cohort's datasets (raw `<dataset>/`) and ETL scripts (raw `_assets/etl/`). With a backup region,
   * after raw's replication rule exists: S3 replicates only objects written after the rule.
   */
  seed(ctx: CohortContext, dependsOn: readonly ITerraformDependable[]): void {
    const { cohort } = ctx;
    const kmsKeyArn = ctx.keys.primary.arn;
    const raw = this.raw.bucket.id;
    for (const dataset of cohort.datasets) {
      const file = resolve(ctx.cohortDir, dataset.source);
      assetObject(this, {
        logicalId: tfId('dataset', dataset.name),
        file,
        bucket: raw,
        key: `${datasetPrefix(dataset.name)}${assetFileName(file)}`,
        kmsKeyArn,
        dependsOn,
      });
    }
    const scripts = new Map<string, string>();
    for (const job of cohort.etl) {
      const file = resolve(ctx.cohortDir, job.script);
      const key = scriptKey(file);
      const seen = scripts.get(key);
      if (seen === file) continue;
      if (seen !== undefined) {
        throw new SynthesisError(
          `cohort "${cohort.id}": ETL scripts ${seen} and ${file} would both upload to ${key}; give them different file names`,
        );
      }
      scripts.set(key, file);
      assetObject(this, {
        logicalId: tfId('etl_script', assetFileName(file)),
        file,
        bucket: raw,
        key,
        kmsKeyArn,
        dependsOn,
      });
    }
  }
}
