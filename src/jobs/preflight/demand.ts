/**
 * What the cohorts being applied need from the account, by name where AWS counts named things (users, groups,
 * workgroups, jobs): a name that already exists is not new, so applying a cohort twice never counts it twice.
 */
import { CohortNames } from '../../cohort/names.ts';
import type { ResolvedCohort } from '../../cohort/schema.ts';

export interface ClassPeak {
  readonly cohortId: string;
  /** Glue job runs when every student runs every ETL copy and the scheduled base jobs run too. */
  readonly runs: number;
}

export interface RegionDemand {
  readonly region: string;
  /** The region holds a cohort catalog: Lake Formation's mode matters here. */
  readonly catalog: boolean;
  /** The region sends the cohorts' emails (their SES templates live in the primary region). */
  readonly sends: boolean;
  /** Onboarding emails: every student and instructor of the cohorts sending from here. */
  readonly recipients: number;
  readonly workgroups: readonly string[];
  readonly glueJobs: readonly string[];
  readonly classPeaks: readonly ClassPeak[];
}

export interface Demand {
  /** Student user names (IAM users live under /workshops/). */
  readonly users: readonly string[];
  readonly groups: readonly string[];
  /** Regions in use, sorted. */
  readonly regions: readonly RegionDemand[];
}

/** Every cohort's users, groups and roles live under this IAM path. */
export const COHORT_IAM_PATH_PREFIX = '/workshops/';

interface MutableRegion {
  catalog: boolean;
  sends: boolean;
  recipients: number;
  workgroups: string[];
  glueJobs: string[];
  classPeaks: ClassPeak[];
}

export function demandOf(namePrefix: string, cohorts: readonly ResolvedCohort[]): Demand {
  const regions = new Map<string, MutableRegion>();
  const region = (name: string) => {
    let entry = regions.get(name);
    if (entry === undefined) {
      entry = { catalog: false, sends: false, recipients: 0, workgroups: [], glueJobs: [], classPeaks: [] };
      regions.set(name, entry);
    }
    return entry;
  };
  const users: string[] = [];
  const groups: string[] = [];
  for (const cohort of cohorts) {
    const n = new CohortNames(namePrefix, cohort.id);
    const { primary, backup, failover } = cohort.regions;
    users.push(...cohort.students.map((s) => n.studentUser(s.id)));
    groups.push(n.studentsGroup);
    const workgroups = [n.instructorWorkgroup, ...cohort.students.map((s) => n.studentWorkgroup(s.id))];
    for (const name of failover && backup !== undefined ? [primary, backup] : [primary]) {
      const r = region(name);
      r.catalog = true;
      r.workgroups.push(...workgroups);
    }
    const home = region(primary);
    home.sends = true;
    home.recipients += cohort.students.length + new Set(cohort.instructors.map((i) => i.email.toLowerCase())).size;
    for (const job of cohort.etl) {
      home.glueJobs.push(n.job(job.name), ...cohort.students.map((s) => n.studentJob(job.name, s.id)));
    }
    if (cohort.etl.length > 0) {
      home.classPeaks.push({ cohortId: cohort.id, runs: cohort.etl.length * (cohort.students.length + 1) });
    }
  }
  return {
    users,
    groups,
    regions: [...regions.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, r]) => ({ region: name, ...r })),
  };
}
