import { describe, expect, it } from 'vitest';
import type { ObjectHead } from '../../../src/aws/s3-versions.ts';
import { compareReplica, recentVersions } from '../../../src/jobs/dr-audit/replication-sample.ts';
import { BACKUP_KEY, emptyBucket, FakeS3 } from './fakes.ts';

const key = { arns: [BACKUP_KEY] };
const source: ObjectHead = { size: 10, etag: '"a"', checksums: { CRC64NVME: 'x' }, serverSideEncryption: 'aws:kms' };
const replica: ObjectHead = { ...source, kmsKeyId: BACKUP_KEY, replicationStatus: 'REPLICA' };

describe('compareReplica', () => {
  it('verifies by checksum when both sides store one', () => {
    expect(compareReplica(source, replica, key)).toEqual({ verdict: 'replicated', verifiedBy: 'checksum' });
  });

  it('finds a different checksum', () => {
    expect(compareReplica(source, { ...replica, checksums: { CRC64NVME: 'y' } }, key)).toMatchObject({
      verdict: 'mismatch',
      detail: 'CRC64NVME checksum differs',
    });
  });

  it('finds a different size and a missing replica', () => {
    expect(compareReplica(source, { ...replica, size: 11 }, key).verdict).toBe('mismatch');
    expect(compareReplica(source, undefined, key).verdict).toBe('missing-in-replica');
  });

  it('does not compare the ETags of KMS-encrypted objects, which differ by design', () => {
    const noChecksums = { ...source, checksums: {} };
    expect(compareReplica(noChecksums, { ...replica, checksums: {}, etag: '"b"' }, key)).toEqual({
      verdict: 'replicated',
      verifiedBy: 'size',
    });
  });

  it('compares the ETags of objects without KMS', () => {
    const plain = { ...source, checksums: {}, serverSideEncryption: 'AES256' };
    expect(compareReplica(plain, { ...plain, etag: '"a"' }, key)).toEqual({
      verdict: 'replicated',
      verifiedBy: 'etag',
    });
    expect(compareReplica(plain, { ...plain, etag: '"b"' }, key).verdict).toBe('mismatch');
  });
});

describe('recentVersions', () => {
  it('keeps the newest versions, skips delete markers, and stops at the page bound', async () => {
    const s3 = new FakeS3();
    const bucket = emptyBucket();
    for (let i = 0; i < 2500; i++) {
      bucket.versions.push({
        key: `k/${String(i).padStart(4, '0')}`,
        versionId: `v${i}`,
        lastModified: new Date(Date.UTC(2026, 11, 1) + ((i * 7919) % 2500) * 1000),
        isLatest: true,
        isDeleteMarker: i % 10 === 0,
      });
    }
    s3.buckets.set('b', bucket);
    const all = await recentVersions(s3, 'b', { sampleSize: 3, maxListPages: 10, concurrency: 1 });
    expect(all).toMatchObject({ pages: 3, truncated: false, listedVersions: 2250 });
    const newest = bucket.versions
      .filter((v) => !v.isDeleteMarker)
      .sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime())
      .slice(0, 3);
    expect(all.entries.map((e) => e.versionId)).toEqual(newest.map((v) => v.versionId));
    const bounded = await recentVersions(s3, 'b', { sampleSize: 3, maxListPages: 2, concurrency: 1 });
    expect(bounded).toMatchObject({ pages: 2, truncated: true, listedVersions: 1800 });
  });
});
