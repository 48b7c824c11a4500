/**
 * Current use against quota for what the cohorts create by the hundred (pitfall 13): IAM users and groups in the
 * account; Athena workgroups, Glue jobs and Glue concurrent job runs in each region.
 */
import type { AthenaWorkgroupsApi } from '../../aws/athena-workgroups.ts';
import type { GlueJobNamesApi } from '../../aws/glue-job-names.ts';
import type { IamAccountApi, IamAccountSummary } from '../../aws/iam-account.ts';
import type { ServiceQuotasApi } from '../../aws/service-quotas.ts';
import { WARN_FROM } from '../../cohort/capacity.ts';
import type { Quotas } from '../../cohort/settings-schema.ts';
import { formatCount } from '../../text/count.ts';
import { COHORT_IAM_PATH_PREFIX, type Demand, type RegionDemand } from './demand.ts';
import { blocker, type Finding, guarded, ok, warning } from './finding.ts';
import { resolveQuota } from './quota.ts';
import { type Quota, usageFinding } from './usage.ts';

/** IAM's account summary reports its own quotas; 0 means it did not. */
const reportedBySummary = (value: number): Quota | undefined =>
  value > 0 ? { value, source: 'IAM account summary' } : undefined;

export interface AccountUsageApis {
  readonly iam: IamAccountApi;
  /** Service Quotas where IAM's quotas are listed (us-east-1). */
  readonly quotas: ServiceQuotasApi;
}

interface IamKind {
  readonly check: string;
  readonly quotaName: RegExp;
  readonly setting: 'iamUsersPerAccount' | 'iamGroupsPerAccount';
  readonly usage: (summary: IamAccountSummary) => { readonly current: number; readonly quota: number };
  readonly names: (iam: IamAccountApi) => Promise<string[]>;
  readonly needed: (demand: Demand) => readonly string[];
  readonly remedy: string;
}

const IAM_KINDS: readonly IamKind[] = [
  {
    check: 'IAM users',
    quotaName: /^users per account$/i,
    setting: 'iamUsersPerAccount',
    usage: (s) => ({ current: s.users, quota: s.usersQuota }),
    names: (iam) => iam.userNames(COHORT_IAM_PATH_PREFIX),
    needed: (d) => d.users,
    remedy: 'IAM never raises this limit: move cohorts to another account, or remove unused users',
  },
  {
    check: 'IAM groups',
    quotaName: /^groups per account$/i,
    setting: 'iamGroupsPerAccount',
    usage: (s) => ({ current: s.groups, quota: s.groupsQuota }),
    names: (iam) => iam.groupNames(COHORT_IAM_PATH_PREFIX),
    needed: (d) => d.groups,
    remedy: 'ask AWS to raise "Groups per account" (up to 500), or remove unused groups',
  },
];

export async function accountUsageFindings(apis: AccountUsageApis, demand: Demand, settings: Quotas) {
  const summary = apis.iam.summary();
  const results = await Promise.all(
    IAM_KINDS.map((kind) =>
      guarded(kind.check, async () => {
        const { current, quota } = kind.usage(await summary);
        const lookup = { serviceCode: 'iam', name: kind.quotaName, setting: kind.setting };
        const resolved = await resolveQuota(apis.quotas, lookup, settings, reportedBySummary(quota));
        const finding = usageFinding({
          check: kind.check,
          current,
          existing: await kind.names(apis.iam),
          needed: kind.needed(demand),
          quota: resolved.quota,
          remedy: kind.remedy,
        });
        return [finding, ...resolved.findings];
      }),
    ),
  );
  return results.flat();
}

export interface RegionUsageApis {
  readonly athena: AthenaWorkgroupsApi;
  readonly glue: GlueJobNamesApi;
  readonly quotas: ServiceQuotasApi;
}

