/**
 * One cohort's whole architecture as one Terraform stack (state key `cohorts/<id>.tfstate`): encryption, the data
 * lake and its backup, catalog and ETL, Athena, access, observability and the budget. The constructs under
 * constructs/ hold one concern each; this file wires them in dependency order and declares the outputs the
 * scheduled jobs read.
 */
import { CohortNames, cohortTags } from '../src/cohort/names.ts';
import type { ResolvedCohort } from '../src/cohort/schema.ts';
import { accountIdOf, type Settings } from '../src/cohort/settings-schema.ts';
import { toInstant } from '../src/cohort/time.ts';
import { opsRoleArn } from './bootstrap-names.ts';
import type { Construct } from './cdktf-classes.ts';
import { Access } from './constructs/access.ts';
import { output } from './constructs/address.ts';
import { Analytics } from './constructs/analytics.ts';
import { Budget } from './constructs/budget.ts';
import { Catalog } from './constructs/catalog.ts';
import type { CohortContext } from './constructs/cohort-context.ts';
import { Encryption } from './constructs/encryption.ts';
import { Etl } from './constructs/etl.ts';
import { Failover } from './constructs/failover.ts';
import { managedPolicy } from './constructs/iam.ts';
import { IndependentStack } from './constructs/independent-stack.ts';
import { LakeFormation } from './constructs/lake-formation.ts';
import { Observability } from './constructs/observability.ts';
import { Replication } from './constructs/replication.ts';
import { Storage } from './constructs/storage.ts';
import { awsProvider, pinTerraform, s3Backend } from './constructs/terraform-settings.ts';
import { cohortBoundary } from './policies/boundary.ts';
import type { PolicyContext } from './policies/policy-document.ts';

/** Alias of the provider for the backup region. */
export const BACKUP_PROVIDER_ALIAS = 'backup';

/** State object of a cohort in the state bucket. */
export function cohortStateKey(cohortId: string): string {
  return `cohorts/${cohortId}.tfstate`;
}

/** Console sign-in page of the account (students sign in with their IAM user name). */
export function signInUrl(accountId: string): string {
  return `https://${accountId}.signin.aws.amazon.com/console`;
}

export interface CohortStackProps {
  readonly settings: Settings;
  readonly cohort: ResolvedCohort;
  /** Folder the cohort file's relative paths are resolved against (where the cohort file lives). */
  readonly cohortDir: string;
}

interface OutputSources {
  readonly cohort: ResolvedCohort;
  readonly names: CohortNames;
  readonly accountId: string;
  readonly storage: Storage;
  readonly replication: Replication | undefined;
  readonly analytics: Analytics;
  readonly access: Access;
  readonly observability: Observability;
  readonly catalog: Catalog;
}

