/**
 * The checked-in AWS price table (`src/cost/prices.json`): one row per priced item and region, with its unit, its
 * source page and the date it was read. The estimator multiplies quantities expressed in exactly these units, so a
 * row whose unit or service differs from the catalogue below is rejected rather than silently mis-multiplied.
 */
import { z } from 'zod';
import { isCommercialRegion } from '../cohort/regions.ts';
import { isRealCalendarDate, PLAIN_DATE } from '../cohort/time.ts';

/** Where the table lives, relative to the repository root; callers read it and pass the parsed JSON in. */
export const PRICES_PATH = 'src/cost/prices.json';

/** The region whose prices stand in for a region the table lacks. */
export const FALLBACK_REGION = 'us-east-1';

/** Items priced once for the whole account rather than per region. */
export const GLOBAL_REGION = 'global';

interface ItemSpec {
  readonly service: string;
  readonly unit: string;
  readonly scope: 'regional' | 'global';
}

/** Every item the estimator prices, with the service and unit the table must use for it. */
export const PRICE_ITEMS = {
  's3-storage-standard': { service: 'S3', unit: 'GB-month', scope: 'regional' },
  's3-storage-standard-ia': { service: 'S3', unit: 'GB-month', scope: 'regional' },
  's3-storage-glacier-flexible-retrieval': { service: 'S3', unit: 'GB-month', scope: 'regional' },
  's3-storage-deep-archive': { service: 'S3', unit: 'GB-month', scope: 'regional' },
  's3-requests-put': { service: 'S3', unit: '1,000 requests', scope: 'regional' },
  's3-requests-get': { service: 'S3', unit: '1,000 requests', scope: 'regional' },
  's3-replication-transfer': { service: 'S3', unit: 'GB', scope: 'regional' },
  's3-replication-rtc': { service: 'S3', unit: 'GB', scope: 'regional' },
  'glue-crawler-dpu-hour': { service: 'Glue', unit: 'DPU-hour', scope: 'regional' },
  'glue-etl-dpu-hour': { service: 'Glue', unit: 'DPU-hour', scope: 'regional' },
  'glue-catalog-storage': { service: 'Glue', unit: '100,000 objects-month', scope: 'regional' },
  'glue-catalog-requests': { service: 'Glue', unit: '1,000,000 requests', scope: 'regional' },
  'athena-scanned': { service: 'Athena', unit: 'TB', scope: 'regional' },
  'kms-key': { service: 'KMS', unit: 'key-month', scope: 'regional' },
  'kms-requests': { service: 'KMS', unit: '10,000 requests', scope: 'regional' },
  'cloudtrail-data-events': { service: 'CloudTrail', unit: '100,000 events', scope: 'regional' },
  'cloudwatch-alarm': { service: 'CloudWatch', unit: 'alarm-month', scope: 'regional' },
  'cloudwatch-dashboard': { service: 'CloudWatch', unit: 'dashboard-month', scope: 'regional' },
  'cloudwatch-logs-ingestion': { service: 'CloudWatch', unit: 'GB', scope: 'regional' },
  'cloudwatch-logs-storage': { service: 'CloudWatch', unit: 'GB-month', scope: 'regional' },
  'sns-email': { service: 'SNS', unit: '100,000 notifications', scope: 'regional' },
  'ses-email': { service: 'SES', unit: '1,000 emails', scope: 'regional' },
  'budgets-action-enabled': { service: 'Budgets', unit: 'budget-day', scope: 'global' },
} as const satisfies Record<string, ItemSpec>;

export type PriceItem = keyof typeof PRICE_ITEMS;
const ITEM_IDS = Object.keys(PRICE_ITEMS) as [PriceItem, ...PriceItem[]];

const IsoDate = z
  .string()
  .refine((v) => PLAIN_DATE.test(v) && isRealCalendarDate(v), 'must be a date written YYYY-MM-DD');

const PriceRowSchema = z
  .strictObject({
    service: z.string().min(1),
    item: z.enum(ITEM_IDS, { error: `must be one of ${ITEM_IDS.join(', ')}` }),
    region: z
      .string()
      .refine(
        (v) => v === GLOBAL_REGION || isCommercialRegion(v),
        `must be a commercial AWS region code or "${GLOBAL_REGION}"`,
      ),
    unit: z.string().min(1),
    priceUsd: z.number({ error: 'must be a number' }).finite().nonnegative('must not be negative'),
    freeTier: z
      .strictObject({
        quantity: z.number().finite().nonnegative().describe('Free quantity per month, in the row unit'),
        note: z.string().min(1),
      })
      .optional()
      .describe('The account-wide monthly free tier, when AWS gives one'),
    source: z.url({ protocol: /^https$/, error: 'must be the https URL of the AWS pricing page' }),
    date: IsoDate.describe('When the price was read'),
    note: z.string().optional(),
  })
  .superRefine((row, ctx) => {
    const spec: ItemSpec = PRICE_ITEMS[row.item];
    if (row.service !== spec.service) {
      ctx.addIssue({ code: 'custom', path: ['service'], message: `must be "${spec.service}" for ${row.item}` });
    }
    if (row.unit !== spec.unit) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `must be "${spec.unit}" for ${row.item}` });
    }
    if ((spec.scope === 'global') !== (row.region === GLOBAL_REGION)) {
      const expected = spec.scope === 'global' ? `"${GLOBAL_REGION}"` : 'a region code';
      ctx.addIssue({ code: 'custom', path: ['region'], message: `must be ${expected} for ${row.item}` });
    }
  });

