import { describe, expect, it } from 'vitest';
import {
  FALLBACK_REGION,
  findPrice,
  PRICE_ITEMS,
  type PriceItem,
  PriceTableError,
  parsePriceTable,
} from '../../src/cost/price-table.ts';
import { loadPrices, rawPrices } from './example-cohorts.ts';

type RawTable = { rows: Record<string, unknown>[] } & Record<string, unknown>;
const raw = () => rawPrices() as RawTable;
const ITEMS = Object.keys(PRICE_ITEMS) as PriceItem[];
const REGIONS = ['us-east-1', 'ap-northeast-2', 'ap-southeast-1', 'us-west-2', 'eu-west-1'];

function errorOf(data: unknown): string {
  try {
    parsePriceTable(data);
  } catch (error) {
    expect(error).toBeInstanceOf(PriceTableError);
    return (error as Error).message;
  }
  throw new Error('expected the table to be rejected');
}

describe('the checked-in price table', () => {
  const table = loadPrices();

  it('prices every item in every region the examples and the brief use, with source and date', () => {
    for (const item of ITEMS) {
      for (const region of REGIONS) {
        const { row, missingRegion } = findPrice(table, item, region);
        expect(missingRegion, `${item} in ${region}`).toBeUndefined();
        // Hand-entered rows cite the pricing page; refreshed rows the Price List API offer file.
        expect(row.source).toMatch(/^https:\/\/(aws\.amazon\.com|pricing\.us-east-1\.amazonaws\.com)\//);
        expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(row.date >= '2026-11-27').toBe(true);
      }
    }
  });

  it('states the account-wide free tiers the brief names', () => {
    const free = (item: PriceItem) => findPrice(table, item, 'us-east-1').row.freeTier?.quantity;
    expect(free('cloudwatch-dashboard')).toBe(3);
    expect(free('sns-email')).toBeCloseTo(1000 / 100_000);
    expect(free('budgets-action-enabled')).toBeGreaterThan(0);
    expect(free('glue-catalog-storage')).toBe(10);
    expect(free('glue-catalog-requests')).toBe(1);
  });

  it('says the prices must be refreshed', () => {
    expect(table.notice).toMatch(/workshop prices refresh/);
  });

  it('falls back to us-east-1 for a region it lacks and says which region was missing', () => {
    const resolved = findPrice(table, 'athena-scanned', 'af-south-1');
    expect(resolved.missingRegion).toBe('af-south-1');
    expect(resolved.row.region).toBe(FALLBACK_REGION);
  });
});

describe('parsePriceTable rejects bad rows with their position', () => {
  it('names the row index, item and region of a bad price', () => {
    const data = raw();
    const index = data.rows.findIndex((r) => r.item === 'athena-scanned' && r.region === 'ap-northeast-2');
    data.rows[index] = { ...data.rows[index], priceUsd: 'five' };
    const message = errorOf(data);
    expect(message).toContain(`rows[${index}] (athena-scanned in ap-northeast-2): priceUsd: must be a number`);
  });

  it('rejects a unit the estimator does not multiply in', () => {
    const data = raw();
    const index = data.rows.findIndex((r) => r.item === 'athena-scanned' && r.region === 'us-east-1');
    data.rows[index] = { ...data.rows[index], unit: 'GB' };
    expect(errorOf(data)).toMatch(/rows\[\d+\] \(athena-scanned in us-east-1\): unit: must be "TB"/);
  });

  it('rejects negative prices, unknown items and regions, bad dates and non-https sources', () => {
    const data = raw();
    data.rows[0] = { ...data.rows[0], priceUsd: -1 };
    data.rows[1] = { ...data.rows[1], item: 's3-storage-platinum' };
    data.rows[2] = { ...data.rows[2], region: 'mars-north-1' };
    data.rows[3] = { ...data.rows[3], date: '2026-02-30' };
    data.rows[4] = { ...data.rows[4], source: 'http://example.com' };
    const message = errorOf(data);
    expect(message).toMatch(/rows\[0\].*priceUsd: must not be negative/);
    expect(message).toMatch(/rows\[1\] \(s3-storage-platinum.*item: must be one of/);
    expect(message).toMatch(/rows\[2\].*region: must be a commercial AWS region/);
    expect(message).toMatch(/rows\[3\].*date: must be a date/);
    expect(message).toMatch(/rows\[4\].*source: must be the https URL/);
  });

  it('rejects duplicates and a missing fallback price', () => {
    const data = raw();
    const firstAthena = data.rows.find((r) => r.item === 'athena-scanned');
    data.rows.push({ ...firstAthena });
    data.rows = data.rows.filter((r) => !(r.item === 'kms-key' && r.region === 'us-east-1'));
    const message = errorOf(data);
    expect(message).toMatch(/duplicate price for athena-scanned in us-east-1/);
    expect(message).toMatch(/missing the price of kms-key in us-east-1/);
  });

  it('rejects a table that is not an object of rows', () => {
    expect(errorOf([])).toMatch(/prices\.json/);
    expect(errorOf({ currency: 'EUR', notice: 'x', rows: [{}] })).toMatch(/currency: must be "USD"/);
    expect(errorOf({ currency: 'USD', notice: 'x', rows: ['oops'] })).toMatch(/rows\[0\]:/);
  });

  it('accepts the checked-in table unchanged', () => {
    expect(() => parsePriceTable(raw())).not.toThrow();
  });
});