export class CohortStack extends IndependentStack {
  constructor(scope: Construct, props: CohortStackProps) {
    const { settings, cohort } = props;
    super(scope, cohort.id);
    const names = new CohortNames(settings.namePrefix, cohort.id);
    const accountId = accountIdOf(settings);
    const tags = cohortTags(cohort);
    const { primary: primaryRegion, backup: backupRegion } = cohort.regions;

    s3Backend(this, settings.state, cohortStateKey(cohort.id));
    pinTerraform(this);
    const primary = awsProvider(this, { region: primaryRegion, accountId, tags });
    const backup =
      backupRegion === undefined
        ? undefined
        : awsProvider(this, { region: backupRegion, accountId, tags, alias: BACKUP_PROVIDER_ALIAS });

    const accessEnd = toInstant(cohort.schedule.end, cohort.schedule.timezone, { endOfDay: true }).toISOString();
    const base = {
      cohort,
      names,
      accountId,
      partition: 'aws',
      accessEnd,
      lakeFormation: settings.lakeFormation,
    } as const;
    // A key policy's resource is the key itself ("*"); naming the key would make it depend on itself.
    const keyPolicyContext: PolicyContext = { ...base, keyArns: { primary: '*', ...(backup ? { backup: '*' } : {}) } };
    const encryption = new Encryption(this, { policy: keyPolicyContext, primary, ...(backup ? { backup } : {}) });
    const keys = { primary: encryption.primary, ...(encryption.backup ? { backup: encryption.backup } : {}) };
    const policy: PolicyContext = {
      ...base,
      keyArns: { primary: keys.primary.arn, ...(keys.backup ? { backup: keys.backup.arn } : {}) },
    };
    const boundary = managedPolicy(this, {
      logicalId: 'boundary',
      name: names.policy('boundary'),
      path: names.iamPath,
      description: `Permissions boundary of every user and role of cohort ${cohort.id}`,
      document: cohortBoundary(policy),
    });
    const ctx: CohortContext = {
      cohort,
      names,
      keys,
      policy,
      boundaryArn: boundary.arn,
      ciRoleArns: [settings.github.planRoleArn, settings.github.applyRoleArn, opsRoleArn(settings)],
      cohortDir: props.cohortDir,
    };

    const storage = new Storage(this, ctx);
    const replication =
      backup && keys.backup ? new Replication(this, ctx, { provider: backup, key: keys.backup }, storage) : undefined;
    storage.seed(ctx, replication ? replication.configurations : []);
    const catalog = new Catalog(this, ctx, names.bucket('raw'));
    const etl = new Etl(this, ctx, catalog);
    const analytics = new Analytics(this, ctx);
    const failover =
      cohort.regions.failover && backup && keys.backup && replication
        ? new Failover(this, ctx, {
            provider: backup,
            key: keys.backup,
            rawReplica: replication.replicas.raw.name,
            glueRole: catalog.role,
          })
        : undefined;
    const access = new Access(this, ctx);
    if (settings.lakeFormation === 'managed') {
      new LakeFormation(this, ctx, {
        database: catalog.database,
        bucketArns: { raw: storage.raw.arn, processed: storage.processed.arn },
        glueRole: catalog.role,
        instructorRole: access.instructorRole,
        opsRoleArn: opsRoleArn(settings),
        students: access.users,
        ...(failover && backup && replication
          ? {
              failover: {
                database: failover.database,
                bucketArns: { raw: replication.replicas.raw.arn, processed: replication.replicas.processed.arn },
                provider: backup,
              },
            }
          : {}),
      });
    }
    const observability = new Observability(this, ctx, {
      jobNames: etl.jobNames,
      replicated: replication !== undefined,
    });
    new Budget(this, ctx, observability.topic, access.group);

    this.outputs({ cohort, names, accountId, storage, replication, analytics, access, observability, catalog });
  }

  /** What onboarding and the scheduled jobs read (`terraform output -json`). */
  private outputs(parts: OutputSources): void {
    const { cohort, names, accountId, storage, replication, analytics, access, observability, catalog } = parts;
    output(this, 'raw_bucket', { value: storage.raw.name });
    output(this, 'processed_bucket', { value: storage.processed.name });
    output(this, 'results_bucket', { value: storage.results.name });
    output(this, 'trail_bucket', { value: observability.trailBucket.name });
    output(this, 'replica_buckets', {
      value: replication ? { raw: replication.replicas.raw.name, processed: replication.replicas.processed.name } : {},
    });
    output(this, 'console_sign_in_url', { value: signInUrl(accountId) });
    output(this, 'student_users', {
      value: Object.fromEntries(cohort.students.map((s) => [s.id, names.studentUser(s.id)])),
    });
    output(this, 'student_workgroups', {
      value: Object.fromEntries(cohort.students.map((s) => [s.id, names.studentWorkgroup(s.id)])),
    });
    output(this, 'instructor_workgroup', { value: analytics.instructorWorkgroup.name });
    output(this, 'instructor_role_arn', { value: access.instructorRole.arn });
    output(this, 'students_group', { value: access.group.name });
    output(this, 'topic_arn', { value: observability.topic.arn });
    output(this, 'database_name', { value: catalog.database.name });
    output(this, 'crawler_names', {
      value: Object.fromEntries(cohort.datasets.map((d) => [d.name, names.crawler(d.name)])),
    });
    output(this, 'job_names', { value: Object.fromEntries(cohort.etl.map((e) => [e.name, names.job(e.name)])) });
    output(this, 'student_job_names', {
      value: Object.fromEntries(
        cohort.etl.map((e) => [
          e.name,
          Object.fromEntries(cohort.students.map((s) => [s.id, names.studentJob(e.name, s.id)])),
        ]),
      ),
    });
    output(this, 'ses_templates', {
      value: { onboarding: names.sesTemplate('onboarding'), teardown_notice: names.sesTemplate('teardown-notice') },
    });
    output(this, 'budget_name', { value: names.budget });
  }
}
