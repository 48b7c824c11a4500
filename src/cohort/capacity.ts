/**
 * Account limits every cohort of the repository shares (pitfall 13). Each cohort alone may fit, and still the
 * cohorts together exceed what one account (or one region of it) allows: the apply that crosses the line fails
 * half-way. Validation adds the cohorts up per account and region, warns from 80% of a limit and errors above it,
 * at every cohort that shares it. Limits come from `quotas:` in `_settings.yaml` (AWS defaults unless raised).
 * Pure and linear in the number of cohorts and students: it runs on every pull request.
 */

import { formatCount } from '../text/count.ts';
import type { CohortUnit } from './cohort-file.ts';
import type { OwnedProblem } from './cross-checks.ts';
import type { Position, Severity } from './problem.ts';
import { problemAt } from './problem.ts';
import type { Quotas } from './settings-schema.ts';

/** What capacity needs of a cohort. */
export interface CapacityCohort {
  readonly id: string;
  readonly regions: { readonly primary: string; readonly backup?: string | undefined; readonly failover: boolean };
  readonly students: readonly unknown[];
  readonly instructors: readonly { readonly email: string }[];
  readonly etl: readonly unknown[];
}

/** A cohort and where its capacity problems go: its file, at its students (or roster) and instructors keys. */
export interface CapacitySite {
  readonly owner: string;
  readonly cohort: CapacityCohort;
  readonly studentsAt: Position;
  readonly instructorsAt: Position;
}

/** A share of a limit is worth a warning from here: the next cohorts would not fit. */
export const WARN_FROM = 0.8;

/** AWS Budgets emails at most this many addresses per notification (fixed by AWS). */
export const BUDGET_EMAIL_SUBSCRIBERS = 10;

/** Most cohorts named in one message; the rest are counted. */
const MAX_NAMED = 10;

interface SharedLimit {
  readonly key: keyof Quotas;
  /** What is counted, plural: "IAM users". */
  readonly what: string;
  readonly scope: 'account' | 'region';
  /** How many a cohort needs, per region (or under "account" for account-wide limits). */
  readonly usage: (cohort: CapacityCohort) => ReadonlyMap<string, number>;
  /** What to do when over the limit. */
  readonly remedy: string;
}

const ACCOUNT = 'account';

/** Regions holding the cohort's workgroups: the primary, and the backup when it fails over there. */
function workgroupRegions(cohort: CapacityCohort): string[] {
  const { primary, backup, failover } = cohort.regions;
  return failover && backup !== undefined ? [primary, backup] : [primary];
}

const LIMITS: readonly SharedLimit[] = [
  {
    key: 'iamUsersPerAccount',
    what: 'IAM users',
    scope: 'account',
    usage: (c) => new Map([[ACCOUNT, c.students.length]]),
    remedy: 'AWS never raises this limit: move some cohorts to another account or split the class over time',
  },
  {
    key: 'iamGroupsPerAccount',
    what: 'IAM groups',
    scope: 'account',
    usage: () => new Map([[ACCOUNT, 1]]),
    remedy: 'ask AWS to raise the quota (up to 500) and set quotas.iamGroupsPerAccount, or use another account',
  },
  {
    // One workgroup per student and one for the instructors.
    key: 'athenaWorkgroupsPerRegion',
    what: 'Athena workgroups',
    scope: 'region',
    usage: (c) => new Map(workgroupRegions(c).map((region) => [region, c.students.length + 1])),
    remedy:
      'move some cohorts to another region, or ask AWS to raise the quota and set quotas.athenaWorkgroupsPerRegion',
  },
  {
    // Every ETL entry is a base job plus one copy per student (pitfall 5).
    key: 'glueJobsPerRegion',
    what: 'Glue jobs',
    scope: 'region',
    usage: (c) => new Map([[c.regions.primary, c.etl.length * (c.students.length + 1)]]),
    remedy: 'move some cohorts to another region, or ask AWS to raise the quota and set quotas.glueJobsPerRegion',
  },
];

interface Share {
  readonly site: CapacitySite;
  readonly count: number;
}

function severityOf(total: number, quota: number): Severity | undefined {
  if (total > quota) return 'error';
  return total >= quota * WARN_FROM ? 'warning' : undefined;
}

