/**
 * A repository file uploaded as an S3 object by `terraform apply`. The file is copied into the synthesized stack's
 * folder (`assets/<name>/<sha256>/<file>`, cdktf's TerraformAsset), so `source` is a path relative to
 * `DIR/stacks/<id>/`, where Terraform runs; the stack folder is self-contained and the same on every machine.
 * `source_hash` carries the content hash: an edited file is uploaded again (an SSE-KMS object's ETag is not its MD5,
 * so `etag` cannot detect the change).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { ITerraformDependable } from 'cdktf';
import { AssetType, type Construct, S3Object, TerraformAsset } from '../cdktf-classes.ts';
import { create, SynthesisError } from './address.ts';
import { literal } from './terraform-text.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.parquet': 'application/vnd.apache.parquet',
  '.py': 'text/x-python',
};

export interface AssetObjectProps {
  readonly logicalId: string;
  /** Absolute path of the file in the repository. */
  readonly file: string;
  readonly bucket: string;
  readonly key: string;
  readonly kmsKeyArn: string;
  readonly dependsOn?: readonly ITerraformDependable[];
}

export function assetObject(scope: Construct, props: AssetObjectProps): S3Object {
  let content: Buffer;
  try {
    content = readFileSync(props.file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new SynthesisError(`cannot read ${props.file} (${reason}): check the path in the cohort file`);
  }
  const hash = createHash('sha256').update(content).digest('hex');
  const asset = new TerraformAsset(scope, `asset.${props.logicalId}`, {
    path: props.file,
    type: AssetType.FILE,
    assetHash: hash,
  });
  return create(scope, S3Object, props.logicalId, {
    bucket: props.bucket,
    key: literal(props.key),
    source: literal(asset.path),
    sourceHash: hash,
    contentType: CONTENT_TYPES[extname(props.file).toLowerCase()] ?? 'application/octet-stream',
    serverSideEncryption: 'aws:kms',
    kmsKeyId: props.kmsKeyArn,
    bucketKeyEnabled: true,
    ...(props.dependsOn === undefined || props.dependsOn.length === 0 ? {} : { dependsOn: [...props.dependsOn] }),
  });
}

/** The file name an asset keeps in its bucket key. */
export function assetFileName(file: string): string {
  return basename(file);
}
