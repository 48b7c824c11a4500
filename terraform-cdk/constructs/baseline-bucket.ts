/**
 * The one way this app creates an S3 bucket: versioned, encrypted by default (SSE-KMS with a bucket key), all four
 * public-access blocks, ACLs disabled (BucketOwnerEnforced), a bucket policy and a lifecycle configuration. Every
 * bucket of every stack — data, results, replicas, the trail's logs, Terraform state — is one of these, so the
 * baseline cannot be forgotten on a new one.
 */
import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import type { TerraformProvider } from 'cdktf';
import {
  Construct,
  S3Bucket,
  S3BucketLifecycleConfiguration,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
  S3BucketVersioningA,
} from '../cdktf-classes.ts';
import type { PolicyDocument } from '../policies/policy-document.ts';
import { create } from './address.ts';
import { jsonLiteral } from './terraform-text.ts';

export interface BaselineBucketProps {
  /** Terraform name shared by the bucket and its configuration resources (`aws_s3_bucket.<logicalId>`). */
  readonly logicalId: string;
  readonly bucketName: string;
  readonly policy: PolicyDocument;
  readonly lifecycle: readonly S3BucketLifecycleConfigurationRule[];
  /** Default encryption key (SSE-KMS with a bucket key). */
  readonly kmsKeyArn: string;
  /** Provider for another region (replicas); the stack's default provider otherwise. */
  readonly provider?: TerraformProvider;
}

export class BaselineBucket extends Construct {
  readonly bucket: S3Bucket;
  /** Replication needs versioning switched on first: depend on this. */
  readonly versioning: S3BucketVersioningA;
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, props: BaselineBucketProps) {
    super(scope, props.logicalId);
    const id = props.logicalId;
    const provider = props.provider === undefined ? {} : { provider: props.provider };
    // Teardown empties buckets (every version) before destroying them, so Terraform never deletes data on its own.
    this.bucket = create(this, S3Bucket, id, { bucket: props.bucketName, forceDestroy: false, ...provider });
    const bucket = this.bucket.id;

    this.versioning = create(this, S3BucketVersioningA, id, {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
      ...provider,
    });
    create(this, S3BucketServerSideEncryptionConfigurationA, id, {
      bucket,
      rule: [
        props.kmsKeyArn === undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }
          : {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
              // One data key per bucket instead of one KMS call per object (pitfall 11).
              bucketKeyEnabled: true,
            },
      ],
      ...provider,
    });
    const publicAccess = create(this, S3BucketPublicAccessBlock, id, {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      ...provider,
    });
    create(this, S3BucketOwnershipControls, id, {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
      ...provider,
    });
    this.policy = create(this, S3BucketPolicy, id, {
      bucket,
      policy: jsonLiteral(props.policy),
      dependsOn: [publicAccess],
      ...provider,
    });
    create(this, S3BucketLifecycleConfiguration, id, {
      bucket,
      rule: [...props.lifecycle],
      dependsOn: [this.versioning],
      ...provider,
    });
  }

  get name(): string {
    return this.bucket.bucket;
  }

  get arn(): string {
    return this.bucket.arn;
  }
}
