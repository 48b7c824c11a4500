/** The settings every bucket a stack creates must carry: versioning, SSE-KMS, public-access blocks, ownership,
 * lifecycle. The bucket policy (TLS only) is in s3-tls-only.ts. */
import { interpolations } from '../interpolation.ts';
import { asNumber, dig, digBlocks, isTrue, type JsonObject, nonEmptyString, someEquals } from '../json-values.ts';
import type { Rule } from '../rule.ts';
import { companionRule } from './bucket-companions.ts';

export const s3Versioning: Rule = companionRule({
  id: 's3-versioning',
  severity: 'error',
  appliesTo: 'all',
  description: 'Every aws_s3_bucket has an aws_s3_bucket_versioning with status Enabled.',
  companion: 'aws_s3_bucket_versioning',
  missing: 'bucket has no versioning; add aws_s3_bucket_versioning with status Enabled',
  problem: (c) =>
    someEquals(c.body, ['versioning_configuration', 'status'], 'Enabled')
      ? undefined
      : `has status ${JSON.stringify(dig(c.body, 'versioning_configuration', 'status')[0] ?? null)}; set versioning_configuration.status to Enabled`,
});

/** A key the account's customers manage: a key resource of the stack or a key ARN/id, not an `aws/...` alias. */
function isCustomerKey(key: string): boolean {
  if (interpolations(key).length > 0) return true;
  return !/(^|:)alias\/aws\//.test(key);
}

function encryptionProblems(rule: JsonObject): string[] {
  const problems: string[] = [];
  const byDefault = digBlocks(rule, 'apply_server_side_encryption_by_default')[0] ?? {};
  const algorithm = byDefault.sse_algorithm;
  const key = nonEmptyString(byDefault.kms_master_key_id);
  if (algorithm !== 'aws:kms') problems.push(`uses sse_algorithm ${JSON.stringify(algorithm ?? null)}; set aws:kms`);
  if (key === undefined) problems.push('has no kms_master_key_id; set the cohort KMS key');
  else if (!isCustomerKey(key)) problems.push(`uses the AWS-managed key ${key}; set the cohort KMS key`);
  if (!isTrue(rule.bucket_key_enabled)) problems.push('does not set bucket_key_enabled to true');
  return problems;
}

export const s3Encryption: Rule = companionRule({
  id: 's3-encryption',
  severity: 'error',
  appliesTo: 'all',
  description: 'Every bucket is encrypted with SSE-KMS under a customer-managed key, with S3 Bucket Keys enabled.',
  companion: 'aws_s3_bucket_server_side_encryption_configuration',
  missing:
    'bucket has no default encryption; add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm aws:kms, the cohort KMS key and bucket_key_enabled',
  problem: (c) => {
    const all = digBlocks(c.body, 'rule').map(encryptionProblems);
    if (all.some((p) => p.length === 0)) return undefined;
    return all[0]?.join('; ') ?? 'has no rule; add one with sse_algorithm aws:kms and bucket_key_enabled';
  },
});

const PUBLIC_ACCESS_FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

export const s3PublicAccess: Rule = companionRule({
  id: 's3-public-access',
  severity: 'error',
  appliesTo: 'all',
  description: 'Every bucket has an aws_s3_bucket_public_access_block with all four settings true.',
  companion: 'aws_s3_bucket_public_access_block',
  missing: `bucket has no public access block; add aws_s3_bucket_public_access_block with ${PUBLIC_ACCESS_FLAGS.join(', ')} all true`,
  problem: (c) => {
    const off = PUBLIC_ACCESS_FLAGS.filter((flag) => !isTrue(c.body[flag]));
    return off.length === 0 ? undefined : `leaves ${off.join(', ')} unset or false; set all four to true`;
  },
});

export const s3Ownership: Rule = companionRule({
  id: 's3-ownership',
  severity: 'error',
  appliesTo: 'all',
  description: 'Every bucket disables ACLs with object ownership BucketOwnerEnforced.',
  companion: 'aws_s3_bucket_ownership_controls',
  missing:
    'bucket has no ownership controls; add aws_s3_bucket_ownership_controls with object_ownership BucketOwnerEnforced',
  problem: (c) =>
    someEquals(c.body, ['rule', 'object_ownership'], 'BucketOwnerEnforced')
      ? undefined
      : `sets object_ownership ${JSON.stringify(dig(c.body, 'rule', 'object_ownership')[0] ?? null)}; set BucketOwnerEnforced`,
});

function positive(rule: JsonObject, block: string, field: string): boolean {
  return dig(rule, block, field).some((v) => (asNumber(v) ?? 0) > 0);
}

export const s3Lifecycle: Rule = companionRule({
  id: 's3-lifecycle',
  severity: 'warning',
  appliesTo: 'cohort',
  description:
    'Every bucket has a lifecycle configuration with an enabled rule, expiry of noncurrent versions and abort of incomplete multipart uploads.',
  companion: 'aws_s3_bucket_lifecycle_configuration',
  missing:
    'bucket has no lifecycle; add aws_s3_bucket_lifecycle_configuration with an enabled rule, noncurrent_version_expiration and abort_incomplete_multipart_upload',
  problem: (c) => {
    const enabled = digBlocks(c.body, 'rule').filter((r) => someEquals(r, ['status'], 'Enabled'));
    if (enabled.length === 0) return 'has no rule with status Enabled; enable one';
    const missing: string[] = [];
    if (!enabled.some((r) => positive(r, 'noncurrent_version_expiration', 'noncurrent_days'))) {
      missing.push('noncurrent_version_expiration with noncurrent_days');
    }
    if (!enabled.some((r) => positive(r, 'abort_incomplete_multipart_upload', 'days_after_initiation'))) {
      missing.push('abort_incomplete_multipart_upload with days_after_initiation');
    }
    return missing.length === 0 ? undefined : `has no enabled rule with ${missing.join(' or ')}; add it`;
  },
});
