/** S3 lifecycle rules: the cohort's storage classes over time, plus the housekeeping every bucket needs. */
import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import type { CohortFile } from '../../src/cohort/schema.ts';

/** Old versions of data are kept this long, for undoing a mistaken overwrite or delete during the workshop. */
export const NONCURRENT_VERSION_DAYS = 30;
/** Parts of an upload that never completed cost money and are invisible in listings. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

type Rule = S3BucketLifecycleConfigurationRule;

function housekeeping(
  noncurrentDays: number,
  abortDays: number,
): Pick<Rule, 'noncurrentVersionExpiration' | 'abortIncompleteMultipartUpload'> {
  return {
    noncurrentVersionExpiration: [{ noncurrentDays }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: abortDays }],
  };
}

/** Standard → Standard-IA → Glacier Flexible Retrieval → Deep Archive → expiry, at the cohort's `storage` days. */
export function storageLifecycle(storage: CohortFile['storage']): Rule[] {
  return [
    {
      id: 'storage-classes',
      status: 'Enabled',
      filter: [{}],
      transition: [
        { days: storage.infrequentAccessAfterDays, storageClass: 'STANDARD_IA' },
        { days: storage.glacierAfterDays, storageClass: 'GLACIER' },
        { days: storage.deepArchiveAfterDays, storageClass: 'DEEP_ARCHIVE' },
      ],
      expiration: [{ days: storage.expireAfterDays }],
      ...housekeeping(NONCURRENT_VERSION_DAYS, ABORT_INCOMPLETE_UPLOAD_DAYS),
    },
  ];
}

/** Query results are scratch data: they expire after `days`, old versions and broken uploads a day later. */
export function expiryLifecycle(days: number): Rule[] {
  return [{ id: 'expire', status: 'Enabled', filter: [{}], expiration: [{ days }], ...housekeeping(1, 1) }];
}

/** Terraform state never expires; superseded versions do, after a window long enough to roll back. */
export function stateLifecycle(): Rule[] {
  return [
    { id: 'old-state-versions', status: 'Enabled', filter: [{}], ...housekeeping(90, ABORT_INCOMPLETE_UPLOAD_DAYS) },
  ];
}
