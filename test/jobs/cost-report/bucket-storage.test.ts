import { describe, expect, it } from 'vitest';
import { bucketUsage, storageClassOf } from '../../../src/jobs/cost-report/bucket-storage.ts';
import { prices } from './fixtures.ts';

const GB = 1024 ** 3;
const at = new Date('2026-12-06T00:00:00Z');

describe('storageClassOf', () => {
  it.each([
    ['StandardStorage', 'Standard'],
    ['StandardIASizeOverhead', 'Standard-IA'],
    ['GlacierObjectOverhead', 'Glacier Flexible Retrieval'],
    ['GlacierS3ObjectOverhead', 'Standard'],
    ['GlacierInstantRetrievalStorage', 'Glacier Instant Retrieval'],
    ['DeepArchiveStorage', 'Glacier Deep Archive'],
    ['IntelligentTieringFAStorage', 'Intelligent-Tiering'],
    ['SomethingNew', 'SomethingNew'],
  ])('%s is billed as %s', (type, label) => {
    expect(storageClassOf(type).label).toBe(label);
  });
});

describe('bucketUsage', () => {
  it('sums storage types into classes, largest first, priced where the table has the class', () => {
    const usage = bucketUsage(
      'raw',
      'us-east-1',
      [
        { bucket: 'raw', storageType: 'StandardStorage', bytes: 10 * GB, at },
        { bucket: 'raw', storageType: 'GlacierS3ObjectOverhead', bytes: GB, at: new Date('2026-12-05T00:00:00Z') },
        { bucket: 'raw', storageType: 'OneZoneIAStorage', bytes: 20 * GB, at },
        { bucket: 'other', storageType: 'StandardStorage', bytes: 99 * GB, at },
      ],
      prices,
    );
    expect(usage.classes).toEqual([
      { storageClass: 'One Zone-IA', bytes: 20 * GB },
      { storageClass: 'Standard', bytes: 11 * GB, monthlyUsd: 11 * 0.023 },
    ]);
    expect(usage).toMatchObject({ totalBytes: 31 * GB, monthlyUsd: 11 * 0.023, measuredOn: '2026-12-06' });
  });

  it('reports an empty bucket as empty', () => {
    expect(bucketUsage('b', 'us-east-1', [], prices)).toEqual({
      bucket: 'b',
      region: 'us-east-1',
      classes: [],
      totalBytes: 0,
      monthlyUsd: 0,
    });
  });
});
