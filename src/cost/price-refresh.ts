/**
 * `workshop prices refresh`: every row of the checked-in price table re-read from the AWS Price List API. A row
 * whose price changed gets the new price, the API's offer version as its source and today's date; a row the API
 * does not price (no product, an unexpected unit, several candidates, a price of 0 over a real price, an API
 * error) keeps everything it had and is reported. No row is ever dropped or added. Pure apart from the injected
 * API: the caller reads and writes the file.
 */

import { describeError, errorName, isAccessDenied } from '../aws/errors.ts';
import type { PriceListProduct, PricingApi, ProductQuery } from '../aws/pricing.ts';
import { mapLimit } from '../jobs/common/limit.ts';
import { priceFromProducts } from './price-list-price.ts';
import { PRICE_LIST_PRODUCTS, type PriceListSpec } from './price-list-products.ts';
import { GLOBAL_REGION, type PriceItem, type PriceRow, parsePriceTable } from './price-table.ts';

export type RowStatus = 'unchanged' | 'changed' | 'not-found' | 'failed' | 'skipped';

export interface RowOutcome {
  readonly item: PriceItem;
  readonly region: string;
  readonly unit: string;
  readonly status: RowStatus;
  readonly oldPriceUsd: number;
  /** The Price List's price in the row's unit, for changed and unchanged rows. */
  readonly newPriceUsd?: number;
  /** Changed rows: (new − old) / old in percent; absent when the old price was 0. */
  readonly changePercent?: number;
  /** How the price was read (tier, unit conversion), or why the row kept its price. */
  readonly detail: string;
}

export interface OfferVersion {
  readonly serviceCode: string;
  readonly version: string;
  readonly publicationDate?: string;
}

/** The table file's JSON: what parsePriceTable accepts, with rows as plain objects. */
export interface PriceTableData {
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly [key: string]: unknown;
}

export interface PriceRefreshResult {
  /** One per table row, in the table's order. */
  readonly outcomes: readonly RowOutcome[];
  /** The table with the changed rows updated and every other row exactly as it was. */
  readonly data: PriceTableData;
  readonly changed: number;
  /** The offer versions the changed and unchanged rows were read from. */
  readonly versions: readonly OfferVersion[];
}

export interface PriceRefreshRequest {
  /** The parsed JSON of the table file; it must be a valid table. */
  readonly data: unknown;
  /** The file, for messages about an invalid table. */
  readonly where: string;
  readonly api: PricingApi;
  /** YYYY-MM-DD: the `date` of changed rows. */
  readonly today: string;
  /** Only rows in these regions ("global" for account-wide rows); every row when absent. */
  readonly regions?: readonly string[];
  /** Queries in flight at once; the Price List API throttles bursts. Default 4. */
  readonly concurrency?: number;
}

/** The credentials cannot call the Price List API at all: every row would fail, so the refresh stops. */
export class PricingAccessError extends Error {
  override readonly name = 'PricingAccessError';
}

const CREDENTIAL_ERRORS = [
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'ExpiredToken',
  'ExpiredTokenException',
];

function accessProblem(error: unknown): string | undefined {
  if (isAccessDenied(error)) {
    return `the AWS credentials may not call pricing:GetProducts (${describeError(error)}); grant it or keep the checked-in prices.`;
  }
  if (CREDENTIAL_ERRORS.includes(errorName(error))) {
    return `the AWS credentials were refused by the Price List API (${describeError(error)}); sign in again or keep the checked-in prices.`;
  }
  return undefined;
}

const PRICE_LIST_HOST = 'https://pricing.us-east-1.amazonaws.com';

/** The offer file of the version the price was read from: a stable https URL, as the table's `source` must be. */
export function priceListSource(product: PriceListProduct, serviceCode: string, region: string): string {
  const version = product.version ?? 'current';
  const where = region === GLOBAL_REGION ? '' : `${region}/`;
  return `${PRICE_LIST_HOST}/offers/v1.0/aws/${serviceCode}/${version}/${where}index.json`;
}

export function queryFor(spec: PriceListSpec, region: string): ProductQuery {
  const filters: Record<string, string> = { ...spec.filters };
  if (spec.regionField !== 'none' && region !== GLOBAL_REGION) filters[spec.regionField] = region;
  return { serviceCode: spec.serviceCode, filters };
}

