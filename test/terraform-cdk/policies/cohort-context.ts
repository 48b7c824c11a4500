/** Policy contexts built from the repository's example cohorts, as the stack builds them, plus edge cases. */
import { CohortNames } from '../../../src/cohort/names.ts';
import type { ResolvedCohort } from '../../../src/cohort/schema.ts';
import { toInstant } from '../../../src/cohort/time.ts';
import type { PolicyContext } from '../../../terraform-cdk/policies/policy-document.ts';
import { exampleCohort } from '../../support/example-cohorts.ts';
import { ACCOUNT } from './simulate.ts';

export const PREFIX = 'acme-ws';

export function contextFor(cohort: ResolvedCohort, prefix = PREFIX): PolicyContext {
  const { primary, backup } = cohort.regions;
  const key = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/${fakeKeyId(`${cohort.id}-${region}`)}`;
  return {
    cohort,
    names: new CohortNames(prefix, cohort.id),
    accountId: ACCOUNT,
    partition: 'aws',
    keyArns: backup === undefined ? { primary: key(primary) } : { primary: key(primary), backup: key(backup) },
    accessEnd: toInstant(cohort.schedule.end, cohort.schedule.timezone, { endOfDay: true }).toISOString(),
  };
}

/** A key id shaped like a real one (a UUID), so policy sizes are measured as AWS will measure them. */
function fakeKeyId(seed: string): string {
  const hex = [...seed]
    .map((c) => c.charCodeAt(0).toString(16))
    .join('')
    .padEnd(32, '0')
    .slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seoul: roster of 30, MFA required, backup region without failover, one dataset and one ETL job. */
export const seoul = (): PolicyContext => contextFor(exampleCohort('seoul-data-eng-2026-12'));
/** Busan: three students, no MFA, no backup region, no datasets or ETL. */
export const busan = (): PolicyContext => contextFor(exampleCohort('busan-intro-2026-12'));

/**
 * A cohort whose id starts with Seoul's id: every name of it starts with a Seoul name followed by "-", which is
 * what a careless `<base>-*` pattern would reach.
 */
export const seoulSibling = (): PolicyContext =>
  contextFor({ ...exampleCohort('seoul-data-eng-2026-12'), id: 'seoul-data-eng-2026-12-b' });

/** Busan with address restrictions on its buckets. */
export const busanWithCidrs = (): PolicyContext => {
  const cohort = exampleCohort('busan-intro-2026-12');
  return contextFor({ ...cohort, security: { ...cohort.security, allowedCidrs: ['203.0.113.0/24'] } });
};

/** Seoul failing over to its backup region: catalog, crawlers and workgroups there too. */
export const seoulFailover = (): PolicyContext => {
  const cohort = exampleCohort('seoul-data-eng-2026-12');
  return contextFor({ ...cohort, regions: { ...cohort.regions, failover: true } });
};

/**
 * The largest names and counts the schema allows in practice: a 12-character prefix, a 32-character id, failover,
 * MFA, address restrictions, 10 datasets, 5 scheduled ETL jobs and 100 students.
 */
export function largestCohort(): PolicyContext {
  const base = exampleCohort('seoul-data-eng-2026-12');
  const id = 'abcdefghij-abcdefghij-abcdefghij';
  return contextFor(
    {
      ...base,
      id,
      regions: { primary: 'ap-southeast-1', backup: 'ap-northeast-2', failover: true },
      students: Array.from({ length: 100 }, (_, i) => ({
        id: `student-${String(i).padStart(3, '0')}-abcdefghijkl`,
        name: `Student ${i}`,
        email: `student${i}@example.com`,
      })),
      datasets: Array.from({ length: 10 }, (_, i) => ({
        name: `dataset_number_${i}`,
        source: 'x.csv',
        format: 'csv' as const,
      })),
      etl: Array.from({ length: 5 }, (_, i) => ({
        name: `etl-job-number-${i}`,
        script: 'x.py',
        workerType: 'G.1X' as const,
        maxWorkers: 2,
        schedule: 'cron(0 1 * * ? *)',
      })),
      security: { requireMfa: true, allowedCidrs: ['203.0.113.0/24', '198.51.100.0/24', '2001:db8::/32'] },
    },
    'abcdefghijkl',
  );
}

/** Noon of the first workshop day, in the cohort's time zone. */
export function duringCohort(ctx: PolicyContext): string {
  const start = toInstant(ctx.cohort.schedule.start, ctx.cohort.schedule.timezone);
  return new Date(start.getTime() + 12 * 3_600_000).toISOString();
}

/** The first second after the cohort's access end. */
export function afterAccessEnd(ctx: PolicyContext): string {
  return new Date(Date.parse(ctx.accessEnd) + 1000).toISOString();
}
