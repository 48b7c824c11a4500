/**
 * The AWS Price List Query API, through the one call the price refresh needs: GetProducts with exact-match filters,
 * every page read. Each PriceList entry is a JSON document (product, terms, version); the adapter parses it and
 * keeps only the OnDemand price dimensions, so callers never see the raw JSON or the SDK's boxed strings.
 * The API is served from us-east-1 (and ap-south-1); its product data covers every region.
 */
import { GetProductsCommand, type PricingClient } from '@aws-sdk/client-pricing';
import { z } from 'zod';

/** Where the Price List API is called; the answer is the same from either endpoint. */
export const PRICING_REGION = 'us-east-1';
/** Products per page, the API's maximum. */
const PAGE_SIZE = 100;
/** Pages read before giving up: a query that matches more products than this is too broad to price one row. */
export const MAX_PRICING_PAGES = 30;

export interface PriceDimension {
  /** The API's unit, as written there: `GB-Mo`, `Requests`, `DPU-Hour`, `Terabytes`. */
  readonly unit: string;
  /** Tier bounds in `unit`; a flat price is one tier from 0 to Infinity. */
  readonly beginRange: number;
  readonly endRange: number;
  /** The USD price per `unit`; absent when the dimension is priced in another currency only. */
  readonly usd?: number;
  readonly description: string;
}

export interface PriceListProduct {
  readonly sku: string;
  readonly serviceCode: string;
  readonly productFamily: string;
  /** Product attributes (`usagetype`, `regionCode`, `volumeType`, `group`, ...), all strings. */
  readonly attributes: Readonly<Record<string, string>>;
  /** OnDemand price dimensions of every OnDemand term, lowest tier first. */
  readonly onDemand: readonly PriceDimension[];
  /** The offer version (a timestamp such as `20261101000000`) and its publication date, when the API gives them. */
  readonly version?: string;
  readonly publicationDate?: string;
}

export interface ProductQuery {
  /** The offer: `AmazonS3`, `AWSGlue`, `awskms`, ... */
  readonly serviceCode: string;
  /** Attribute = value, each an exact (TERM_MATCH) filter. */
  readonly filters: Readonly<Record<string, string>>;
}

export interface PricingApi {
  products(query: ProductQuery): Promise<PriceListProduct[]>;
}

/** A PriceList entry that is not the JSON document the API documents. */
export class PriceListFormatError extends Error {
  override readonly name = 'PriceListFormatError';
}

const DimensionSchema = z.looseObject({
  unit: z.string(),
  beginRange: z.string().optional(),
  endRange: z.string().optional(),
  description: z.string().optional(),
  pricePerUnit: z.record(z.string(), z.string()),
});

const TermSchema = z.looseObject({ priceDimensions: z.record(z.string(), DimensionSchema) });

const EntrySchema = z.looseObject({
  serviceCode: z.string().optional(),
  version: z.string().optional(),
  publicationDate: z.string().optional(),
  product: z.looseObject({
    sku: z.string(),
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()).optional(),
  }),
  terms: z.looseObject({ OnDemand: z.record(z.string(), TermSchema).optional() }).optional(),
});

/** `"0"`, `"51200"`, `"Inf"` as numbers. */
function range(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (value === 'Inf') return Number.POSITIVE_INFINITY;
  const number = Number(value);
  return Number.isFinite(number) ? number : fallback;
}

function dimensionOf(raw: z.infer<typeof DimensionSchema>): PriceDimension {
  const usd = raw.pricePerUnit.USD === undefined ? Number.NaN : Number(raw.pricePerUnit.USD);
  return {
    unit: raw.unit,
    beginRange: range(raw.beginRange, 0),
    endRange: range(raw.endRange, Number.POSITIVE_INFINITY),
    ...(Number.isFinite(usd) ? { usd } : {}),
    description: raw.description ?? '',
  };
}

/** The text of one entry: the SDK hands out plain strings, boxed `LazyJsonString`s or, rarely, parsed objects. */
function entryText(entry: unknown): unknown {
  if (typeof entry === 'string') return JSON.parse(entry);
  if (entry instanceof String) return JSON.parse(entry.toString());
  return entry;
}

/** Parses one PriceList entry; throws PriceListFormatError naming what is wrong. */
export function parsePriceListEntry(entry: unknown): PriceListProduct {
  let data: unknown;
  try {
    data = entryText(entry);
  } catch (error) {
    throw new PriceListFormatError(`a PriceList entry is not JSON (${(error as Error).message})`);
  }
  const parsed = EntrySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'entry';
    throw new PriceListFormatError(`a PriceList entry is not a product document (${where}: ${issue?.message})`);
  }
  const { product, terms, serviceCode, version, publicationDate } = parsed.data;
  const attributes = product.attributes ?? {};
  const onDemand = Object.values(terms?.OnDemand ?? {})
    .flatMap((term) => Object.values(term.priceDimensions).map(dimensionOf))
    .sort((a, b) => a.beginRange - b.beginRange);
  return {
    sku: product.sku,
    serviceCode: serviceCode ?? attributes.servicecode ?? '',
    productFamily: product.productFamily ?? '',
    attributes,
    onDemand,
    ...(version === undefined ? {} : { version }),
    ...(publicationDate === undefined ? {} : { publicationDate }),
  };
}

export function pricingApi(client: PricingClient): PricingApi {
  return {
    async products(query) {
      const Filters = Object.entries(query.filters).map(([Field, Value]) => ({
        Type: 'TERM_MATCH' as const,
        Field,
        Value,
      }));
      const products: PriceListProduct[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        if (pages === MAX_PRICING_PAGES) {
          throw new Error(
            `${query.serviceCode} products matching ${JSON.stringify(query.filters)} fill more than ${MAX_PRICING_PAGES} pages`,
          );
        }
        const page = await client.send(
          new GetProductsCommand({
            ServiceCode: query.serviceCode,
            Filters,
            FormatVersion: 'aws_v1',
            MaxResults: PAGE_SIZE,
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        );
        pages++;
        const list: unknown = page.PriceList;
        if (Array.isArray(list)) for (const entry of list) products.push(parsePriceListEntry(entry));
        token = page.NextToken || undefined;
      } while (token !== undefined);
      return products;
    },
  };
}
