/**
 * Cost Explorer, through the one call the cost report needs: daily unblended cost of the month so far, grouped by a
 * cost-allocation tag and by service, for every tagged resource of the account at once. Cost Explorer bills $0.01
 * per request and every page is a request, so the adapter counts them and stops at a bound instead of paging on.
 */
import {
  type CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';

/** Cost Explorer has one endpoint, in us-east-1. */
export const COST_EXPLORER_REGION = 'us-east-1';
/** What AWS bills for each Cost Explorer API request (each page is one). */
export const COST_EXPLORER_REQUEST_USD = 0.01;
/** Pages read before giving up: the report says when the data is incomplete, and it never costs more than this. */
export const MAX_COST_EXPLORER_PAGES = 20;

export interface DailyTaggedCost {
  /** YYYY-MM-DD (UTC), the day the cost was incurred. */
  readonly day: string;
  /** The tag's value; empty for costs without it. */
  readonly tagValue: string;
  /** The AWS service, as Cost Explorer names it ("Amazon Athena"). */
  readonly service: string;
  readonly amountUsd: number;
  /** Cost Explorer's flag for days whose figures may still change. */
  readonly estimated: boolean;
}

export interface TaggedCostQuery {
  readonly tagKey: string;
  /** First day, inclusive (YYYY-MM-DD). */
  readonly start: string;
  /** Last day, exclusive (YYYY-MM-DD). */
  readonly end: string;
  readonly maxPages?: number;
}

export interface TaggedCosts {
  readonly rows: readonly DailyTaggedCost[];
  /** Requests made, each a page and each billed. */
  readonly requests: number;
  /** True when the page bound stopped the reading: the rows miss some costs. */
  readonly truncated: boolean;
}

export interface CostExplorerApi {
  dailyCostByTagAndService(query: TaggedCostQuery): Promise<TaggedCosts>;
}

const METRIC = 'UnblendedCost';

/** Rows of one page. Group keys read `workshop:cohort$<value>` for the tag and the service name for SERVICE. */
export function rowsOfPage(page: GetCostAndUsageCommandOutput, tagKey: string): DailyTaggedCost[] {
  const rows: DailyTaggedCost[] = [];
  for (const result of page.ResultsByTime ?? []) {
    const day = result.TimePeriod?.Start?.slice(0, 10);
    if (day === undefined) continue;
    for (const group of result.Groups ?? []) {
      const [tagPart, service] = group.Keys ?? [];
      if (tagPart === undefined || service === undefined || !tagPart.startsWith(`${tagKey}$`)) continue;
      const amount = Number(group.Metrics?.[METRIC]?.Amount ?? 0);
      rows.push({
        day,
        tagValue: tagPart.slice(tagKey.length + 1),
        service,
        amountUsd: Number.isFinite(amount) ? amount : 0,
        estimated: result.Estimated === true,
      });
    }
  }
  return rows;
}

export function costExplorerApi(client: CostExplorerClient): CostExplorerApi {
  return {
    async dailyCostByTagAndService(query) {
      const maxPages = query.maxPages ?? MAX_COST_EXPLORER_PAGES;
      const rows: DailyTaggedCost[] = [];
      let requests = 0;
      let token: string | undefined;
      do {
        const page = await client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: query.start, End: query.end },
            Granularity: 'DAILY',
            Metrics: [METRIC],
            // Only tagged costs: untagged spend of the account is not any cohort's.
            Filter: { Not: { Tags: { Key: query.tagKey, MatchOptions: ['ABSENT'] } } },
            GroupBy: [
              { Type: 'TAG', Key: query.tagKey },
              { Type: 'DIMENSION', Key: 'SERVICE' },
            ],
            ...(token === undefined ? {} : { NextPageToken: token }),
          }),
        );
        requests++;
        rows.push(...rowsOfPage(page, query.tagKey));
        token = page.NextPageToken || undefined;
      } while (token !== undefined && requests < maxPages);
      return { rows, requests, truncated: token !== undefined };
    },
  };
}