interface Outcome {
  readonly outcome: RowOutcome;
  /** The updated row, for a changed price. */
  readonly row?: Readonly<Record<string, unknown>>;
  /** The product the price was read from, for changed and unchanged rows. */
  readonly product?: PriceListProduct;
}

function kept(row: PriceRow, status: 'not-found' | 'failed' | 'skipped', detail: string): Outcome {
  return {
    outcome: { item: row.item, region: row.region, unit: row.unit, status, oldPriceUsd: row.priceUsd, detail },
  };
}

function compare(
  row: PriceRow,
  raw: Readonly<Record<string, unknown>>,
  products: readonly PriceListProduct[],
  today: string,
): Outcome {
  const spec = PRICE_LIST_PRODUCTS[row.item];
  const price = priceFromProducts(spec, products, row.unit);
  if (!price.found) return kept(row, 'not-found', price.reason);
  const base = { item: row.item, region: row.region, unit: row.unit, oldPriceUsd: row.priceUsd };
  if (price.priceUsd === row.priceUsd) {
    const outcome: RowOutcome = { ...base, status: 'unchanged', newPriceUsd: price.priceUsd, detail: price.detail };
    return { outcome, product: price.product };
  }
  if (price.priceUsd === 0) {
    return kept(row, 'not-found', 'the Price List gives 0 USD; a price is never replaced by 0');
  }
  const changePercent = row.priceUsd === 0 ? undefined : ((price.priceUsd - row.priceUsd) / row.priceUsd) * 100;
  return {
    outcome: {
      ...base,
      status: 'changed',
      newPriceUsd: price.priceUsd,
      ...(changePercent === undefined ? {} : { changePercent }),
      detail: price.detail,
    },
    row: {
      ...raw,
      priceUsd: price.priceUsd,
      source: priceListSource(price.product, spec.serviceCode, row.region),
      date: today,
    },
    product: price.product,
  };
}

function inScope(row: PriceRow, regions: readonly string[] | undefined): boolean {
  return regions === undefined || regions.includes(row.region);
}

/** The distinct offer versions the prices were read from, by service code. */
function versionsOf(products: readonly PriceListProduct[]): OfferVersion[] {
  const byKey = new Map<string, OfferVersion>();
  for (const { serviceCode, version, publicationDate } of products) {
    if (version === undefined) continue;
    byKey.set(`${serviceCode}@${version}`, {
      serviceCode,
      version,
      ...(publicationDate === undefined ? {} : { publicationDate }),
    });
  }
  return [...byKey.values()].sort(
    (a, b) => a.serviceCode.localeCompare(b.serviceCode) || a.version.localeCompare(b.version),
  );
}

/** Re-reads every row in scope from the Price List API; throws PricingAccessError when the API refuses the caller. */
export async function refreshPrices(request: PriceRefreshRequest): Promise<PriceRefreshResult> {
  const table = parsePriceTable(request.data, request.where);
  const rawRows = (request.data as PriceTableData).rows;
  // Rows of one offer, region and filters share a query: CloudWatch's alarm and logs rows of a region are one read.
  const queries = new Map<string, Promise<PriceListProduct[]>>();
  const read = (query: ProductQuery) => {
    const key = JSON.stringify([query.serviceCode, Object.entries(query.filters).sort()]);
    let answer = queries.get(key);
    if (answer === undefined) {
      answer = request.api.products(query);
      queries.set(key, answer);
    }
    return answer;
  };
  let refused: string | undefined;
  const results = await mapLimit(table.rows, request.concurrency ?? 4, async (row, index): Promise<Outcome> => {
    const raw = rawRows[index] ?? {};
    if (!inScope(row, request.regions)) return kept(row, 'skipped', 'outside --region');
    if (refused !== undefined) return kept(row, 'failed', 'not asked: the Price List API refused the credentials');
    try {
      const products = await read(queryFor(PRICE_LIST_PRODUCTS[row.item], row.region));
      return compare(row, raw, products, request.today);
    } catch (error) {
      refused ??= accessProblem(error);
      return kept(row, 'failed', describeError(error));
    }
  });
  if (refused !== undefined) throw new PricingAccessError(refused);
  const rows = results.map((r, index) => r.row ?? rawRows[index] ?? {});
  return {
    outcomes: results.map((r) => r.outcome),
    data: { ...(request.data as PriceTableData), rows },
    changed: results.filter((r) => r.outcome.status === 'changed').length,
    versions: versionsOf(results.flatMap((r) => (r.product === undefined ? [] : [r.product]))),
  };
}
