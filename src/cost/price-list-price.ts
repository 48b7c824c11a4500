/**
 * Reads one table price out of the products the Price List API returned for a row: the product with the item's
 * usage type, its OnDemand USD price dimension in an accepted unit, the tier the spec names, converted from the
 * API's "per one" to the table's unit ("per request" → "per 1,000 requests"). Every way this can fail is a reason
 * the row keeps its price, never a guess.
 */
import type { PriceDimension, PriceListProduct } from '../aws/pricing.ts';
import { formatCount } from '../text/count.ts';
import { matchesUsageType, type PriceListSpec } from './price-list-products.ts';

export interface PriceFound {
  readonly found: true;
  /** USD per table unit. */
  readonly priceUsd: number;
  /** The product the price was read from (its offer version becomes the row's source). */
  readonly product: PriceListProduct;
  /** How the price was read, for the report: tier, conversion, how many products matched. */
  readonly detail: string;
}

export interface PriceMissing {
  readonly found: false;
  readonly reason: string;
}

/** How many of the API's units one table unit holds: "1,000 requests" → 1000, "GB-month" → 1. */
export function tableUnitMultiplier(tableUnit: string): number {
  const match = /^(\d{1,3}(?:,\d{3})+|\d+) /.exec(tableUnit);
  return match?.[1] === undefined ? 1 : Number(match[1].replaceAll(',', ''));
}

/** Twelve significant digits: `0.000005 × 1000` is 0.005, not 0.005000000000000001. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

function formatRange(dimension: PriceDimension): string {
  const end = Number.isFinite(dimension.endRange) ? String(dimension.endRange) : '∞';
  return `${dimension.beginRange}–${end} ${dimension.unit}`;
}

interface Candidate {
  readonly priceUsd: number;
  readonly product: PriceListProduct;
  /** The API unit of the tier read. */
  readonly apiUnit: string;
  readonly tierNote: string;
}

type Reading = { readonly candidate: Candidate } | { readonly problem: string };

/** The spec's tier of one product, or why it has none usable. */
function readProduct(spec: PriceListSpec, product: PriceListProduct, multiplier: number): Reading {
  const accepted = new Set(spec.apiUnits.map((u) => u.toLowerCase()));
  const tiers = product.onDemand.filter((d) => d.usd !== undefined && accepted.has(d.unit.toLowerCase()));
  if (tiers.length === 0) {
    const units = [...new Set(product.onDemand.map((d) => d.unit))].join(', ') || 'no OnDemand USD price';
    return { problem: `${product.sku} is priced per ${units}, expected per ${spec.apiUnits.join(' or ')}` };
  }
  const paid = tiers.find((d) => (d.usd ?? 0) > 0);
  const chosen = spec.tier === 'first-paid' && paid !== undefined ? paid : tiers[0];
  if (chosen === undefined) return { problem: `${product.sku} has no tier` };
  let tierNote = '';
  if (tiers.length > 1) {
    tierNote =
      chosen.beginRange > 0
        ? `first paid of ${tiers.length} tiers (${formatRange(chosen)}; the free tier stays in freeTier)`
        : `first of ${tiers.length} tiers (${formatRange(chosen)})`;
  }
  const priceUsd = tidy((chosen.usd ?? 0) * multiplier);
  return { candidate: { priceUsd, product, apiUnit: chosen.unit, tierNote } };
}

/** The price most candidates share; the higher one on a tie, so an estimate errs on the safe side. */
function modeOf(candidates: readonly Candidate[]): Candidate {
  const counts = new Map<number, number>();
  for (const c of candidates) counts.set(c.priceUsd, (counts.get(c.priceUsd) ?? 0) + 1);
  const [best] = [...counts].sort(([pa, ca], [pb, cb]) => cb - ca || pb - pa);
  return candidates.find((c) => c.priceUsd === best?.[0]) as Candidate;
}

function describeQuery(spec: PriceListSpec): string {
  const usage = typeof spec.usageType === 'string' ? spec.usageType : spec.usageType.source;
  return `${spec.serviceCode} product with usage type …${usage}`;
}

/** The row's price from the products the API returned for it, in `tableUnit`. */
export function priceFromProducts(
  spec: PriceListSpec,
  products: readonly PriceListProduct[],
  tableUnit: string,
): PriceFound | PriceMissing {
  const matching = products.filter((p) => matchesUsageType(spec, p.attributes.usagetype ?? ''));
  if (matching.length === 0) {
    return { found: false, reason: `no ${describeQuery(spec)} (${products.length} product(s) returned)` };
  }
  const multiplier = tableUnitMultiplier(tableUnit);
  const readings = matching.map((p) => readProduct(spec, p, multiplier));
  const candidates = readings.flatMap((r) => ('candidate' in r ? [r.candidate] : []));
  if (candidates.length === 0) {
    const problems = readings.flatMap((r) => ('problem' in r ? [r.problem] : []));
    return { found: false, reason: `no usable price: ${problems.slice(0, 3).join('; ')}` };
  }
  const prices = [...new Set(candidates.map((c) => c.priceUsd))];
  if (spec.pick === 'single' && prices.length > 1) {
    const listed = candidates.slice(0, 4).map((c) => `${c.product.sku} ${c.priceUsd}`);
    return { found: false, reason: `ambiguous: ${candidates.length} products match (${listed.join(', ')})` };
  }
  const chosen = spec.pick === 'mode' ? modeOf(candidates) : (candidates[0] as Candidate);
  const notes = [chosen.tierNote];
  if (multiplier !== 1) notes.push(`API price per ${chosen.apiUnit} × ${formatCount(multiplier)}`);
  if (prices.length > 1) {
    const same = candidates.filter((c) => c.priceUsd === chosen.priceUsd).length;
    notes.push(`the rate of ${same} of ${candidates.length} matching products (${prices.length - 1} other rate(s))`);
  }
  return {
    found: true,
    priceUsd: chosen.priceUsd,
    product: chosen.product,
    detail: notes.filter((n) => n !== '').join('; '),
  };
}
