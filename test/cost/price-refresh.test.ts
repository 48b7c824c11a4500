import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Command, UsageError } from '../../scripts/cli/command.ts';
import { NO_CREDENTIALS, type PricesDeps, pricesCommandWith } from '../../scripts/commands/prices.ts';
import { main } from '../../scripts/workshop.ts';
import type { ProductQuery } from '../../src/aws/pricing.ts';
import { tableUnitMultiplier } from '../../src/cost/price-list-price.ts';
import { PRICE_LIST_PRODUCTS } from '../../src/cost/price-list-products.ts';
import { PricingAccessError, type RowOutcome, refreshPrices } from '../../src/cost/price-refresh.ts';
import { renderRefreshReport } from '../../src/cost/price-refresh-report.ts';
import { PRICE_ITEMS, PriceTableError, parsePriceTable } from '../../src/cost/price-table.ts';
import { type AtomicFileSystem, nodeFileSystem, writePriceTable } from '../../src/cost/price-table-file.ts';
import { rawPrices } from './example-cohorts.ts';
import { awsError, fakePricing, productDocument, s3Standard, VERSION } from './price-list-documents.ts';

const TODAY = '2026-12-08';
const NOW = new Date(`${TODAY}T09:30:00Z`);
const PRICES_FILE = fileURLToPath(new URL('../../src/cost/prices.json', import.meta.url));

type Row = Record<string, unknown>;
const rowsOf = (data: unknown) => (data as { rows: Row[] }).rows;
const rowOf = (data: unknown, item: string, region: string) =>
  rowsOf(data).find((r) => r.item === item && r.region === region);

/** A one-tier regional product; its SKU is made from the usage type (and a suffix, for a second one). */
function priced(serviceCode: string, region: string, usagetype: string, usd: string, unit: string, skuSuffix = '') {
  const sku = `${usagetype.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}${skuSuffix}`;
  return productDocument({ sku, serviceCode, attributes: { regionCode: region, usagetype }, tiers: [{ usd, unit }] });
}

/** KMS symmetric requests in a region: the first 20,000 free, then `paidUsd` per request. */
function kmsRequests(region: string, paidUsd: string) {
  return productDocument({
    sku: `KMSREQ${region.toUpperCase().replaceAll('-', '')}`,
    serviceCode: 'awskms',
    attributes: { regionCode: region, usagetype: `${region}-KMS-Requests` },
    tiers: [
      { usd: '0.0000000000', unit: 'Requests', begin: '0', end: '20000' },
      { usd: paidUsd, unit: 'Requests', begin: '20000', end: 'Inf' },
    ],
  });
}

/** Realistic products for a few items in us-east-1, us-west-2, eu-west-1 and ap-northeast-2. */
const DOCUMENTS = [
  // S3 Standard storage, tiered: us-east-1 as in the table, us-west-2 up to 0.024.
  s3Standard('us-east-1', '', '0.0230000000'),
  s3Standard('us-west-2', 'USW2-', '0.0240000000'),
  // Intelligent-Tiering's overhead shares the usage type; only volumeType tells them apart.
  productDocument({
    sku: 'S3INTOVERHEAD',
    serviceCode: 'AmazonS3',
    productFamily: 'Storage',
    attributes: { regionCode: 'us-east-1', usagetype: 'TimedStorage-ByteHrs', volumeType: 'INTAAS3ObjectOverhead' },
    tiers: [{ usd: '0.0210000000', unit: 'GB-Mo' }],
  }),
  // S3 PUT requests in eu-west-1, per request: 0.0000055 → 0.0055 per 1,000.
  productDocument({
    sku: 'S3PUTEU',
    serviceCode: 'AmazonS3',
    productFamily: 'API Request',
    attributes: { regionCode: 'eu-west-1', usagetype: 'EU-Requests-Tier1', group: 'S3-API-Tier1' },
    tiers: [{ usd: '0.0000055000', unit: 'Requests' }],
  }),
  // Athena per TB scanned: unchanged in us-east-1, up in eu-west-1.
  priced('AmazonAthena', 'us-east-1', 'USE1-DataScannedInTB', '5.0000000000', 'Terabytes'),
  priced('AmazonAthena', 'eu-west-1', 'EU-DataScannedInTB', '6.2500000000', 'Terabytes'),
  // Glue DPU-hours: standard ETL, Flex (cheaper, must not be taken) and the crawler.
  priced('AWSGlue', 'us-east-1', 'USE1-ETL-DPU-Hour', '0.4400000000', 'DPU-Hour'),
  priced('AWSGlue', 'us-east-1', 'USE1-ETL-Flex-DPU-Hour', '0.2900000000', 'DPU-Hour'),
  priced('AWSGlue', 'us-east-1', 'USE1-Crawler-DPU-Hour', '0.4400000000', 'DPU-Hour'),
  // KMS: a key per month; requests with the 20,000 free ones as the product's first tier.
  priced('awskms', 'us-east-1', 'us-east-1-KMS-Keys', '1.0000000000', 'Keys'),
  kmsRequests('us-east-1', '0.0000030000'),
  kmsRequests('ap-northeast-2', '0.0000035000'),
];

