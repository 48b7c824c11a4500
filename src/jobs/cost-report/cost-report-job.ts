/**
 * The cost report as a scheduled job: its SDK adapters built from the shared client factory (one client per
 * service and region, adaptive retries), the ops state and alert sink of the core, and the checked-in price table.
 */
import { athenaApi } from '../../aws/athena.ts';
import { BUDGETS_REGION, budgetsApi } from '../../aws/budgets.ts';
import type { AwsClientFactory } from '../../aws/clients.ts';
import { cloudWatchApi } from '../../aws/cloudwatch.ts';
import { COST_EXPLORER_REGION, costExplorerApi } from '../../aws/cost-explorer.ts';
import { glueReadsApi } from '../../aws/glue-job-runs.ts';
import type { PriceTable } from '../../cost/price-table.ts';
import type { JobDefinition } from '../common/job.ts';
import { type OpsServices, opsServices } from '../common/ops-services.ts';
import { COST_REPORT_JOB, type CostReportApis, runCostReport } from './cost-report.ts';

export interface CostReportOptions {
  /** The parsed `src/cost/prices.json`: Athena, Glue and S3 storage prices by region. */
  readonly prices: PriceTable;
}

export function costReportApis(aws: AwsClientFactory, services: OpsServices): CostReportApis {
  return {
    accountId: services.accountId,
    costExplorer: costExplorerApi(aws.client('costExplorer', COST_EXPLORER_REGION)),
    budgets: budgetsApi(aws.client('budgets', BUDGETS_REGION)),
    athena: (region) => athenaApi(aws.client('athena', region)),
    glue: (region) => glueReadsApi(aws.client('glue', region)),
    cloudwatch: (region) => cloudWatchApi(aws.client('cloudwatch', region)),
    state: services.state,
    alerts: services.alerts,
  };
}

export const costReportJob: JobDefinition<CostReportOptions> = {
  name: COST_REPORT_JOB,
  async run(environment, options) {
    const services = opsServices(environment.settings, environment.aws, environment.env, environment.ctx.logger);
    return runCostReport(costReportApis(environment.aws, services), {
      namePrefix: environment.settings.namePrefix,
      cohorts: environment.cohorts,
      ctx: environment.ctx,
      prices: options.prices,
    });
  },
};
