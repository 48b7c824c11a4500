/**
 * The final cost report of a cohort, made by the cost-report job itself for that one cohort: month-to-date spend
 * against the budget and where the money went, fitted to the room the pull request body leaves. It runs as a dry
 * run over a state store that reads nothing and writes nothing, so it alerts nobody, needs no access to the
 * cost-report's own state, and changes nothing. A report that cannot be made is a sentence saying so, never a
 * failed teardown: the destroy must not wait for Cost Explorer.
 */
import type { AwsClientFactory } from '../../aws/clients.ts';
import { describeError } from '../../aws/errors.ts';
import type { S3Api } from '../../aws/s3.ts';
import type { PriceTable } from '../../cost/price-table.ts';
import { runCostReport } from '../../jobs/cost-report/cost-report.ts';
import { costReportApis } from '../../jobs/cost-report/cost-report-job.ts';
import { fittedMarkdown } from '../../jobs/cost-report/report-body.ts';
import type { JobContext } from '../common/job-context.ts';
import type { OpsServices } from '../common/ops-services.ts';
import { OpsStateStore } from '../common/ops-state.ts';
import type { JobReport } from '../common/report.ts';
import type { FinalCostReport } from './apis.ts';

/** Reads find nothing, writes are refused: a one-off report keeps no state. */
const NO_STATE: S3Api = {
  getText: async () => undefined,
  putText: async () => {
    throw new Error('the final cost report keeps no state');
  },
  list: async () => [],
};

/** The report as a plain record: not a dry run in its heading, no "not sent" alert lines. */
function asRecord(report: JobReport): JobReport {
  return { ...report, dryRun: false, cohorts: report.cohorts.map((c) => ({ ...c, alerts: [] })) };
}

export function unavailableCost(cohortId: string, error: unknown): string {
  return `_The cost report could not be made (${describeError(error)}); run \`npx workshop cost-report --cohort ${cohortId}\` for it._`;
}

export function finalCostReport(
  aws: AwsClientFactory,
  services: OpsServices,
  namePrefix: string,
  prices: PriceTable,
  ctx: JobContext,
): FinalCostReport {
  const apis = costReportApis(aws, { ...services, state: new OpsStateStore(NO_STATE, 'none') });
  return async (cohort, maxChars) => {
    try {
      const report = await runCostReport(apis, {
        namePrefix,
        cohorts: [cohort],
        ctx: { ...ctx, dryRun: true, now: ctx.now },
        prices,
      });
      return fittedMarkdown(asRecord(report), Math.max(0, maxChars), ctx.logger.redact);
    } catch (error) {
      return unavailableCost(cohort.id, error);
    }
  };
}