function refresh(documents: readonly string[] = DOCUMENTS, regions?: string[], fail?: (q: ProductQuery) => void) {
  const api = fakePricing(documents, fail);
  const data = rawPrices();
  const run = refreshPrices({ data, where: 'prices.json', api, today: TODAY, ...(regions ? { regions } : {}) });
  return { api, data, run };
}

function outcome(outcomes: readonly RowOutcome[], item: string, region: string): RowOutcome | undefined {
  return outcomes.find((o) => o.item === item && o.region === region);
}

describe('refreshPrices', () => {
  it('updates a changed row: price, source (the offer version read) and date, and nothing else', async () => {
    const { data, run } = refresh();
    const result = await run;
    const before = rowOf(data, 's3-storage-standard', 'us-west-2');
    expect(rowOf(result.data, 's3-storage-standard', 'us-west-2')).toEqual({
      ...before,
      priceUsd: 0.024,
      source: `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonS3/${VERSION}/us-west-2/index.json`,
      date: TODAY,
    });
    const changed = outcome(result.outcomes, 's3-storage-standard', 'us-west-2');
    expect(changed).toMatchObject({ status: 'changed', oldPriceUsd: 0.023, newPriceUsd: 0.024 });
    expect(changed?.changePercent).toBeCloseTo(4.348, 2);
    expect(changed?.detail).toMatch(/first of 3 tiers \(0–51200 GB-Mo\)/);
    expect(result.versions).toContainEqual(expect.objectContaining({ serviceCode: 'AmazonS3', version: VERSION }));
  });

  it('leaves an unchanged row exactly as it was, old date and source included', async () => {
    const { data, run } = refresh();
    const result = await run;
    for (const [item, region] of [
      ['s3-storage-standard', 'us-east-1'],
      ['athena-scanned', 'us-east-1'],
      ['kms-key', 'us-east-1'],
      ['glue-crawler-dpu-hour', 'us-east-1'],
    ] as const) {
      expect(outcome(result.outcomes, item, region)?.status, `${item} in ${region}`).toBe('unchanged');
      expect(rowOf(result.data, item, region)).toEqual(rowOf(data, item, region));
    }
  });

  it('converts per-request prices to the table unit and takes the first paid tier when the free tier is apart', async () => {
    const result = await refresh().run;
    // 0.0000055 per request → 0.0055 per 1,000 requests.
    expect(outcome(result.outcomes, 's3-requests-put', 'eu-west-1')).toMatchObject({
      status: 'changed',
      oldPriceUsd: 0.005,
      newPriceUsd: 0.0055,
    });
    expect(rowOf(result.data, 's3-requests-put', 'eu-west-1')?.priceUsd).toBe(0.0055);
    // 0.000003 per request after the 20,000 free → 0.03 per 10,000, as the table has it.
    const kms = outcome(result.outcomes, 'kms-requests', 'us-east-1');
    expect(kms).toMatchObject({ status: 'unchanged', newPriceUsd: 0.03 });
    expect(kms?.detail).toMatch(/first paid of 2 tiers/);
    expect(kms?.detail).toMatch(/× 10,000/);
    expect(outcome(result.outcomes, 'kms-requests', 'ap-northeast-2')).toMatchObject({
      status: 'changed',
      newPriceUsd: 0.035,
    });
    // Per terabyte in both: no conversion, +25 %.
    expect(outcome(result.outcomes, 'athena-scanned', 'eu-west-1')?.changePercent).toBeCloseTo(25, 6);
  });

  it("takes the product of the item's exact usage type and attributes, not its look-alikes", async () => {
    const result = await refresh().run;
    // Flex (0.29) and the Intelligent-Tiering overhead (0.021) would otherwise make these ambiguous or wrong.
    expect(outcome(result.outcomes, 'glue-etl-dpu-hour', 'us-east-1')).toMatchObject({
      status: 'unchanged',
      newPriceUsd: 0.44,
    });
    expect(outcome(result.outcomes, 's3-storage-standard', 'us-east-1')).toMatchObject({ newPriceUsd: 0.023 });
  });

  it('keeps a row the API does not price, with a warning, and never drops or adds a row', async () => {
    const { data, run } = refresh();
    const result = await run;
    expect(rowsOf(result.data)).toHaveLength(rowsOf(data).length);
    const missing = outcome(result.outcomes, 's3-replication-rtc', 'us-east-1');
    expect(missing).toMatchObject({ status: 'not-found', oldPriceUsd: 0.015 });
    expect(missing?.detail).toMatch(/no AmazonS3 product with usage type …S3RTC-Out-Bytes/);
    expect(rowOf(result.data, 's3-replication-rtc', 'us-east-1')).toEqual(
      rowOf(data, 's3-replication-rtc', 'us-east-1'),
    );
    const report = renderRefreshReport(result, { file: 'prices.json', dryRun: false, outcome: 'done' });
    expect(report).toMatch(/NOT FOUND s3-replication-rtc in us-east-1: kept 0\.015 USD per GB; no AmazonS3 product/);
    expect(report).toMatch(/^warning: rows marked NOT FOUND keep their checked-in price/m);
    expect(result.outcomes).toHaveLength(rowsOf(data).length);
  });

  it('never replaces a price by 0, and keeps rows whose product is ambiguous or in another unit', async () => {
    const documents = [
      priced('AWSCloudTrail', 'us-east-1', 'USE1-DataEventsRecorded', '0', 'Events'),
      priced('AmazonSES', 'us-east-1', 'USE1-Recipients', '0.0001000000', 'Count'),
      // A second product under the same usage type (another SKU) at another price.
      priced('AmazonSES', 'us-east-1', 'USE1-Recipients', '0.0001200000', 'Count', '2'),
      priced('AmazonCloudWatch', 'us-east-1', 'USE1-CW:AlarmMonitorUsage', '0.1', 'Hrs'),
    ];
    const { data, run } = refresh(documents, ['us-east-1']);
    const result = await run;
    expect(outcome(result.outcomes, 'cloudtrail-data-events', 'us-east-1')?.detail).toMatch(/never replaced by 0/);
    expect(outcome(result.outcomes, 'ses-email', 'us-east-1')?.detail).toMatch(/ambiguous: 2 products match/);
    expect(outcome(result.outcomes, 'cloudwatch-alarm', 'us-east-1')?.detail).toMatch(
      /priced per Hrs, expected per Alarms/,
    );
    for (const item of ['cloudtrail-data-events', 'ses-email', 'cloudwatch-alarm']) {
      expect(outcome(result.outcomes, item, 'us-east-1')?.status).toBe('not-found');
      expect(rowOf(result.data, item, 'us-east-1')).toEqual(rowOf(data, item, 'us-east-1'));
    }
    expect(result.changed).toBe(0);
  });

  it('prices inter-region transfer at the rate most destinations get', async () => {
    const transfer = (to: string, usd: string) =>
      productDocument({
        sku: `DT${to}`,
        serviceCode: 'AWSDataTransfer',
        attributes: {
          fromRegionCode: 'us-west-2',
          transferType: 'InterRegion Outbound',
          usagetype: `USW2-${to}-AWS-Out-Bytes`,
        },
        tiers: [{ usd, unit: 'GB' }],
      });
    const documents = [
      transfer('USE1', '0.025'),
      transfer('EU', '0.025'),
      transfer('APN2', '0.025'),
      transfer('USW1', '0.01'),
    ];
    const result = await refresh(documents, ['us-west-2']).run;
    const row = outcome(result.outcomes, 's3-replication-transfer', 'us-west-2');
    expect(row).toMatchObject({ status: 'changed', oldPriceUsd: 0.02, newPriceUsd: 0.025 });
    expect(row?.detail).toMatch(/the rate of 3 of 4 matching products/);
  });

  it('asks once per offer, region and filters, and only for the rows in --region', async () => {
    const { api, run } = refresh(DOCUMENTS, ['us-east-1']);
    const result = await run;
    const keys = api.queries.map((q) => JSON.stringify([q.serviceCode, q.filters]));
    expect(new Set(keys).size).toBe(keys.length);
    // Alarms, logs ingestion and logs storage share one CloudWatch query; dashboards are listed once for the account.
    const cloudwatch = api.queries.filter((q) => q.serviceCode === 'AmazonCloudWatch');
    expect(cloudwatch.map((q) => q.filters)).toEqual(
      expect.arrayContaining([{ regionCode: 'us-east-1' }, { productFamily: 'Dashboard' }]),
    );
    expect(cloudwatch).toHaveLength(2);
    expect(api.queries.every((q) => Object.values(q.filters).every((v) => v !== 'us-west-2'))).toBe(true);
    expect(outcome(result.outcomes, 's3-storage-standard', 'us-west-2')?.status).toBe('skipped');
    expect(rowOf(result.data, 's3-storage-standard', 'us-west-2')?.priceUsd).toBe(0.023);
  });

  it('fails only the rows whose query failed, keeping their prices', async () => {
    const throttled = (q: ProductQuery) => {
      if (q.serviceCode === 'AmazonAthena') throw awsError('ThrottlingException', 'Rate exceeded');
    };
    const result = await refresh(DOCUMENTS, ['us-west-2', 'eu-west-1'], throttled).run;
    expect(outcome(result.outcomes, 'athena-scanned', 'eu-west-1')).toMatchObject({
      status: 'failed',
      detail: 'ThrottlingException: Rate exceeded',
    });
    expect(rowOf(result.data, 'athena-scanned', 'eu-west-1')?.priceUsd).toBe(5);
    expect(outcome(result.outcomes, 's3-storage-standard', 'us-west-2')?.status).toBe('changed');
  });

  it('stops with one sentence when the credentials may not call pricing:GetProducts', async () => {
    const denied = () => {
      throw awsError('AccessDeniedException', 'User is not authorized to perform: pricing:GetProducts', 403);
    };
    const error = await refresh(DOCUMENTS, undefined, denied).run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PricingAccessError);
    expect((error as Error).message).toMatch(/^the AWS credentials may not call pricing:GetProducts \(.*\); [^.]*\.$/);
  });

  it('refuses a table that is not valid before asking anything', async () => {
    const api = fakePricing(DOCUMENTS);
    const data = { ...(rawPrices() as object), currency: 'EUR' };
    await expect(refreshPrices({ data, where: 'prices.json', api, today: TODAY })).rejects.toBeInstanceOf(
      PriceTableError,
    );
    expect(api.queries).toHaveLength(0);
  });
});

