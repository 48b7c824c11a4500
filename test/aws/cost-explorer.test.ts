import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { costExplorerApi, MAX_COST_EXPLORER_PAGES } from '../../src/aws/cost-explorer.ts';

const ce = mockClient(CostExplorerClient);
const TAG = 'workshop:cohort';
const QUERY = { tagKey: TAG, start: '2026-12-01', end: '2026-12-08' };

function page(day: string, groups: [string, string, string][], extra: Partial<GetCostAndUsageCommandOutput> = {}) {
  return {
    $metadata: {},
    ResultsByTime: [
      {
        TimePeriod: { Start: day, End: day },
        Estimated: day === '2026-12-07',
        Groups: groups.map(([tag, service, amount]) => ({
          Keys: [tag, service],
          Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
        })),
      },
    ],
    ...extra,
  };
}

describe('costExplorerApi', () => {
  beforeEach(() => ce.reset());

  it('asks once for daily cost by cohort tag and service, tagged costs only', async () => {
    ce.on(GetCostAndUsageCommand).resolves(page('2026-12-01', []));
    await costExplorerApi(new CostExplorerClient({})).dailyCostByTagAndService(QUERY);
    expect(ce.commandCalls(GetCostAndUsageCommand)[0]?.args[0].input).toEqual({
      TimePeriod: { Start: '2026-12-01', End: '2026-12-08' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      Filter: { Not: { Tags: { Key: TAG, MatchOptions: ['ABSENT'] } } },
      GroupBy: [
        { Type: 'TAG', Key: TAG },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
    });
  });

  it('follows NextPageToken, counting every page as a request, and reads the cohort from the tag key', async () => {
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce(page('2026-12-06', [[`${TAG}$seoul-1`, 'Amazon Athena', '1.25']], { NextPageToken: 'p2' }))
      .resolvesOnce(page('2026-12-07', [[`${TAG}$lisbon`, 'AWS Glue', '0.5']]));
    const result = await costExplorerApi(new CostExplorerClient({})).dailyCostByTagAndService(QUERY);
    expect(result.requests).toBe(2);
    expect(result.truncated).toBe(false);
    expect(ce.commandCalls(GetCostAndUsageCommand)[1]?.args[0].input.NextPageToken).toBe('p2');
    expect(result.rows).toEqual([
      { day: '2026-12-06', tagValue: 'seoul-1', service: 'Amazon Athena', amountUsd: 1.25, estimated: false },
      { day: '2026-12-07', tagValue: 'lisbon', service: 'AWS Glue', amountUsd: 0.5, estimated: true },
    ]);
  });

  it('ignores groups of another key and unparseable amounts count as zero', async () => {
    ce.on(GetCostAndUsageCommand).resolves(
      page('2026-12-01', [
        ['other:tag$x', 'Amazon S3', '3'],
        [`${TAG}$seoul-1`, 'Amazon S3', 'n/a'],
      ]),
    );
    const { rows } = await costExplorerApi(new CostExplorerClient({})).dailyCostByTagAndService(QUERY);
    expect(rows).toEqual([
      { day: '2026-12-01', tagValue: 'seoul-1', service: 'Amazon S3', amountUsd: 0, estimated: false },
    ]);
  });

  it('stops at the page bound and says the data is incomplete', async () => {
    ce.on(GetCostAndUsageCommand).resolves(page('2026-12-01', [], { NextPageToken: 'more' }));
    const result = await costExplorerApi(new CostExplorerClient({})).dailyCostByTagAndService(QUERY);
    expect(result.requests).toBe(MAX_COST_EXPLORER_PAGES);
    expect(result.truncated).toBe(true);
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(MAX_COST_EXPLORER_PAGES);
  });
});
