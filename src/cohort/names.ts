/**
 * Every AWS name a cohort creates, computed in one place: deterministic, within each service's length and character
 * limits, and unique across cohorts (the validator checks the limits and collisions before anything is applied).
 */

export interface NameLimit {
  readonly max: number;
  readonly pattern: RegExp;
  /** Names of this kind must be unique within this scope (an account, a region or globally). */
  readonly scope: 'global' | 'account' | 'region';
}

export const NAME_LIMITS = {
  s3Bucket: { max: 63, pattern: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/, scope: 'global' },
  iamUser: { max: 64, pattern: /^[\w+=,.@-]+$/, scope: 'account' },
  iamRole: { max: 64, pattern: /^[\w+=,.@-]+$/, scope: 'account' },
  iamGroup: { max: 128, pattern: /^[\w+=,.@-]+$/, scope: 'account' },
  iamPolicy: { max: 128, pattern: /^[\w+=,.@-]+$/, scope: 'account' },
  athenaWorkgroup: { max: 128, pattern: /^[a-zA-Z0-9._-]+$/, scope: 'region' },
  glueDatabase: { max: 255, pattern: /^[a-z0-9_]+$/, scope: 'region' },
  glueCrawler: { max: 255, pattern: /^[\w-]+$/, scope: 'region' },
  glueJob: { max: 255, pattern: /^[\w-]+$/, scope: 'region' },
  glueTrigger: { max: 255, pattern: /^[\w-]+$/, scope: 'region' },
  glueSecurityConfiguration: { max: 255, pattern: /^[\w-]+$/, scope: 'region' },
  kmsAlias: { max: 256, pattern: /^alias\/[a-zA-Z0-9/_-]+$/, scope: 'region' },
  snsTopic: { max: 256, pattern: /^[\w-]+$/, scope: 'region' },
  cloudtrail: { max: 128, pattern: /^[\w.-]+$/, scope: 'region' },
  logGroup: { max: 512, pattern: /^[\w#/.-]+$/, scope: 'region' },
  eventRule: { max: 64, pattern: /^[\w.-]+$/, scope: 'region' },
  alarm: { max: 255, pattern: /^[^\s].*$/, scope: 'region' },
  dashboard: { max: 255, pattern: /^[\w-]+$/, scope: 'region' },
  budget: { max: 100, pattern: /^[^:\\]+$/, scope: 'account' },
  sesTemplate: { max: 64, pattern: /^[\w-]+$/, scope: 'region' },
} as const satisfies Record<string, NameLimit>;

export type NameKind = keyof typeof NAME_LIMITS;

export interface DerivedName {
  readonly kind: NameKind;
  readonly name: string;
  /** Region the name lives in, for region-scoped names. */
  readonly region?: string;
  /** Where the name comes from in the cohort file, for error positions (a path into the YAML document). */
  readonly source: readonly (string | number)[];
}

export interface NameInput {
  readonly id: string;
  readonly regions: {
    readonly primary: string;
    readonly backup?: string | undefined;
    /** With a backup region: the catalog, crawlers and workgroups are built there too. */
    readonly failover?: boolean | undefined;
  };
  readonly students: readonly { readonly id: string }[];
  readonly datasets: readonly { readonly name: string }[];
  readonly etl: readonly { readonly name: string }[];
}

export const MANAGED_BY = 'workshop-gitops';
export const TAG_COHORT = 'workshop:cohort';
export const TAG_OWNER = 'workshop:owner';
export const TAG_MANAGED_BY = 'managed-by';

/** Names for one cohort; pure functions of the org prefix and the cohort. */
export class CohortNames {
  readonly base: string;

  constructor(
    readonly prefix: string,
    readonly cohortId: string,
  ) {
    this.base = `${prefix}-${cohortId}`;
  }

  bucket(role: 'raw' | 'processed' | 'results' | 'trail'): string {
    return `${this.base}-${role}`;
  }
  replicaBucket(role: 'raw' | 'processed'): string {
    return `${this.base}-${role}-dr`;
  }
  /**
   * Query results in the backup region with `regions.failover`. The catalog, crawlers and workgroups there keep
   * their primary names (Glue and Athena names are per region); bucket names are global, so this one has its own.
   * It is shorter than `<base>-processed-dr`, so it fits wherever the replicas fit.
   */
  get failoverResultsBucket(): string {
    return `${this.base}-results-dr`;
  }
  /**
   * Prefix of every student user, workgroup and ETL copy of this cohort. Cohort ids, the org prefix and student ids
   * never contain "_", so `<prefix>_*` matches this cohort's student resources and never another cohort's (a
   * hyphen would not do: cohort "x-b" would match the pattern of cohort "x").
   */
  get studentPrefix(): string {
    return `${this.base}_`;
  }
  /** The student's IAM user name; their Athena workgroup has exactly the same name. */
  studentUser(studentId: string): string {
    return `${this.studentPrefix}${studentId}`;
  }
  studentWorkgroup(studentId: string): string {
    return this.studentUser(studentId);
  }
  get instructorWorkgroup(): string {
    return `${this.base}-instructors`;
  }
  /** IAM path of every user and role of the cohort: policies scope on it. */
  get iamPath(): string {
    return `/workshops/${this.cohortId}/`;
  }
  get studentsGroup(): string {
    return `${this.base}-students`;
  }
  role(purpose: 'glue' | 'instructor' | 'replication' | 'budget-action' | 'trail-logs'): string {
    return `${this.base}-${purpose}`;
  }
  policy(purpose: 'student' | 'boundary' | 'freeze' | 'instructor' | 'glue' | 'replication'): string {
    return `${this.base}-${purpose}`;
  }
  /** Glue database names allow no hyphens. */
  get database(): string {
    return this.base.replaceAll('-', '_');
  }
  crawler(dataset: string): string {
    return `${this.base}-${dataset.replaceAll('_', '-')}`;
  }
  job(etl: string): string {
    return `${this.base}-${etl}`;
  }
  /**
   * Each student runs their own copy of every ETL job, so runs and bookmarks never collide (pitfall 5). The name
   * starts with the student's IAM user name and "_", so the group policy can grant `job/${aws:username}_*`: student
   * ids and ETL names contain no "_", so that pattern matches this user's copies and nobody else's.
   */
  studentJob(etl: string, studentId: string): string {
    return `${this.studentUser(studentId)}_${etl}`;
  }
  trigger(etl: string): string {
    return `${this.base}-${etl}-schedule`;
  }
  get securityConfiguration(): string {
    return `${this.base}-glue`;
  }
  get kmsAlias(): string {
    return `alias/workshops/${this.base}`;
  }
  get topic(): string {
    return `${this.base}-alerts`;
  }
  get trail(): string {
    return `${this.base}-trail`;
  }
  get trailLogGroup(): string {
    return `/workshops/${this.base}/cloudtrail`;
  }
  get glueLogGroupPrefix(): string {
    return `/aws-glue/workshops/${this.base}`;
  }
  eventRule(purpose: 'glue-job-failed' | 'crawler-failed'): string {
    return `${this.base}-${purpose}`;
  }
  scanAlarm(studentId: string): string {
    return `${this.base}-${studentId}-athena-scan`;
  }
  replicationAlarm(role: 'raw' | 'processed'): string {
    return `${this.base}-${role}-replication-failed`;
  }
  get dashboard(): string {
    return this.base;
  }
  get budget(): string {
    return `${this.base}-monthly`;
  }
  sesTemplate(purpose: 'onboarding' | 'teardown-notice'): string {
    return `${this.base}-${purpose}`;
  }
}

/** Every name a cohort creates, with where it comes from, for limit and collision checks. */
export function derivedNames(prefix: string, cohort: NameInput): DerivedName[] {
  const n = new CohortNames(prefix, cohort.id);
  const primary = cohort.regions.primary;
  const out: DerivedName[] = [];
  const add = (kind: NameKind, name: string, source: readonly (string | number)[], region?: string) =>
    out.push(region === undefined ? { kind, name, source } : { kind, name, source, region });

  for (const role of ['raw', 'processed', 'results', 'trail'] as const) add('s3Bucket', n.bucket(role), ['id']);
  if (cohort.regions.backup !== undefined) {
    for (const role of ['raw', 'processed'] as const) add('s3Bucket', n.replicaBucket(role), ['regions', 'backup']);
  }
  add('iamGroup', n.studentsGroup, ['id']);
  for (const purpose of ['glue', 'instructor', 'replication', 'budget-action', 'trail-logs'] as const) {
    add('iamRole', n.role(purpose), ['id']);
  }
  for (const purpose of ['student', 'boundary', 'freeze', 'instructor', 'glue', 'replication'] as const) {
    add('iamPolicy', n.policy(purpose), ['id']);
  }
  add('glueDatabase', n.database, ['id'], primary);
  add('glueSecurityConfiguration', n.securityConfiguration, ['id'], primary);
  add('athenaWorkgroup', n.instructorWorkgroup, ['id'], primary);
  add('kmsAlias', n.kmsAlias, ['id'], primary);
  add('snsTopic', n.topic, ['id'], primary);
  add('cloudtrail', n.trail, ['id'], primary);
  add('logGroup', n.trailLogGroup, ['id'], primary);
  add('eventRule', n.eventRule('glue-job-failed'), ['id'], primary);
  add('eventRule', n.eventRule('crawler-failed'), ['id'], primary);
  add('dashboard', n.dashboard, ['id'], primary);
  add('budget', n.budget, ['id']);
  add('sesTemplate', n.sesTemplate('onboarding'), ['id'], primary);
  add('sesTemplate', n.sesTemplate('teardown-notice'), ['id'], primary);

  cohort.students.forEach((student, i) => {
    add('iamUser', n.studentUser(student.id), ['students', i, 'id']);
    add('athenaWorkgroup', n.studentWorkgroup(student.id), ['students', i, 'id'], primary);
    add('alarm', n.scanAlarm(student.id), ['students', i, 'id'], primary);
    cohort.etl.forEach((job) => {
      add('glueJob', n.studentJob(job.name, student.id), ['students', i, 'id'], primary);
    });
  });
  cohort.datasets.forEach((dataset, i) => {
    add('glueCrawler', n.crawler(dataset.name), ['datasets', i, 'name'], primary);
  });
  cohort.etl.forEach((job, i) => {
    add('glueJob', n.job(job.name), ['etl', i, 'name'], primary);
    add('glueTrigger', n.trigger(job.name), ['etl', i, 'name'], primary);
  });
  // Failover builds in the backup region the results bucket, and the catalog, crawlers and workgroups under their
  // primary names, which must be free in that region too (another cohort's primary region may be this backup).
  const { backup, failover } = cohort.regions;
  if (failover === true && backup !== undefined) {
    const here = ['regions', 'failover'] as const;
    add('s3Bucket', n.failoverResultsBucket, here);
    add('glueDatabase', n.database, here, backup);
    add('glueSecurityConfiguration', n.securityConfiguration, here, backup);
    add('athenaWorkgroup', n.instructorWorkgroup, here, backup);
    cohort.students.forEach((student, i) => {
      add('athenaWorkgroup', n.studentWorkgroup(student.id), ['students', i, 'id'], backup);
    });
    cohort.datasets.forEach((dataset, i) => {
      add('glueCrawler', n.crawler(dataset.name), ['datasets', i, 'name'], backup);
    });
  }
  return out;
}

/** A problem with one derived name: too long or with characters the service rejects. */
export function nameProblem(derived: DerivedName): string | undefined {
  const limit: NameLimit = NAME_LIMITS[derived.kind];
  if (derived.name.length > limit.max) {
    return `derived ${derived.kind} name "${derived.name}" is ${derived.name.length} characters; AWS allows ${limit.max}: shorten the cohort id, the id here or the org namePrefix`;
  }
  if (!limit.pattern.test(derived.name)) {
    return `derived ${derived.kind} name "${derived.name}" has characters AWS does not allow`;
  }
  return undefined;
}

/** The key under which two derived names would clash. */
export function collisionKey(derived: DerivedName): string {
  const scope = NAME_LIMITS[derived.kind].scope;
  // Glue jobs, crawlers and triggers share no namespace with each other, but jobs of two cohorts do.
  const where = scope === 'region' ? (derived.region ?? '') : scope;
  const name = derived.kind === 'athenaWorkgroup' ? derived.name.toLowerCase() : derived.name;
  return `${derived.kind}|${where}|${name}`;
}

export function cohortTags(cohort: {
  id: string;
  owner: string;
  tags: Record<string, string>;
}): Record<string, string> {
  return { ...cohort.tags, [TAG_COHORT]: cohort.id, [TAG_OWNER]: cohort.owner, [TAG_MANAGED_BY]: MANAGED_BY };
}
