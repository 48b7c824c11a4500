/**
 * Bucket sizes by storage class, from S3's daily `BucketSizeBytes` metric, and what a month at that size costs
 * where the price table has the class. S3 reports several storage types per class (the data, and per-object
 * overhead); they are summed into the class they are billed in.
 */
import type { BucketStorage } from '../../aws/cloudwatch.ts';
import { findPrice, type PriceItem, type PriceTable } from '../../cost/price-table.ts';
import { BYTES_PER_GB } from '../../cost/usage-context.ts';

interface StorageClass {
  readonly label: string;
  readonly priceItem?: PriceItem;
}

/** S3 storage types by prefix, most specific first. The S3-side overhead of archived objects bills as Standard. */
const CLASSES: readonly (readonly [RegExp, StorageClass])[] = [
  [/^(Glacier|DeepArchive)S3ObjectOverhead$/, { label: 'Standard', priceItem: 's3-storage-standard' }],
  [/^StandardStorage$/, { label: 'Standard', priceItem: 's3-storage-standard' }],
  [/^StandardIA/, { label: 'Standard-IA', priceItem: 's3-storage-standard-ia' }],
  [/^GlacierInstantRetrieval/, { label: 'Glacier Instant Retrieval' }],
  [/^Glacier/, { label: 'Glacier Flexible Retrieval', priceItem: 's3-storage-glacier-flexible-retrieval' }],
  [/^DeepArchive/, { label: 'Glacier Deep Archive', priceItem: 's3-storage-deep-archive' }],
  [/^(IntelligentTiering|IntAA|IntDAA)/, { label: 'Intelligent-Tiering' }],
  [/^OneZoneIA/, { label: 'One Zone-IA' }],
  [/^ReducedRedundancy/, { label: 'Reduced Redundancy' }],
];

export function storageClassOf(storageType: string): StorageClass {
  return CLASSES.find(([pattern]) => pattern.test(storageType))?.[1] ?? { label: storageType };
}

export interface ClassSize {
  readonly storageClass: string;
  readonly bytes: number;
  /** A month at this size; absent for classes the price table lacks. */
  readonly monthlyUsd?: number;
}

export interface BucketUsage {
  readonly bucket: string;
  readonly region: string;
  readonly classes: readonly ClassSize[];
  readonly totalBytes: number;
  /** A month at the current size, priced classes only. */
  readonly monthlyUsd: number;
  /** The day of the newest measurement (YYYY-MM-DD); absent when S3 has reported nothing yet. */
  readonly measuredOn?: string;
}

export function bucketUsage(
  bucket: string,
  region: string,
  metrics: readonly BucketStorage[],
  prices: PriceTable,
): BucketUsage {
  const own = metrics.filter((m) => m.bucket === bucket);
  const bytes = new Map<string, { bytes: number; priceItem?: PriceItem }>();
  let newest: Date | undefined;
  for (const metric of own) {
    const storageClass = storageClassOf(metric.storageType);
    const seen = bytes.get(storageClass.label);
    bytes.set(storageClass.label, {
      bytes: (seen?.bytes ?? 0) + metric.bytes,
      ...(storageClass.priceItem === undefined ? {} : { priceItem: storageClass.priceItem }),
    });
    if (newest === undefined || metric.at > newest) newest = metric.at;
  }
  const classes: ClassSize[] = [...bytes]
    .map(([storageClass, size]) => {
      const price = size.priceItem === undefined ? undefined : findPrice(prices, size.priceItem, region).row.priceUsd;
      return {
        storageClass,
        bytes: size.bytes,
        ...(price === undefined ? {} : { monthlyUsd: (size.bytes / BYTES_PER_GB) * price }),
      };
    })
    .sort((a, b) => b.bytes - a.bytes || a.storageClass.localeCompare(b.storageClass));
  return {
    bucket,
    region,
    classes,
    totalBytes: classes.reduce((sum, c) => sum + c.bytes, 0),
    monthlyUsd: classes.reduce((sum, c) => sum + (c.monthlyUsd ?? 0), 0),
    ...(newest === undefined ? {} : { measuredOn: newest.toISOString().slice(0, 10) }),
  };
}