describe('the item → Price List table', () => {
  it('has an entry for every priced item, with the region attribute and units the conversion needs', () => {
    expect(Object.keys(PRICE_LIST_PRODUCTS).sort()).toEqual(Object.keys(PRICE_ITEMS).sort());
    for (const [item, spec] of Object.entries(PRICE_LIST_PRODUCTS)) {
      const global = PRICE_ITEMS[item as keyof typeof PRICE_ITEMS].scope === 'global';
      if (global) expect(spec.regionField, item).toBe('none');
      expect(spec.apiUnits.length, item).toBeGreaterThan(0);
    }
  });

  it('reads the count of a table unit', () => {
    expect(tableUnitMultiplier('1,000 requests')).toBe(1000);
    expect(tableUnitMultiplier('1,000,000 requests')).toBe(1_000_000);
    expect(tableUnitMultiplier('100,000 objects-month')).toBe(100_000);
    expect(tableUnitMultiplier('GB-month')).toBe(1);
    expect(tableUnitMultiplier('TB')).toBe(1);
  });
});

describe('writePriceTable', () => {
  it('validates first and writes nothing for an invalid table', async () => {
    const calls: string[] = [];
    const fs: AtomicFileSystem = {
      writeNew: async (path) => void calls.push(`write ${path}`),
      rename: async (from) => void calls.push(`rename ${from}`),
      remove: async (path) => void calls.push(`remove ${path}`),
    };
    const data = rawPrices() as { rows: Row[] };
    const bad = { ...data, rows: data.rows.map((r, i) => (i === 3 ? { ...r, priceUsd: -1 } : r)) };
    await expect(writePriceTable('/nowhere/prices.json', bad, fs)).rejects.toThrow(/rows\[3\].*priceUsd/);
    expect(calls).toEqual([]);
  });
});

