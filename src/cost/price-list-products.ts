/**
 * Where each price-table item lives in the AWS Price List: the offer (service code), the exact-match filters sent
 * to GetProducts, the usage type that picks the product out of the answer, the API units that mean the table's
 * unit, which tier is the table's price, and what to do when several products match. One entry per item, each
 * with a comment on how it was chosen; `workshop prices refresh` reads nothing else.
 *
 * Usage types carry a region prefix that varies by service and region (none for S3 in us-east-1, `USW2-`, `EU-`,
 * `us-east-1-` for KMS, two of them for transfers between regions), so they are matched as a suffix after up to
 * `prefixes` region prefixes rather than sent as a filter.
 */
import type { PriceItem } from './price-table.ts';

export interface PriceListSpec {
  /** The Price List offer: `AmazonS3`, `AWSGlue`, `awskms`, ... */
  readonly serviceCode: string;
  /**
   * The product attribute holding the table row's region: `regionCode` for regional products, `fromRegionCode` for
   * transfers (priced by the source region), `none` for products AWS lists once for the whole account.
   */
  readonly regionField: 'regionCode' | 'fromRegionCode' | 'none';
  /** Further exact-match attribute filters, only where the attribute's value is certain. */
  readonly filters: Readonly<Record<string, string>>;
  /** The usage type without its region prefix(es). */
  readonly usageType: string | RegExp;
  /** How many region prefixes the usage type carries at most (2 for a pair of regions). */
  readonly prefixes?: 1 | 2;
  /** The API units (case-insensitive) that are the table unit per single thing: `GB-Mo` for `GB-month`. */
  readonly apiUnits: readonly string[];
  /**
   * `first`: the lowest tier (S3 Standard's first 50 TB). `first-paid`: the lowest tier with a price above 0, for
   * items whose free tier the table keeps apart in `freeTier` (the product's own first tier is then the free one).
   */
  readonly tier: 'first' | 'first-paid';
  /**
   * `single`: exactly one price must match, several different ones are ambiguous (the row is kept).
   * `mode`: the price most matching products have, the higher on a tie (one product per destination region).
   */
  readonly pick: 'single' | 'mode';
}

