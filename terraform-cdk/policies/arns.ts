/**
 * ARNs of everything a cohort owns, from its names. Policies grant on exact names or on patterns that cannot
 * reach another cohort: a bare `<base>-*` would also match cohort "x-b" from cohort "x", so cohort-wide patterns
 * use the IAM path `/workshops/<id>/` (ids contain no "/") or the student prefix `<base>_` (ids contain no "_").
 */
import { TAG_COHORT } from '../../src/cohort/names.ts';
import { bucketArn, type ConditionBlock, type PolicyContext } from './policy-document.ts';

/** Object key prefixes the policies and the constructs share. */
export const PREFIXES = {
  /** Raw bucket: ETL scripts and other seeded assets. Dataset names start with a letter, so "_" never collides. */
  assets: '_assets/',
  /** Processed bucket: the Glue jobs' temporary directory. */
  glueTemp: '_glue-temp/',
  /** Processed bucket: `students/<user name>/`, the only place a student writes processed data. */
  students: 'students/',
  /** Results bucket: `workgroups/<workgroup>/`, each workgroup's enforced result location. */
  workgroups: 'workgroups/',
} as const;

/**
 * Region part of the ARNs of named cohort resources (catalog objects, workgroups, log groups). Every such name is
 * the cohort's own and exists only in its regions, so "any region" grants no more than listing them would, and a
 * policy's size does not double with failover. Students are kept in their regions by the guard's region deny.
 */
export const ANY_REGION = '*';

export type ServiceRole = 'glue' | 'instructor' | 'replication' | 'budget-action' | 'trail-logs';

/** Every region the cohort uses: the primary, then the backup when there is one. */
export function cohortRegions(ctx: PolicyContext): string[] {
  const { primary, backup } = ctx.cohort.regions;
  return backup === undefined ? [primary] : [primary, backup];
}

/** Regions holding a catalog, crawlers and workgroups: the primary, plus the backup with `failover`. */
export function catalogRegions(ctx: PolicyContext): string[] {
  const { primary, backup, failover } = ctx.cohort.regions;
  return failover && backup !== undefined ? [primary, backup] : [primary];
}

/** Whether the cohort fails over: a catalog, crawlers and workgroups in the backup region too. */
export function failsOver(ctx: PolicyContext): boolean {
  return catalogRegions(ctx).length > 1;
}

export function regionalArn(ctx: PolicyContext, service: string, region: string, resource: string): string {
  return `arn:${ctx.partition}:${service}:${region}:${ctx.accountId}:${resource}`;
}

export function iamArn(ctx: PolicyContext, resource: string): string {
  return `arn:${ctx.partition}:iam::${ctx.accountId}:${resource}`;
}

export function accountRootArn(ctx: { readonly accountId: string }): string {
  return `arn:aws:iam::${ctx.accountId}:root`;
}

/**
 * Lake Formation's service-linked role: it reads and writes the locations registered with it (`managed` mode) and
 * vends scoped credentials for them to Athena and Glue. AWS creates it at the first registration.
 */
export function lakeFormationServiceRoleArn(ctx: { readonly accountId: string }): string {
  return `arn:aws:iam::${ctx.accountId}:role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess`;
}

/** Roles, the students group and the cohort's managed policies all live under the cohort's IAM path. */
export function roleArn(ctx: PolicyContext, purpose: ServiceRole): string {
  return iamArn(ctx, `role${ctx.names.iamPath}${ctx.names.role(purpose)}`);
}

export function cohortPolicyArn(
  ctx: PolicyContext,
  purpose: 'student' | 'boundary' | 'freeze' | 'instructor' | 'glue' | 'replication',
): string {
  return iamArn(ctx, `policy${ctx.names.iamPath}${ctx.names.policy(purpose)}`);
}

export function studentsGroupArn(ctx: PolicyContext): string {
  return iamArn(ctx, `group${ctx.names.iamPath}${ctx.names.studentsGroup}`);
}

/** Every user of the cohort (students), by path. */
export function cohortUsersArn(ctx: PolicyContext): string {
  return iamArn(ctx, `user${ctx.names.iamPath}*`);
}

/** The calling student's own user and virtual MFA device. */
export function ownUserArn(ctx: PolicyContext): string {
  return iamArn(ctx, `user${ctx.names.iamPath}\${aws:username}`);
}
export function ownMfaArn(ctx: PolicyContext): string {
  return iamArn(ctx, 'mfa/${aws:username}');
}

/** The bucket ARN and its objects. */
export function bucketAndObjects(name: string): string[] {
  return [bucketArn(name), objectsArn(name)];
}

export function objectsArn(name: string, prefix = ''): string {
  return `${bucketArn(name)}/${prefix}*`;
}

/** Replica buckets, only with a backup region. */
export function replicaBucketNames(ctx: PolicyContext): string[] {
  return ctx.cohort.regions.backup === undefined
    ? []
    : [ctx.names.replicaBucket('raw'), ctx.names.replicaBucket('processed')];
}

/** Query-results buckets: the primary one, and with failover the backup region's (`<base>-results-dr`). */
export function resultsBucketNames(ctx: PolicyContext): string[] {
  const n = ctx.names;
  return failsOver(ctx) ? [n.bucket('results'), n.failoverResultsBucket] : [n.bucket('results')];
}

/** Every bucket the cohort stack creates: raw, processed, results (both with failover), the trail's, the replicas. */
export function cohortBucketNames(ctx: PolicyContext): string[] {
  const n = ctx.names;
  return [
    n.bucket('raw'),
    n.bucket('processed'),
    ...resultsBucketNames(ctx),
    n.bucket('trail'),
    ...replicaBucketNames(ctx),
  ];
}

