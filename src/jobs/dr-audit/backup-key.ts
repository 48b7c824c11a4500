/**
 * The backup region's key of a cohort, as the audit knows it: the ARNs of the keys tagged with the cohort in the
 * backup region (normally one). A configured key id (`ReplicaKmsKeyID`, a bucket's default key) matches when it is
 * one of those ARNs or the id part of one. Unknown (no tagged key found) means the key checks can only warn.
 */
export interface BackupKey {
  readonly arns: readonly string[];
}

/** True or false when the backup key is known, undefined when it is not. */
export function isBackupKey(configured: string | undefined, key: BackupKey): boolean | undefined {
  if (key.arns.length === 0) return undefined;
  if (configured === undefined) return false;
  return key.arns.some((arn) => arn === configured || arn.endsWith(`:key/${configured}`));
}

export function describeBackupKey(key: BackupKey): string {
  if (key.arns.length === 0) return 'unknown (no key tagged with the cohort in the backup region)';
  return key.arns.join(', ');
}