function othersText(shares: readonly Share[], self: Share): string {
  const others = shares.filter((s) => s !== self);
  if (others.length === 0) return 'no other cohort shares it';
  const named = others.slice(0, MAX_NAMED).map((s) => `${s.site.cohort.id} (${formatCount(s.count)})`);
  const more = others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : '';
  return `shared with ${named.join(', ')}${more}`;
}

function limitMessage(limit: SharedLimit, where: string, shares: readonly Share[], self: Share, quota: number) {
  const total = shares.reduce((sum, s) => sum + s.count, 0);
  const percent = Math.round((total / quota) * 100);
  const head =
    `${limit.what} ${where}: the ${shares.length === 1 ? 'cohort needs' : `${shares.length} cohorts need`} ` +
    `${formatCount(total)} of the ${formatCount(quota)} allowed (quotas.${limit.key}, ${percent}%); this cohort needs ` +
    `${formatCount(self.count)}, ${othersText(shares, self)}`;
  return total > quota ? `${head}. Apply would fail at the limit: ${limit.remedy}` : `${head}. Close to the limit`;
}

function sharedLimitProblems(limit: SharedLimit, sites: readonly CapacitySite[], quotas: Quotas): OwnedProblem[] {
  const byScope = new Map<string, Share[]>();
  for (const site of sites) {
    for (const [scope, count] of limit.usage(site.cohort)) {
      if (count <= 0) continue;
      const shares = byScope.get(scope);
      if (shares) shares.push({ site, count });
      else byScope.set(scope, [{ site, count }]);
    }
  }
  const quota = quotas[limit.key];
  const out: OwnedProblem[] = [];
  for (const [scope, shares] of byScope) {
    const total = shares.reduce((sum, s) => sum + s.count, 0);
    const severity = severityOf(total, quota);
    if (severity === undefined) continue;
    const where = limit.scope === 'account' ? 'in the account' : `in ${scope}`;
    for (const share of shares) {
      const message = limitMessage(limit, where, shares, share, quota);
      out.push({
        owner: share.site.owner,
        problem: problemAt(share.site.owner, share.site.studentsAt, message, severity),
      });
    }
  }
  return out;
}

/** Budget notifications email the instructors; AWS takes ten addresses, the rest hear through the alerts topic. */
function budgetSubscriberProblems(sites: readonly CapacitySite[]): OwnedProblem[] {
  return sites.flatMap((site) => {
    const addresses = new Set(site.cohort.instructors.map((i) => i.email.toLowerCase())).size;
    if (addresses <= BUDGET_EMAIL_SUBSCRIBERS) return [];
    const message =
      `${addresses} instructor addresses, but AWS Budgets emails at most ${BUDGET_EMAIL_SUBSCRIBERS} per ` +
      `notification: the first ${BUDGET_EMAIL_SUBSCRIBERS} get budget emails, the other ` +
      `${addresses - BUDGET_EMAIL_SUBSCRIBERS} only through the alerts topic (SNS email, once confirmed)`;
    return [{ owner: site.owner, problem: problemAt(site.owner, site.instructorsAt, message, 'warning') }];
  });
}

/** Every shared-limit problem of the repository's cohorts, at each cohort concerned. */
export function capacityProblems(sites: readonly CapacitySite[], quotas: Quotas): OwnedProblem[] {
  return [...LIMITS.flatMap((limit) => sharedLimitProblems(limit, sites, quotas)), ...budgetSubscriberProblems(sites)];
}

/**
 * A path one step below `key` that no cohort has: the source map answers a missing value with the position of
 * the nearest key, which is where these problems belong (`students:` or `roster:`, not their first row).
 */
const BELOW_KEY = Symbol('below-key');

/** The sites of the loaded cohort files (those whose schema passed). */
export function capacitySites(units: readonly CohortUnit[]): CapacitySite[] {
  return units.flatMap((unit) => {
    const cohort = unit.cohort;
    if (cohort === undefined) return [];
    const studentsKey = cohort.roster === undefined ? 'students' : 'roster';
    return [
      {
        owner: unit.file,
        cohort,
        studentsAt: unit.locate([studentsKey, BELOW_KEY]).at,
        instructorsAt: unit.locate(['instructors', BELOW_KEY]).at,
      },
    ];
  });
}
