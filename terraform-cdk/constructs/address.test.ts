import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { create, SynthesisError, tfId } from './address.ts';

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

/** A stack in an app of its own; the app creates its (unused) output folder, so it is a temporary one. */
function stack(): TerraformStack {
  const outdir = mkdtempSync(join(tmpdir(), 'address-test-'));
  outdirs.push(outdir);
  return new TerraformStack(new App({ outdir, stackTraces: false }), 'test');
}

describe('tfId', () => {
  it('joins parts with "_" and turns every other character into "_"', () => {
    expect(tfId('etl', 'clean-taxi-trips', 's-01')).toBe('etl_clean_taxi_trips_s_01');
    expect(tfId('email', 'a.b@example.com')).toBe('email_a_b_example_com');
  });

  it('rejects names Terraform cannot take', () => {
    expect(() => tfId('1abc')).toThrow(SynthesisError);
  });
});

describe('create', () => {
  it('gives the resource the logical id as its Terraform address', () => {
    const s = stack();
    const bucket = create(s, S3Bucket, 'raw', { bucket: 'b' });
    expect(bucket.friendlyUniqueId).toBe('raw');
  });

  it('fails with both construct paths when two resources of a type take one address', () => {
    const s = stack();
    create(new Construct(s, 'storage'), S3Bucket, 'raw', { bucket: 'a' });
    expect(() => create(new Construct(s, 'replication'), S3Bucket, 'raw', { bucket: 'b' })).toThrow(
      new SynthesisError(
        'stack "test": test/storage/aws_s3_bucket.raw and test/replication/aws_s3_bucket.raw both map to the ' +
          'Terraform address aws_s3_bucket.raw; rename one of the ids they come from ("-" and "_" are the same in addresses)',
      ),
    );
  });

  it('lets different stacks and different types reuse a name', () => {
    create(stack(), S3Bucket, 'raw', { bucket: 'a' });
    expect(() => create(stack(), S3Bucket, 'raw', { bucket: 'b' })).not.toThrow();
  });
});
