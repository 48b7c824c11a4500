/**
 * Resource types whose destruction loses data, not just configuration: a re-create cannot bring the data back.
 * Replicas use the same types (a replica bucket is an `aws_s3_bucket`) or the replica key types listed here.
 */

export type DataLossKind = 'bucket' | 'kms-key' | 'glue-database' | 'cloudtrail';

export const DATA_LOSS_TYPES: Readonly<Record<string, DataLossKind>> = {
  aws_s3_bucket: 'bucket',
  aws_kms_key: 'kms-key',
  aws_kms_replica_key: 'kms-key',
  aws_kms_external_key: 'kms-key',
  aws_kms_replica_external_key: 'kms-key',
  aws_glue_catalog_database: 'glue-database',
  aws_cloudtrail: 'cloudtrail',
};

/** What is lost, for the warning. */
export const DATA_LOSS_IMPACT: Readonly<Record<DataLossKind, string>> = {
  bucket: 'the bucket and every object in it are deleted',
  'kms-key': 'data encrypted with this key becomes unreadable once the key is deleted',
  'glue-database': 'the catalog database and all its tables and partitions are deleted',
  cloudtrail: 'the audit trail stops recording (its history is no longer delivered)',
};

export function dataLossKind(type: string): DataLossKind | undefined {
  return Object.hasOwn(DATA_LOSS_TYPES, type) ? DATA_LOSS_TYPES[type] : undefined;
}
