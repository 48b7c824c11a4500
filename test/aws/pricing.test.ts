import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsClientFactory } from '../../src/aws/clients.ts';
import {
  MAX_PRICING_PAGES,
  PRICING_REGION,
  PriceListFormatError,
  parsePriceListEntry,
  pricingApi,
} from '../../src/aws/pricing.ts';
import { PUBLISHED, productDocument, s3Standard, VERSION } from '../cost/price-list-documents.ts';
import { json, LOOPBACK_CREDENTIALS, type Loopback, startLoopback } from '../support/aws-loopback.ts';

const QUERY = { serviceCode: 'AmazonS3', filters: { regionCode: 'us-east-1', productFamily: 'Storage' } };

const kmsKeys = productDocument({
  sku: 'KMSKEYUSE1',
  serviceCode: 'awskms',
  productFamily: 'Encryption Key',
  attributes: { regionCode: 'us-east-1', usagetype: 'us-east-1-KMS-Keys' },
  tiers: [{ usd: '1.0000000000', unit: 'Keys' }],
});

describe('pricingApi', () => {
  // Mocked here only: the loopback test below runs the real client.
  let pricing: AwsClientStub<PricingClient>;
  beforeAll(() => {
    pricing = mockClient(PricingClient);
  });
  beforeEach(() => pricing.reset());
  afterAll(() => pricing.restore());

  it('asks GetProducts with one exact-match filter per attribute, a full page at a time', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    await pricingApi(new PricingClient({})).products(QUERY);
    expect(pricing.commandCalls(GetProductsCommand)[0]?.args[0].input).toEqual({
      ServiceCode: 'AmazonS3',
      Filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
        { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'Storage' },
      ],
      FormatVersion: 'aws_v1',
      MaxResults: 100,
    });
  });

  it('follows NextToken and parses every PriceList entry, tiers lowest first', async () => {
    pricing
      .on(GetProductsCommand)
      .resolvesOnce({ PriceList: [s3Standard('us-east-1', '', '0.0230000000')], NextToken: 'page-2' })
      .resolvesOnce({ PriceList: [kmsKeys] });
    const products = await pricingApi(new PricingClient({})).products(QUERY);
    expect(pricing.commandCalls(GetProductsCommand)[1]?.args[0].input.NextToken).toBe('page-2');
    expect(products.map((p) => p.sku)).toEqual(['S3STDUSEAST1', 'KMSKEYUSE1']);
    const [s3] = products;
    expect(s3?.serviceCode).toBe('AmazonS3');
    expect(s3?.productFamily).toBe('Storage');
    expect(s3?.attributes.volumeType).toBe('Standard');
    expect(s3?.version).toBe(VERSION);
    expect(s3?.publicationDate).toBe(PUBLISHED);
    expect(s3?.onDemand.map((d) => [d.beginRange, d.endRange, d.usd, d.unit])).toEqual([
      [0, 51200, 0.023, 'GB-Mo'],
      [51200, 512000, 0.022, 'GB-Mo'],
      [512000, Number.POSITIVE_INFINITY, 0.021, 'GB-Mo'],
    ]);
  });

  it("reads the SDK's boxed JSON strings like plain ones", async () => {
    // The SDK may hand out `LazyJsonString`s: String objects carrying the JSON text.
    pricing.on(GetProductsCommand).resolves({ PriceList: [new String(kmsKeys) as unknown as string] });
    const [key] = await pricingApi(new PricingClient({})).products(QUERY);
    expect(key?.onDemand[0]?.usd).toBe(1);
    expect(key?.attributes.usagetype).toBe('us-east-1-KMS-Keys');
  });

  it('rejects an entry that is not a product document, saying why', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: ['{"product": {"attributes": {}}}'] });
    const error = await pricingApi(new PricingClient({}))
      .products(QUERY)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PriceListFormatError);
    expect((error as Error).message).toMatch(/product\.sku/);
    expect(() => parsePriceListEntry('{not json')).toThrow(/not JSON/);
  });

  it('stops at the page bound instead of paging forever', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [], NextToken: 'again' });
    await expect(pricingApi(new PricingClient({})).products(QUERY)).rejects.toThrow(/more than \d+ pages/);
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(MAX_PRICING_PAGES);
  });

  it('keeps a dimension priced in another currency without a USD price', () => {
    const doc = JSON.parse(kmsKeys) as { terms: { OnDemand: Record<string, { priceDimensions: object }> } };
    const [term] = Object.values(doc.terms.OnDemand);
    for (const dim of Object.values(term?.priceDimensions ?? {})) {
      (dim as { pricePerUnit: object }).pricePerUnit = { CNY: '7.0000000000' };
    }
    const product = parsePriceListEntry(JSON.stringify(doc));
    expect(product.onDemand).toHaveLength(1);
    expect(product.onDemand[0]?.usd).toBeUndefined();
  });
});

describe('pricingApi through the real SDK client', () => {
  let loopback: Loopback | undefined;
  afterEach(async () => {
    await loopback?.close();
    loopback = undefined;
  });

  it('signs for us-east-1, retries a throttled call and parses the JSON strings of the answer', async () => {
    loopback = await startLoopback((request) =>
      request.operation === 'GetProducts'
        ? json({ FormatVersion: 'aws_v1', PriceList: [s3Standard('eu-west-1', 'EU-', '0.0230000000')] })
        : json({ __type: 'UnknownOperationException' }, 400),
    );
    loopback.fault({ service: 'pricing', times: 1, kind: 'throttle' });
    const factory = new AwsClientFactory({ endpoint: loopback.endpoint, credentials: LOOPBACK_CREDENTIALS });
    try {
      // Whatever region a caller names, the Price List client is the us-east-1 one.
      const client = factory.client('pricing', 'ap-northeast-2');
      expect(factory.client('pricing', PRICING_REGION)).toBe(client);
      const products = await pricingApi(client).products({
        serviceCode: 'AmazonS3',
        filters: { regionCode: 'eu-west-1' },
      });
      expect(products.map((p) => [p.attributes.usagetype, p.onDemand[0]?.usd])).toEqual([
        ['EU-TimedStorage-ByteHrs', 0.023],
      ]);
    } finally {
      factory.destroy();
    }
    expect(loopback.requests.map((r) => [r.service, r.region, r.operation])).toEqual([
      ['pricing', 'us-east-1', 'GetProducts'],
      ['pricing', 'us-east-1', 'GetProducts'],
    ]);
    expect(JSON.parse(loopback.requests[1]?.body ?? '{}')).toMatchObject({
      ServiceCode: 'AmazonS3',
      Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' }],
    });
  });
});