// ---- the command ----------------------------------------------------------------------------------------------

interface Recorded extends AtomicFileSystem {
  readonly calls: string[][];
}

function recording(overrides: Partial<AtomicFileSystem> = {}): Recorded {
  const calls: string[][] = [];
  const base = { ...nodeFileSystem, ...overrides };
  return {
    calls,
    writeNew(path, text) {
      calls.push(['writeNew', path]);
      return base.writeNew(path, text);
    },
    rename(from, to) {
      calls.push(['rename', from, to]);
      return base.rename(from, to);
    },
    remove(path) {
      calls.push(['remove', path]);
      return base.remove(path);
    },
  };
}

function captureIo(cwd: string, env: Record<string, string | undefined>) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (c: string) => (out.stdout += c) },
    stderr: { write: (c: string) => (out.stderr += c) },
    cwd,
    env,
  };
  return { io, out };
}

/** The command built with test dependencies, with the entry point's handling of usage errors (exit 2). */
async function runPrices(command: Command, argv: string[], cwd: string, env: Record<string, string> = {}) {
  const { io, out } = captureIo(cwd, env);
  let code: number;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: command.options, allowPositionals: true });
    code = await command.run({ values, positionals }, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr += `workshop prices: ${error.message}\n`;
    code = 2;
  }
  return { code, ...out };
}