export const PRICE_LIST_PRODUCTS: { readonly [K in PriceItem]: PriceListSpec } = {
  // S3 Standard storage. volumeType "Standard" sets it apart from the Intelligent-Tiering overhead products that
  // share its usage type; tiered (first 50 TB / next 450 TB / over 500 TB): the table prices the first tier.
  's3-storage-standard': {
    serviceCode: 'AmazonS3',
    regionField: 'regionCode',
    filters: { productFamily: 'Storage', volumeType: 'Standard' },
    usageType: 'TimedStorage-ByteHrs',
    apiUnits: ['GB-Mo'],
    tier: 'first',
    pick: 'single',
  },
  // S3 Standard-IA storage: its own usage type (SIA); the staging and small-object products have other suffixes.
  's3-storage-standard-ia': {
    serviceCode: 'AmazonS3',
    regionField: 'regionCode',
    filters: { productFamily: 'Storage' },
    usageType: 'TimedStorage-SIA-ByteHrs',
    apiUnits: ['GB-Mo'],
    tier: 'first',
    pick: 'single',
  },
  // S3 Glacier Flexible Retrieval (the GLACIER storage class) in the AmazonS3 offer; GlacierStaging is another
  // product and is excluded by the exact suffix.
  's3-storage-glacier-flexible-retrieval': {
    serviceCode: 'AmazonS3',
    regionField: 'regionCode',
    filters: { productFamily: 'Storage' },
    usageType: 'TimedStorage-GlacierByteHrs',
    apiUnits: ['GB-Mo'],
    tier: 'first',
    pick: 'single',
  },
  // Deep Archive storage has its own offer, AmazonS3GlacierDeepArchive; its products carry no product family.
  // The GDA-Staging product (priced like Standard) must not match, hence the exact suffix.
  's3-storage-deep-archive': {
    serviceCode: 'AmazonS3GlacierDeepArchive',
    regionField: 'regionCode',
    filters: {},
    usageType: 'TimedStorage-GDA-ByteHrs',
    apiUnits: ['GB-Mo'],
    tier: 'first',
    pick: 'single',
  },
  // PUT, COPY, POST, LIST: the S3-API-Tier1 group, priced per request in the API, per 1,000 in the table.
  's3-requests-put': {
    serviceCode: 'AmazonS3',
    regionField: 'regionCode',
    filters: { productFamily: 'API Request', group: 'S3-API-Tier1' },
    usageType: 'Requests-Tier1',
    apiUnits: ['Requests'],
    tier: 'first',
    pick: 'single',
  },
  // GET and all other requests: the S3-API-Tier2 group, per request → per 1,000.
  's3-requests-get': {
    serviceCode: 'AmazonS3',
    regionField: 'regionCode',
    filters: { productFamily: 'API Request', group: 'S3-API-Tier2' },
    usageType: 'Requests-Tier2',
    apiUnits: ['Requests'],
    tier: 'first',
    pick: 'single',
  },
  // Replication transfer is inter-region data transfer out of the source region (AWSDataTransfer offer, one
  // product per destination, usage type `USE1-USW2-AWS-Out-Bytes`). The table has one price per source region, so
  // the rate most destinations get is taken (the one the S3 pricing page quotes; a few pairs are cheaper).
  's3-replication-transfer': {
    serviceCode: 'AWSDataTransfer',
    regionField: 'fromRegionCode',
    filters: { transferType: 'InterRegion Outbound' },
    usageType: 'AWS-Out-Bytes',
    prefixes: 2,
    apiUnits: ['GB'],
    tier: 'first',
    pick: 'mode',
  },
  // Replication Time Control's per-GB fee: `EU-EUW2-S3RTC-Out-Bytes` in the AmazonS3 offer, one product per
  // destination like the transfer above, so the most common rate.
  's3-replication-rtc': {
    serviceCode: 'AmazonS3',
    regionField: 'fromRegionCode',
    filters: {},
    usageType: 'S3RTC-Out-Bytes',
    prefixes: 2,
    apiUnits: ['GB'],
    tier: 'first',
    pick: 'mode',
  },
  // Crawler run time: `USE1-Crawler-DPU-Hour`, per DPU-hour in both.
  'glue-crawler-dpu-hour': {
    serviceCode: 'AWSGlue',
    regionField: 'regionCode',
    filters: {},
    usageType: 'Crawler-DPU-Hour',
    apiUnits: ['DPU-Hour'],
    tier: 'first',
    pick: 'single',
  },
  // Standard Spark ETL jobs: `ETL-DPU-Hour` exactly, which excludes Flex, Gen2 and interactive-session products.
  'glue-etl-dpu-hour': {
    serviceCode: 'AWSGlue',
    regionField: 'regionCode',
    filters: {},
    usageType: 'ETL-DPU-Hour',
    apiUnits: ['DPU-Hour'],
    tier: 'first',
    pick: 'single',
  },
  // Data Catalog storage, per object-month in the API, per 100,000 in the table; the first million objects are
  // the product's free first tier, kept in the row's freeTier.
  'glue-catalog-storage': {
    serviceCode: 'AWSGlue',
    regionField: 'regionCode',
    filters: {},
    usageType: 'Catalog-Storage',
    apiUnits: ['Obj-Month', 'Objects-Mo', 'Objects', 'Obj-Mo'],
    tier: 'first-paid',
    pick: 'single',
  },
  // Data Catalog requests, per request → per 1,000,000; the first million a month are the free tier.
  'glue-catalog-requests': {
    serviceCode: 'AWSGlue',
    regionField: 'regionCode',
    filters: {},
    usageType: 'Catalog-Request',
    apiUnits: ['Request', 'Requests'],
    tier: 'first-paid',
    pick: 'single',
  },
  // SQL queries: `DataScannedInTB`, per terabyte in both (Spark and provisioned capacity are DPU products).
  'athena-scanned': {
    serviceCode: 'AmazonAthena',
    regionField: 'regionCode',
    filters: {},
    usageType: 'DataScannedInTB',
    apiUnits: ['Terabytes', 'TB'],
    tier: 'first',
    pick: 'single',
  },
  // A customer managed key: `us-east-1-KMS-Keys` (KMS prefixes the full region code), per key per month.
  'kms-key': {
    serviceCode: 'awskms',
    regionField: 'regionCode',
    filters: {},
    usageType: 'KMS-Keys',
    apiUnits: ['Keys'],
    tier: 'first',
    pick: 'single',
  },
  // Symmetric API requests: `KMS-Requests` exactly (asymmetric and key-pair requests have longer usage types),
  // per request → per 10,000; the 20,000 free requests are the free tier.
  'kms-requests': {
    serviceCode: 'awskms',
    regionField: 'regionCode',
    filters: {},
    usageType: 'KMS-Requests',
    apiUnits: ['Requests'],
    tier: 'first-paid',
    pick: 'single',
  },
  // Data events delivered by a trail: `DataEventsRecorded`, per event → per 100,000.
  'cloudtrail-data-events': {
    serviceCode: 'AWSCloudTrail',
    regionField: 'regionCode',
    filters: {},
    usageType: 'DataEventsRecorded',
    apiUnits: ['Events'],
    tier: 'first',
    pick: 'single',
  },
  // Standard-resolution metric alarms: `CW:AlarmMonitorUsage` (the high-resolution one is `CW:HighRes...`).
  'cloudwatch-alarm': {
    serviceCode: 'AmazonCloudWatch',
    regionField: 'regionCode',
    filters: {},
    usageType: 'CW:AlarmMonitorUsage',
    apiUnits: ['Alarms'],
    tier: 'first-paid',
    pick: 'single',
  },
  // Dashboards are listed once for the account (location "Any", no region code) as `DashboardsUsageHour` and
  // `DashboardsUsageHour-Basic`; every region's row gets that price, the higher of the two if they ever differ.
  'cloudwatch-dashboard': {
    serviceCode: 'AmazonCloudWatch',
    regionField: 'none',
    filters: { productFamily: 'Dashboard' },
    usageType: /DashboardsUsageHour(?:-Basic)?/,
    apiUnits: ['Dashboards'],
    tier: 'first-paid',
    pick: 'mode',
  },
  // Logs ingestion, Standard log class: `DataProcessing-Bytes` exactly (the Infrequent Access class is
  // `DataProcessingIA-Bytes`, vended logs `VendedLog-Bytes`), per GB in both.
  'cloudwatch-logs-ingestion': {
    serviceCode: 'AmazonCloudWatch',
    regionField: 'regionCode',
    filters: {},
    usageType: 'DataProcessing-Bytes',
    apiUnits: ['GB'],
    tier: 'first-paid',
    pick: 'single',
  },
  // Logs storage: `TimedStorage-ByteHrs` in the CloudWatch offer, per GB-month.
  'cloudwatch-logs-storage': {
    serviceCode: 'AmazonCloudWatch',
    regionField: 'regionCode',
    filters: {},
    usageType: 'TimedStorage-ByteHrs',
    apiUnits: ['GB-Mo'],
    tier: 'first-paid',
    pick: 'single',
  },
  // Email notifications: `DeliveryAttempts-SMTP`, per notification → per 100,000; the product's first tier is the
  // 1,000 free ones.
  'sns-email': {
    serviceCode: 'AmazonSNS',
    regionField: 'regionCode',
    filters: {},
    usageType: 'DeliveryAttempts-SMTP',
    apiUnits: ['Notifications'],
    tier: 'first-paid',
    pick: 'single',
  },
  // Outbound email: `Recipients` exactly (`Recipients-EC2` is the old EC2 free allowance), per email → per 1,000.
  'ses-email': {
    serviceCode: 'AmazonSES',
    regionField: 'regionCode',
    filters: {},
    usageType: 'Recipients',
    apiUnits: ['Recipients', 'Count', 'Emails', 'Messages'],
    tier: 'first',
    pick: 'single',
  },
  // Action-enabled budgets: `ActionEnabledBudgetsUsage`, listed once for the account, per budget-day; the first
  // 62 budget-days (2 budgets) a month are the free tier.
  'budgets-action-enabled': {
    serviceCode: 'AWSBudgets',
    regionField: 'none',
    filters: {},
    usageType: 'ActionEnabledBudgetsUsage',
    apiUnits: ['budget-day', 'Budget-Days', 'BudgetDay'],
    tier: 'first-paid',
    pick: 'single',
  },
};

/** A region prefix of a usage type: `USE1-`, `EU-`, `APN2-`, `us-east-1-`. */
const REGION_PREFIX = '(?:[A-Z]{2,4}[0-9]?-|[a-z]{2}(?:-[a-z]+)+-[0-9]-)';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a product's usage type is the spec's, after its region prefix(es). */
export function matchesUsageType(spec: PriceListSpec, usageType: string): boolean {
  const body = typeof spec.usageType === 'string' ? escapeRegExp(spec.usageType) : spec.usageType.source;
  return new RegExp(`^${REGION_PREFIX}{0,${spec.prefixes ?? 1}}(?:${body})$`).test(usageType);
}