export type PriceRow = z.infer<typeof PriceRowSchema>;

const TableSchema = z.strictObject({
  currency: z.literal('USD', { error: 'must be "USD"' }),
  notice: z.string().min(1).describe('Where the prices come from and that they must be refreshed'),
  rows: z.array(z.unknown()).min(1, 'must list at least one price'),
});

export interface PriceTable {
  readonly currency: 'USD';
  readonly notice: string;
  readonly rows: readonly PriceRow[];
  /** Regions (other than "global") that have at least one row. */
  readonly regions: ReadonlySet<string>;
  readonly byKey: ReadonlyMap<string, PriceRow>;
}

/** A price table that cannot be used; the message names every bad row. */
export class PriceTableError extends Error {
  override readonly name = 'PriceTableError';
}

const keyOf = (item: string, region: string) => `${item}@${region}`;

function describeRow(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '';
  const { item, region } = raw as { item?: unknown; region?: unknown };
  const parts = [item, region].filter((v): v is string => typeof v === 'string');
  return parts.length > 0 ? ` (${parts.join(' in ')})` : '';
}

function issueText(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/**
 * Validates the parsed JSON of a price table. Every problem is reported at once, each naming its row
 * (`prices.json: rows[12] (athena-scanned in us-east-1): priceUsd: must be a number`), and the table must price every
 * item in the fallback region so an estimate never lacks a price.
 */
export function parsePriceTable(data: unknown, where: string = PRICES_PATH): PriceTable {
  const top = TableSchema.safeParse(data);
  if (!top.success) {
    throw new PriceTableError(`${where}: ${top.error.issues.map(issueText).join('; ')}`);
  }
  const problems: string[] = [];
  const rows: PriceRow[] = [];
  const byKey = new Map<string, PriceRow>();
  top.data.rows.forEach((raw, index) => {
    const label = `rows[${index}]${describeRow(raw)}`;
    const parsed = PriceRowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${label}: ${issueText(issue)}`);
      return;
    }
    const key = keyOf(parsed.data.item, parsed.data.region);
    if (byKey.has(key)) {
      problems.push(`${label}: duplicate price for ${parsed.data.item} in ${parsed.data.region}`);
      return;
    }
    byKey.set(key, parsed.data);
    rows.push(parsed.data);
  });
  for (const item of ITEM_IDS) {
    const region = PRICE_ITEMS[item].scope === 'global' ? GLOBAL_REGION : FALLBACK_REGION;
    if (!byKey.has(keyOf(item, region)) && !problems.some((p) => p.includes(`(${item} in ${region})`))) {
      problems.push(`missing the price of ${item} in ${region}: every item needs one there, it is the fallback`);
    }
  }
  if (problems.length > 0) {
    throw new PriceTableError(`${where} is not a valid price table:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const regions = new Set(rows.map((r) => r.region).filter((r) => r !== GLOBAL_REGION));
  return { currency: 'USD', notice: top.data.notice, rows, regions, byKey };
}

export interface ResolvedPrice {
  readonly row: PriceRow;
  /** The region asked for, when its price was missing and the fallback region's was used. */
  readonly missingRegion?: string;
}

/** The price of `item` in `region`; a region the table lacks falls back to us-east-1 and says so. */
export function findPrice(table: PriceTable, item: PriceItem, region: string): ResolvedPrice {
  if (PRICE_ITEMS[item].scope === 'global') return { row: mustFind(table, item, GLOBAL_REGION) };
  const exact = table.byKey.get(keyOf(item, region));
  if (exact) return { row: exact };
  return { row: mustFind(table, item, FALLBACK_REGION), missingRegion: region };
}

function mustFind(table: PriceTable, item: PriceItem, region: string): PriceRow {
  const row = table.byKey.get(keyOf(item, region));
  // parsePriceTable guarantees these rows; a hand-built table without them is a programming error.
  if (!row) throw new PriceTableError(`the price table has no price for ${item} in ${region}`);
  return row;
}