interface NamedInRegion {
  readonly check: string;
  readonly list: (apis: RegionUsageApis) => Promise<string[]>;
  readonly lookup: { readonly serviceCode: string; readonly name: RegExp; readonly setting: keyof Quotas };
  readonly needed: (demand: RegionDemand) => readonly string[];
  readonly caseInsensitive?: boolean;
  readonly remedy: string;
}

const NAMED_IN_REGION: readonly NamedInRegion[] = [
  {
    check: 'Athena workgroups',
    list: (apis) => apis.athena.workgroupNames(),
    lookup: { serviceCode: 'athena', name: /workgroups/i, setting: 'athenaWorkgroupsPerRegion' },
    needed: (d) => d.workgroups,
    caseInsensitive: true,
    remedy: 'move cohorts to another region, or ask AWS for more workgroups and set quotas.athenaWorkgroupsPerRegion',
  },
  {
    check: 'Glue jobs',
    list: (apis) => apis.glue.jobNames(),
    lookup: { serviceCode: 'glue', name: /^(max )?jobs per account$/i, setting: 'glueJobsPerRegion' },
    needed: (d) => d.glueJobs,
    remedy: 'move cohorts to another region, or ask AWS for more jobs and set quotas.glueJobsPerRegion',
  },
];

function namedFindings(kind: NamedInRegion, apis: RegionUsageApis, demand: RegionDemand, settings: Quotas) {
  return guarded(kind.check, async () => {
    const [names, resolved] = await Promise.all([kind.list(apis), resolveQuota(apis.quotas, kind.lookup, settings)]);
    const finding = usageFinding({
      check: kind.check,
      current: names.length,
      existing: names,
      needed: kind.needed(demand),
      quota: resolved.quota,
      ...(kind.caseInsensitive === undefined ? {} : { caseInsensitive: kind.caseInsensitive }),
      remedy: kind.remedy,
    });
    return [finding, ...resolved.findings];
  });
}

/**
 * Every student runs their own copy of each ETL job (pitfall 5), so a class running the ETL at once needs
 * students × jobs concurrent runs: more than the quota for one class blocks; for all cohorts together, warns.
 */
function concurrencyFindings(apis: RegionUsageApis, demand: RegionDemand, settings: Quotas): Promise<Finding[]> {
  const check = 'Glue concurrent job runs';
  return guarded(check, async () => {
    const { quota } = await resolveQuota(
      apis.quotas,
      { serviceCode: 'glue', name: /concurrent job runs per account/i },
      settings,
    );
    if (quota === undefined)
      return [warning(check, 'Service Quotas lists no concurrent job runs quota here: not checked')];
    const largest = demand.classPeaks.reduce((a, b) => (b.runs > a.runs ? b : a));
    const total = demand.classPeaks.reduce((sum, p) => sum + p.runs, 0);
    const of = `of ${formatCount(quota.value)} (${quota.source})`;
    if (largest.runs > quota.value) {
      return [
        blocker(
          check,
          `${largest.cohortId}'s class running its ETL at once needs ${formatCount(largest.runs)} runs ${of}: runs past ` +
            'the quota fail with ConcurrentRunsExceededException. Ask AWS to raise "Max concurrent job runs per account"',
        ),
      ];
    }
    const detail = `every class running its ETL at once needs ${formatCount(total)} runs ${of}`;
    if (total > quota.value) return [warning(check, `${detail}: classes in session together would hit the quota`)];
    if (total >= quota.value * WARN_FROM) return [warning(check, `${detail}: close to the quota`)];
    return [ok(check, detail)];
  });
}

export async function regionUsageFindings(apis: RegionUsageApis, demand: RegionDemand, settings: Quotas) {
  const checks = [
    ...NAMED_IN_REGION.filter((kind) => kind.needed(demand).length > 0).map((kind) =>
      namedFindings(kind, apis, demand, settings),
    ),
    ...(demand.classPeaks.length > 0 ? [concurrencyFindings(apis, demand, settings)] : []),
  ];
  return (await Promise.all(checks)).flat();
}