/** The cohort's KMS keys: primary, then backup. */
export function cohortKeyArns(ctx: PolicyContext): string[] {
  return ctx.keyArns.backup === undefined ? [ctx.keyArns.primary] : [ctx.keyArns.primary, ctx.keyArns.backup];
}

/** Keys of the catalog regions: what students and the Glue role use (the backup key only with failover). */
export function catalogKeyArns(ctx: PolicyContext): string[] {
  return failsOver(ctx) ? cohortKeyArns(ctx) : [ctx.keyArns.primary];
}

/** `kms:ViaService` values for a service in the given regions. */
export function viaService(service: string, regions: readonly string[]): string[] {
  return regions.map((region) => `${service}.${region}.amazonaws.com`);
}

/** The catalog, the cohort database and its tables (all, or those matching `tables`): what Glue checks for tables. */
export function glueCatalogArns(ctx: PolicyContext, tables = '*'): string[] {
  const db = ctx.names.database;
  return glueArns(ctx, ['catalog', `database/${db}`, `table/${db}/${tables}`]);
}

/** Everything of the catalog a cohort principal reads: catalog, cohort database, tables, functions, `default`. */
export function cohortCatalogArns(ctx: PolicyContext): string[] {
  // Athena looks up the catalog's default database on every query.
  return [
    ...glueCatalogArns(ctx),
    ...glueArns(ctx, ['database/default', `userDefinedFunction/${ctx.names.database}/*`]),
  ];
}

export function glueArns(ctx: PolicyContext, resources: readonly string[]): string[] {
  return resources.map((r) => regionalArn(ctx, 'glue', ANY_REGION, r));
}

/**
 * Crawlers, jobs and triggers of the cohort, by the cohort tag Terraform puts on every resource (Glue authorizes
 * these by `aws:ResourceTag`): a policy's size then stays the same however many datasets, ETL jobs and students
 * the cohort has. Nobody in a cohort may tag Glue resources, so the tag cannot be moved onto another cohort's.
 */
export function taggedGlueArns(ctx: PolicyContext, kinds: readonly ('crawler' | 'job' | 'trigger')[]): string[] {
  return glueArns(
    ctx,
    kinds.map((kind) => `${kind}/*`),
  );
}

export function cohortTagCondition(ctx: PolicyContext): ConditionBlock {
  return { StringEquals: { [`aws:ResourceTag/${TAG_COHORT}`]: ctx.cohort.id } };
}

/** Every workgroup of the cohort: the students' (by prefix) and the instructors'. */
export function cohortWorkgroupArns(ctx: PolicyContext): string[] {
  return [`workgroup/${ctx.names.studentPrefix}*`, `workgroup/${ctx.names.instructorWorkgroup}`].map((w) =>
    regionalArn(ctx, 'athena', ANY_REGION, w),
  );
}

/**
 * Log groups (as patterns, streams included) Glue writes for this cohort. With a security configuration that
 * encrypts logs, Glue names the job groups `/aws-glue/jobs/<security configuration>-role/<role path+name>/output`
 * (and `/error`) and the crawler group `/aws-glue/crawlers-role/<role path><role name>-<security configuration>`.
 * Continuous logs go to the group named `glueLogGroupPrefix` (`--continuous-log-logGroup`), listed with and
 * without `:*` because `<name>*` would also match a cohort whose id extends this one. Every other pattern is
 * anchored on a name followed by "/" or on the IAM path, which only this cohort has.
 */
export function glueLogGroupPatterns(ctx: PolicyContext): string[] {
  const n = ctx.names;
  const config = n.securityConfiguration;
  return [
    `/aws-glue/jobs/${config}-role/*`,
    `/aws-glue/crawlers-role${n.iamPath}${n.role('glue')}-${config}*`,
    n.glueLogGroupPrefix,
    `${n.glueLogGroupPrefix}:*`,
  ];
}

/** The trail's log group and its streams; the name ends in a path only this cohort has. */
export function trailLogGroupPattern(ctx: PolicyContext): string {
  return `${ctx.names.trailLogGroup}*`;
}

/** Every log group of the cohort: Glue's and the trail's. */
export function cohortLogGroupArns(ctx: PolicyContext): string[] {
  return logGroupArns(ctx, [...glueLogGroupPatterns(ctx), trailLogGroupPattern(ctx)]);
}

/** Log group ARNs for name patterns, in the given regions. */
export function logGroupArns(ctx: PolicyContext, patterns: readonly string[], regions = [ANY_REGION]): string[] {
  return regions.flatMap((region) => patterns.map((p) => regionalArn(ctx, 'logs', region, `log-group:${p}`)));
}

export function trailArn(ctx: PolicyContext): string {
  return regionalArn(ctx, 'cloudtrail', ctx.cohort.regions.primary, `trail/${ctx.names.trail}`);
}

export function topicArn(ctx: PolicyContext): string {
  return regionalArn(ctx, 'sns', ctx.cohort.regions.primary, ctx.names.topic);
}

export function budgetArn(ctx: PolicyContext): string {
  return `arn:${ctx.partition}:budgets::${ctx.accountId}:budget/${ctx.names.budget}`;
}

export function dashboardArn(ctx: PolicyContext): string {
  return `arn:${ctx.partition}:cloudwatch::${ctx.accountId}:dashboard/${ctx.names.dashboard}`;
}
