/**
 * `workshop preflight`: reads the account before an apply and says what would break, per account and per region
 * in use. Read-only: it calls only Get/List/Head operations.
 */

import type { ResolvedCohort } from '../../cohort/schema.ts';
import { accountIdOf, type Settings } from '../../cohort/settings-schema.ts';
import { mapLimit } from '../common/limit.ts';
import { IAM_REGION, type PreflightApis } from './apis.ts';
import { type BootstrapRoles, bootstrapFindings } from './bootstrap-check.ts';
import { demandOf, type RegionDemand } from './demand.ts';
import type { Finding } from './finding.ts';
import { lakeFormationFindings } from './lake-formation-check.ts';
import { sesFindings } from './ses-check.ts';
import { accountUsageFindings, regionUsageFindings } from './usage-checks.ts';

export interface PreflightInput {
  readonly settings: Settings;
  readonly cohorts: readonly ResolvedCohort[];
  readonly roles: BootstrapRoles;
  /** The SES sender address, when given. */
  readonly sender?: string;
  /** How a sender is given, for the message when none is. */
  readonly senderHint: string;
}

/** The findings of one scope: the account, or one region. */
export interface ScopeResult {
  readonly scope: string;
  readonly findings: readonly Finding[];
}

/** Regions checked at once: each makes a handful of calls to different services. */
const REGION_CONCURRENCY = 4;

export function accountScope(accountId: string): string {
  return `account ${accountId}`;
}

async function regionFindings(input: PreflightInput, apis: PreflightApis, demand: RegionDemand): Promise<Finding[]> {
  const { settings } = input;
  const { region } = demand;
  const checks: Promise<Finding[]>[] = [];
  if (demand.catalog) {
    checks.push(
      lakeFormationFindings(apis.lakeFormation(region), {
        region,
        setting: settings.lakeFormation,
        applyRoleArn: settings.github.applyRoleArn,
        planRoleArn: settings.github.planRoleArn,
      }),
    );
  }
  if (demand.sends) {
    const sender = input.sender === undefined ? {} : { sender: input.sender };
    checks.push(
      sesFindings(apis.ses(region), { region, recipients: demand.recipients, senderHint: input.senderHint, ...sender }),
    );
  }
  const usage = { athena: apis.athena(region), glue: apis.glue(region), quotas: apis.quotas(region) };
  checks.push(regionUsageFindings(usage, demand, settings.quotas));
  return (await Promise.all(checks)).flat();
}

export async function runPreflight(input: PreflightInput, apis: PreflightApis): Promise<ScopeResult[]> {
  const { settings } = input;
  const accountId = accountIdOf(settings);
  const demand = demandOf(settings.namePrefix, input.cohorts);
  const [bootstrap, usage, regions] = await Promise.all([
    bootstrapFindings(
      { sts: apis.sts, iam: apis.iam, s3: apis.s3(settings.state.region) },
      { accountId, roles: input.roles, stateBucket: settings.state.bucket },
    ),
    accountUsageFindings({ iam: apis.iam, quotas: apis.quotas(IAM_REGION) }, demand, settings.quotas),
    mapLimit(demand.regions, REGION_CONCURRENCY, async (region) => ({
      scope: region.region,
      findings: await regionFindings(input, apis, region),
    })),
  ]);
  return [{ scope: accountScope(accountId), findings: [...bootstrap, ...usage] }, ...regions];
}
