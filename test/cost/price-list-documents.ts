/**
 * Price List product documents as GetProducts returns them (one JSON string per product: product with its
 * attributes, OnDemand terms with tiered price dimensions, offer version and publication date), and a fake
 * Price List API that filters them the way the real one does (exact match on each filter's attribute).
 */
import {
  type PriceListProduct,
  type PricingApi,
  type ProductQuery,
  parsePriceListEntry,
} from '../../src/aws/pricing.ts';

export const VERSION = '20261120195105';
export const PUBLISHED = '2026-11-20T19:51:05Z';

export interface Tier {
  readonly usd: string;
  readonly unit: string;
  readonly begin?: string;
  readonly end?: string;
  readonly description?: string;
}

export interface DocumentSpec {
  readonly sku: string;
  readonly serviceCode: string;
  readonly productFamily?: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly tiers: readonly Tier[];
  readonly version?: string;
}

/** One PriceList entry, as the JSON string the API sends. */
export function productDocument(spec: DocumentSpec): string {
  const term = `${spec.sku}.JRTCKXETXF`;
  const priceDimensions = Object.fromEntries(
    spec.tiers.map((tier, index) => [
      `${term}.${index}YS6EN2CT7`,
      {
        rateCode: `${term}.${index}YS6EN2CT7`,
        description: tier.description ?? `$${tier.usd} per ${tier.unit}`,
        beginRange: tier.begin ?? '0',
        endRange: tier.end ?? 'Inf',
        unit: tier.unit,
        pricePerUnit: { USD: tier.usd },
        appliesTo: [],
      },
    ]),
  );
  return JSON.stringify({
    product: {
      ...(spec.productFamily === undefined ? {} : { productFamily: spec.productFamily }),
      attributes: { servicecode: spec.serviceCode, locationType: 'AWS Region', operation: '', ...spec.attributes },
      sku: spec.sku,
    },
    serviceCode: spec.serviceCode,
    terms: {
      OnDemand: {
        [term]: {
          priceDimensions,
          sku: spec.sku,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: spec.version ?? VERSION,
    publicationDate: PUBLISHED,
  });
}

/** S3 Standard storage in a region: three tiers, the first one `firstTier` USD per GB-Mo. */
export function s3Standard(region: string, prefix: string, firstTier: string): string {
  return productDocument({
    sku: `S3STD${region.toUpperCase().replaceAll('-', '')}`,
    serviceCode: 'AmazonS3',
    productFamily: 'Storage',
    attributes: {
      regionCode: region,
      usagetype: `${prefix}TimedStorage-ByteHrs`,
      volumeType: 'Standard',
      storageClass: 'General Purpose',
      servicename: 'Amazon Simple Storage Service',
    },
    tiers: [
      { usd: firstTier, unit: 'GB-Mo', begin: '0', end: '51200', description: 'first 50 TB / month' },
      { usd: '0.0220000000', unit: 'GB-Mo', begin: '51200', end: '512000', description: 'next 450 TB / month' },
      { usd: '0.0210000000', unit: 'GB-Mo', begin: '512000', end: 'Inf', description: 'over 500 TB / month' },
    ],
  });
}

export interface FakePricing extends PricingApi {
  readonly queries: ProductQuery[];
}

/**
 * A Price List API over `documents` (JSON strings, parsed by the adapter's own parser). `fail` may throw for a
 * query, as the real API does when it throttles or denies.
 */
export function fakePricing(documents: readonly string[], fail?: (query: ProductQuery) => void): FakePricing {
  const products: PriceListProduct[] = documents.map(parsePriceListEntry);
  const queries: ProductQuery[] = [];
  const field = (p: PriceListProduct, name: string) =>
    name === 'productFamily' ? p.productFamily : p.attributes[name];
  return {
    queries,
    async products(query) {
      queries.push(query);
      fail?.(query);
      return products.filter(
        (p) =>
          p.serviceCode === query.serviceCode &&
          Object.entries(query.filters).every(([name, value]) => field(p, name) === value),
      );
    },
  };
}

/** An error shaped like the SDK's: its name is the service's error code. */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}