describe('workshop prices refresh', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'prices-'));
    file = join(dir, 'prices.json');
    await copyFile(PRICES_FILE, file);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(dir, { recursive: true, force: true });
  });

  const deps = (fs: AtomicFileSystem, extra: PricesDeps = {}): PricesDeps => ({
    now: () => NOW,
    api: fakePricing(DOCUMENTS),
    probe: async () => ({}),
    fs,
    ...extra,
  });

  it('writes the file once, through a temporary file renamed over it, and the result is a valid table', async () => {
    const fs = recording();
    const before = await readFile(file, 'utf8');
    const { code, stdout } = await runPrices(pricesCommandWith(deps(fs)), ['refresh', '--file', file], dir);
    expect(code).toBe(0);
    const [write, move, ...rest] = fs.calls;
    expect(rest).toEqual([]);
    expect(write?.[0]).toBe('writeNew');
    expect(write?.[1]?.startsWith(join(dir, '.prices.json.'))).toBe(true);
    expect(move).toEqual(['rename', write?.[1], file]);
    expect(await readdir(dir)).toEqual(['prices.json']);
    const after = JSON.parse(await readFile(file, 'utf8')) as unknown;
    const table = parsePriceTable(after);
    expect(table.byKey.get('s3-storage-standard@us-west-2')).toMatchObject({ priceUsd: 0.024, date: TODAY });
    expect(rowsOf(after)).toHaveLength(rowsOf(JSON.parse(before)).length);
    expect(stdout).toMatch(
      /^changed {3}s3-storage-standard in us-west-2: 0\.023 → 0\.024 USD per GB-month \(\+4\.3%\)/m,
    );
    expect(stdout).toMatch(/Wrote prices\.json \(\d+ row\(s\) changed\)\./);
  });

  it('writes nothing in a dry run, and nothing when no price changed', async () => {
    const before = await readFile(file, 'utf8');
    const dry = recording();
    const result = await runPrices(pricesCommandWith(deps(dry)), ['refresh', '--dry-run', '--file', file], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Dry run: \d+ row\(s\) would change; nothing written\./);
    const same = recording();
    const unchanged = await runPrices(
      pricesCommandWith(deps(same)),
      ['refresh', '--region', 'us-east-1', '--file', file],
      dir,
    );
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toMatch(/Nothing changed: prices\.json left as it is\./);
    expect([...dry.calls, ...same.calls]).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('exits 1 and leaves the table as it was when the write fails', async () => {
    const before = await readFile(file, 'utf8');
    const fs = recording({ rename: () => Promise.reject(new Error('EXDEV: cross-device link not permitted')) });
    const { code, stdout } = await runPrices(pricesCommandWith(deps(fs)), ['refresh', '--file', file], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/Nothing written: EXDEV/);
    expect(fs.calls.map(([op]) => op)).toEqual(['writeNew', 'rename', 'remove']);
    expect(await readdir(dir)).toEqual(['prices.json']);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('exits 1 when a query failed, still writing the prices that were read', async () => {
    const api = fakePricing(DOCUMENTS, (q) => {
      if (q.serviceCode === 'AmazonAthena') throw awsError('InternalFailure', 'We encountered an internal error', 500);
    });
    const { code, stdout } = await runPrices(
      pricesCommandWith(deps(recording(), { api })),
      ['refresh', '--file', file],
      dir,
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAILED {4}athena-scanned in eu-west-1: kept 5 USD per TB; InternalFailure/m);
    expect(
      parsePriceTable(JSON.parse(await readFile(file, 'utf8'))).byKey.get('athena-scanned@eu-west-1')?.priceUsd,
    ).toBe(5);
  });

  it('exits 2 with one sentence when the credentials may not call the Price List API', async () => {
    const api = fakePricing(DOCUMENTS, () => {
      throw awsError('AccessDeniedException', 'not authorized to perform pricing:GetProducts', 403);
    });
    const { code, stderr } = await runPrices(
      pricesCommandWith(deps(recording(), { api })),
      ['refresh', '--file', file],
      dir,
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/^workshop prices: the AWS credentials may not call pricing:GetProducts .*\.\n$/);
  });

  it('exits 2 without AWS credentials, through the CLI, before reading or asking anything', async () => {
    // Any call that slipped through would go to a closed local port, never to AWS.
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9');
    const { io, out } = captureIo(dir, {});
    const code = await main(['prices', 'refresh', '--file', join(dir, 'missing.json')], io);
    expect(code).toBe(2);
    expect(out.stderr).toBe(`workshop prices: ${NO_CREDENTIALS}\n`);
    expect(NO_CREDENTIALS).toMatch(/^[^.]*\.$/);
    expect(out.stdout).toBe('');
    const half = captureIo(dir, { AWS_ACCESS_KEY_ID: 'AKIAFAKE' });
    expect(await main(['prices', 'refresh', '--file', file], half.io)).toBe(2);
    expect(half.out.stderr).toBe('workshop prices: Incomplete AWS credentials: AWS_SECRET_ACCESS_KEY is not set.\n');
  });

  it('rejects a missing subcommand and a region that is not one', async () => {
    const bare = captureIo(dir, {});
    expect(await main(['prices'], bare.io)).toBe(2);
    expect(bare.out.stderr).toMatch(/expected "workshop prices refresh/);
    const bad = await runPrices(
      pricesCommandWith(deps(recording())),
      ['refresh', '--region', 'mars-1', '--file', file],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--region mars-1 is not a commercial AWS region code/);
  });

  it('documents the exit codes and the IAM action in --help', async () => {
    const { io, out } = captureIo(dir, {});
    expect(await main(['prices', '--help'], io)).toBe(0);
    expect(out.stdout).toMatch(/pricing:GetProducts/);
    expect(out.stdout).toMatch(/^ {2}0 {2}done/m);
    expect(out.stdout).toMatch(/^ {2}1 {2}a query FAILED/m);
    expect(out.stdout).toMatch(/^ {2}2 {2}usage error, no or refused credentials/m);
  });
});
