import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CohortNames, cohortTags } from '../../src/cohort/names.ts';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import { accountIdOf } from '../../src/cohort/settings-schema.ts';
import { toInstant } from '../../src/cohort/time.ts';
import { opsRoleArn } from '../../terraform-cdk/bootstrap-names.ts';
import { EMAIL_TEMPLATES, TEMPLATE_VARIABLES } from '../../terraform-cdk/constructs/email-templates.ts';
import { bucketPolicy } from '../../terraform-cdk/policies/bucket.ts';
import type { PolicyContext } from '../../terraform-cdk/policies/policy-document.ts';
import { studentPolicy, studentTimeAndPlaceGuard } from '../../terraform-cdk/policies/student.ts';
import { BUSAN, exampleCohort, exampleSettings, SEOUL } from '../support/example-cohorts.ts';
import {
  type Attributes,
  at,
  policyOf,
  ref,
  resource,
  resources,
  type Synthesized,
  synthesizeExamples,
  type TerraformJson,
} from './synthesized.ts';

const settings = exampleSettings();
const accountId = accountIdOf(settings);
const GIB = 1024 ** 3;

let synth: Synthesized;
beforeAll(() => {
  synth = synthesizeExamples();
});
afterAll(() => synth.cleanup());

interface Case {
  readonly id: string;
  readonly cohort: ResolvedCohort;
  readonly names: CohortNames;
  readonly stack: () => TerraformJson;
}

function example(id: string): Case {
  const cohort = exampleCohort(id);
  return { id, cohort, names: new CohortNames(settings.namePrefix, id), stack: () => synth.stack(id) };
}

const seoul = example(SEOUL);
const busan = example(BUSAN);

/** The policy context the stack builds, with key ARNs as the references cdk.tf.json holds. */
function policyContext({ cohort, names }: Case): PolicyContext {
  return {
    cohort,
    names,
    accountId,
    partition: 'aws',
    keyArns: {
      primary: ref('aws_kms_key', 'primary', 'arn'),
      ...(cohort.regions.backup === undefined ? {} : { backup: ref('aws_kms_key', 'backup', 'arn') }),
    },
    accessEnd: toInstant(cohort.schedule.end, cohort.schedule.timezone, { endOfDay: true }).toISOString(),
  };
}

/** Bucket logical id → name and whether it lives in the backup region. */
function expectedBuckets({ cohort, names }: Case): Map<string, { name: string; backup: boolean }> {
  const buckets = new Map<string, { name: string; backup: boolean }>();
  for (const role of ['raw', 'processed', 'results', 'trail'] as const) {
    buckets.set(role, { name: names.bucket(role), backup: false });
  }
  if (cohort.regions.backup !== undefined) {
    for (const role of ['raw', 'processed'] as const) {
      buckets.set(`${role}_replica`, { name: names.replicaBucket(role), backup: true });
    }
  }
  return buckets;
}

function logicalIds(stack: TerraformJson, type: string): string[] {
  return Object.keys(resources(stack, type)).sort();
}

describe.each([seoul, busan])('cohort stack $id', (c) => {
  it('keeps state in the settings bucket under cohorts/<id>.tfstate, encrypted and S3-locked', () => {
    expect(c.stack().terraform.backend).toEqual({
      s3: {
        bucket: settings.state.bucket,
        region: settings.state.region,
        key: `cohorts/${c.id}.tfstate`,
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it('pins the AWS provider to a major version', () => {
    const aws = c.stack().terraform.required_providers.aws;
    expect(aws?.source).toBe('hashicorp/aws');
    expect(aws?.version).toMatch(/^~> 6\.\d+$/);
  });

  it('tags everything through the providers, with a backup provider only when there is a backup region', () => {
    const providers = c.stack().provider.aws;
    const tags = cohortTags(c.cohort);
    const primary = providers.filter((p) => p.alias === undefined);
    expect(primary).toHaveLength(1);
    expect(primary[0]?.region).toBe(c.cohort.regions.primary);
    for (const provider of providers) {
      expect(at(provider, 'default_tags', 0, 'tags')).toEqual(tags);
      expect(provider.allowed_account_ids).toEqual([accountId]);
    }
    const backups = providers.filter((p) => p.alias === 'backup');
    expect(backups.map((p) => p.region)).toEqual(
      c.cohort.regions.backup === undefined ? [] : [c.cohort.regions.backup],
    );
  });

  it('creates a rotating KMS key with the cohort alias in each region it uses', () => {
    const stack = c.stack();
    const regions = c.cohort.regions.backup === undefined ? ['primary'] : ['backup', 'primary'];
    expect(logicalIds(stack, 'aws_kms_key')).toEqual(regions);
    for (const region of regions) {
      const key = resource(stack, 'aws_kms_key', region);
      expect(key.enable_key_rotation).toBe(true);
      expect(key.provider).toBe(region === 'backup' ? 'aws.backup' : undefined);
      const alias = resource(stack, 'aws_kms_alias', region);
      expect(alias.name).toBe(c.names.kmsAlias);
      expect(alias.target_key_id).toBe(ref('aws_kms_key', region, 'key_id'));
    }
  });

  it('gives every bucket the baseline: versioning, SSE-KMS with a bucket key, public access blocked, ACLs off, TLS only', () => {
    const stack = c.stack();
    const expected = expectedBuckets(c);
    expect(logicalIds(stack, 'aws_s3_bucket')).toEqual([...expected.keys()].sort());
    for (const [id, { name, backup }] of expected) {
      const bucket = ref('aws_s3_bucket', id, 'id');
      const provider = backup ? 'aws.backup' : undefined;
      expect(resource(stack, 'aws_s3_bucket', id).bucket).toBe(name);
      expect(resource(stack, 'aws_s3_bucket', id).provider).toBe(provider);
      const versioning = resource(stack, 'aws_s3_bucket_versioning', id);
      expect(versioning.bucket).toBe(bucket);
      expect(at(versioning, 'versioning_configuration', 'status')).toBe('Enabled');
      const sse = resource(stack, 'aws_s3_bucket_server_side_encryption_configuration', id);
      expect(sse.bucket).toBe(bucket);
      expect(at(sse, 'rule', 0)).toEqual({
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: ref('aws_kms_key', backup ? 'backup' : 'primary', 'arn'),
        },
        bucket_key_enabled: true,
      });
      expect(resource(stack, 'aws_s3_bucket_public_access_block', id)).toMatchObject({
        bucket,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      const ownership = resource(stack, 'aws_s3_bucket_ownership_controls', id);
      expect(at(ownership, 'rule', 'object_ownership')).toBe('BucketOwnerEnforced');
      const policy = resource(stack, 'aws_s3_bucket_policy', id);
      expect(policy.bucket).toBe(bucket);
      const statements = at(policyOf(policy), 'Statement') as Attributes[];
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('writes each bucket policy from the policy builder, exempting the workflow roles from address limits', () => {
    const stack = c.stack();
    const ctx = policyContext(c);
    const ciRoleArns = [settings.github.planRoleArn, settings.github.applyRoleArn, opsRoleArn(settings)];
    for (const [id, { name }] of expectedBuckets(c)) {
      const options = { trustedPrincipalArns: ciRoleArns, ...(id === 'trail' ? { cloudtrail: true } : {}) };
      expect(policyOf(resource(stack, 'aws_s3_bucket_policy', id))).toEqual(bucketPolicy(ctx, name, options));
    }
  });

  it('moves data through the storage classes on the cohort days and expires query results', () => {
    const stack = c.stack();
    const { storage, athena } = c.cohort;
    for (const id of expectedBuckets(c).keys()) {
      const rule = at(resource(stack, 'aws_s3_bucket_lifecycle_configuration', id), 'rule', 0) as Attributes;
      expect(rule.status).toBe('Enabled');
      expect(at(rule, 'noncurrent_version_expiration', 0, 'noncurrent_days')).toBeGreaterThan(0);
      expect(at(rule, 'abort_incomplete_multipart_upload', 0, 'days_after_initiation')).toBeGreaterThan(0);
      if (id === 'results') {
        expect(at(rule, 'expiration', 0, 'days')).toBe(athena.resultRetentionDays);
        expect(rule.transition).toBeUndefined();
      } else {
        expect(rule.transition).toEqual([
          { days: storage.infrequentAccessAfterDays, storage_class: 'STANDARD_IA' },
          { days: storage.glacierAfterDays, storage_class: 'GLACIER' },
          { days: storage.deepArchiveAfterDays, storage_class: 'DEEP_ARCHIVE' },
        ]);
        expect(at(rule, 'expiration', 0, 'days')).toBe(storage.expireAfterDays);
      }
    }
  });

  it('sends raw events to EventBridge and analyses storage classes of raw and processed', () => {
    const stack = c.stack();
    expect(resource(stack, 'aws_s3_bucket_notification', 'raw')).toMatchObject({
      bucket: ref('aws_s3_bucket', 'raw', 'id'),
      eventbridge: true,
    });
    expect(logicalIds(stack, 'aws_s3_bucket_analytics_configuration')).toEqual(['processed', 'raw']);
  });

  it('builds a Glue database and one incremental, encrypted crawler per dataset on the cohort schedule', () => {
    const stack = c.stack();
    expect(resource(stack, 'aws_glue_catalog_database', 'cohort').name).toBe(c.names.database);
    const security = resource(stack, 'aws_glue_security_configuration', 'cohort');
    const encryption = security.encryption_configuration as Attributes;
    expect(at(encryption, 's3_encryption', 's3_encryption_mode')).toBe('SSE-KMS');
    expect(at(encryption, 'cloudwatch_encryption', 'cloudwatch_encryption_mode')).toBe('SSE-KMS');
    expect(at(encryption, 'job_bookmarks_encryption', 'job_bookmarks_encryption_mode')).toBe('CSE-KMS');
    const crawlers = resources(stack, 'aws_glue_crawler');
    expect(Object.values(crawlers).map((cr) => cr.name)).toEqual(c.cohort.datasets.map((d) => c.names.crawler(d.name)));
    for (const dataset of c.cohort.datasets) {
      const crawler = resource(stack, 'aws_glue_crawler', `dataset_${dataset.name}`);
      expect(crawler.schedule).toBe(c.cohort.crawler.schedule);
      expect(crawler.s3_target).toEqual([{ path: `s3://${c.names.bucket('raw')}/${dataset.name}/` }]);
      expect(at(crawler, 'recrawl_policy', 'recrawl_behavior')).toBe('CRAWL_NEW_FOLDERS_ONLY');
      expect(crawler.schema_change_policy).toEqual({ update_behavior: 'LOG', delete_behavior: 'LOG' });
      expect(crawler.security_configuration).toBe(ref('aws_glue_security_configuration', 'cohort', 'name'));
      expect(crawler.role).toBe(ref('aws_iam_role', 'glue', 'arn'));
    }
  });

  it('gives every ETL entry a base job and one copy per student, each with its own bookmark and limits', () => {
    const stack = c.stack();
    const jobs = resources(stack, 'aws_glue_job');
    expect(Object.keys(jobs)).toHaveLength(c.cohort.etl.length * (1 + c.cohort.students.length));
    const tempDirs = new Set<unknown>();
    for (const entry of c.cohort.etl) {
      const id = `etl_${entry.name.replaceAll('-', '_')}`;
      const copies = c.cohort.students.map((s) => ({
        job: resource(stack, 'aws_glue_job', `${id}_${s.id.replaceAll('-', '_')}`),
        name: c.names.studentJob(entry.name, s.id),
        prefix: `students/${c.names.studentUser(s.id)}/`,
      }));
      const all = [{ job: resource(stack, 'aws_glue_job', id), name: c.names.job(entry.name), prefix: '' }, ...copies];
      for (const { job, name, prefix } of all) {
        expect(job.name).toBe(name);
        expect(job.glue_version).toBe('5.0');
        expect(job.worker_type).toBe(entry.workerType);
        expect(job.number_of_workers).toBe(entry.maxWorkers);
        expect(job.timeout).toBeGreaterThan(0);
        expect(job.timeout).toBeLessThanOrEqual(120);
        expect(at(job, 'execution_property', 'max_concurrent_runs')).toBe(1);
        expect(at(job, 'command', 'script_location')).toMatch(
          new RegExp(`^s3://${c.names.bucket('raw')}/.+/${entry.script.split('/').pop()}$`),
        );
        const args = job.default_arguments as Attributes;
        expect(args).toMatchObject({
          '--job-bookmark-option': 'job-bookmark-enable',
          '--enable-auto-scaling': 'true',
          '--enable-metrics': 'true',
          '--enable-observability-metrics': 'true',
          '--enable-continuous-cloudwatch-log': 'true',
          '--database': ref('aws_glue_catalog_database', 'cohort', 'name'),
        });
        expect(String(args['--output_path'])).toMatch(new RegExp(`^s3://${c.names.bucket('processed')}/${prefix}`));
        tempDirs.add(args['--TempDir']);
      }
      const trigger = resources(stack, 'aws_glue_trigger')[id];
      if (entry.schedule === undefined) {
        expect(trigger).toBeUndefined();
      } else {
        expect(trigger).toMatchObject({ type: 'SCHEDULED', schedule: entry.schedule });
        expect(trigger?.actions).toEqual([{ job_name: ref('aws_glue_job', id, 'name') }]);
      }
    }
    expect(tempDirs.size).toBe(Object.keys(jobs).length);
    expect(Object.keys(resources(stack, 'aws_glue_trigger'))).toHaveLength(
      c.cohort.etl.filter((e) => e.schedule !== undefined).length,
    );
  });

  it('gives each student a workgroup named as their IAM user, and the instructors one, all enforced and capped', () => {
    const stack = c.stack();
    const workgroups = resources(stack, 'aws_athena_workgroup');
    expect(Object.keys(workgroups)).toHaveLength(c.cohort.students.length + 1);
    const expected = [
      ...c.cohort.students.map((s) => [`student_${s.id.replaceAll('-', '_')}`, c.names.studentWorkgroup(s.id)]),
      ['instructors', c.names.instructorWorkgroup],
    ];
    for (const [id = '', name] of expected) {
      const workgroup = resource(stack, 'aws_athena_workgroup', id);
      expect(workgroup.name).toBe(name);
      expect(workgroup.force_destroy).toBe(true);
      expect(workgroup.configuration).toEqual({
        enforce_workgroup_configuration: true,
        publish_cloudwatch_metrics_enabled: true,
        bytes_scanned_cutoff_per_query: c.cohort.athena.scanLimitGbPerQuery * GIB,
        result_configuration: {
          output_location: `s3://${c.names.bucket('results')}/workgroups/${name}/`,
          encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: ref('aws_kms_key', 'primary', 'arn') },
        },
      });
    }
    for (const student of c.cohort.students) {
      const id = `student_${student.id.replaceAll('-', '_')}`;
      expect(resource(stack, 'aws_athena_workgroup', id).name).toBe(resource(stack, 'aws_iam_user', id).name);
    }
  });

  it('makes students IAM users under the cohort path with the boundary, in the group, with no keys or passwords', () => {
    const stack = c.stack();
    expect(Object.keys(resources(stack, 'aws_iam_user'))).toHaveLength(c.cohort.students.length);
    for (const student of c.cohort.students) {
      const id = `student_${student.id.replaceAll('-', '_')}`;
      expect(resource(stack, 'aws_iam_user', id)).toMatchObject({
        name: c.names.studentUser(student.id),
        path: c.names.iamPath,
        permissions_boundary: ref('aws_iam_policy', 'boundary', 'arn'),
      });
      expect(resource(stack, 'aws_iam_user_group_membership', id)).toEqual(
        expect.objectContaining({
          user: ref('aws_iam_user', id, 'name'),
          groups: [ref('aws_iam_group', 'students', 'name')],
        }),
      );
    }
    for (const forbidden of ['aws_iam_access_key', 'aws_iam_user_login_profile', 'aws_iam_user_policy']) {
      expect(stack.resource[forbidden]).toBeUndefined();
    }
  });

  it('attaches the student policy and the time-and-place guard to the group, leaving room for the freeze policy', () => {
    const stack = c.stack();
    const ctx = policyContext(c);
    expect(resource(stack, 'aws_iam_group', 'students')).toMatchObject({
      name: c.names.studentsGroup,
      path: c.names.iamPath,
    });
    const attachments = Object.values(resources(stack, 'aws_iam_group_policy_attachment'));
    expect(attachments.map((a) => a.policy_arn).sort()).toEqual([
      ref('aws_iam_policy', 'student', 'arn'),
      ref('aws_iam_policy', 'student_guard', 'arn'),
    ]);
    expect(attachments.length + 1).toBeLessThanOrEqual(10);
    expect(policyOf(resource(stack, 'aws_iam_policy', 'student'))).toEqual(studentPolicy(ctx));
    expect(policyOf(resource(stack, 'aws_iam_policy', 'student_guard'))).toEqual(studentTimeAndPlaceGuard(ctx));
    for (const policy of Object.values(resources(stack, 'aws_iam_policy'))) expect(policy.path).toBe(c.names.iamPath);
  });

  it('puts the permissions boundary on every role, and limits instructor sessions to 4 hours', () => {
    const stack = c.stack();
    const roles = resources(stack, 'aws_iam_role');
    expect(Object.keys(roles).length).toBeGreaterThan(0);
    for (const role of Object.values(roles)) {
      expect(role.permissions_boundary).toBe(ref('aws_iam_policy', 'boundary', 'arn'));
      expect(role.path).toBe(c.names.iamPath);
    }
    expect(resource(stack, 'aws_iam_role', 'instructor')).toMatchObject({
      name: c.names.role('instructor'),
      max_session_duration: 4 * 3600,
    });
  });

  it('records the cohort buckets in a validated, encrypted trail delivered to CloudWatch Logs', () => {
    const stack = c.stack();
    const trail = resource(stack, 'aws_cloudtrail', 'cohort');
    expect(trail).toMatchObject({
      name: c.names.trail,
      s3_bucket_name: ref('aws_s3_bucket', 'trail', 'id'),
      enable_log_file_validation: true,
      kms_key_id: ref('aws_kms_key', 'primary', 'arn'),
      cloud_watch_logs_group_arn: `${ref('aws_cloudwatch_log_group', 'trail', 'arn')}:*`,
      cloud_watch_logs_role_arn: ref('aws_iam_role', 'trail_logs', 'arn'),
    });
    const selectors = at(trail, 'advanced_event_selector', 0, 'field_selector') as Attributes[];
    expect(selectors).toContainEqual({ field: 'eventCategory', equals: ['Data'] });
    expect(selectors).toContainEqual({
      field: 'resources.ARN',
      starts_with: (['raw', 'processed', 'results'] as const).map((b) => `arn:aws:s3:::${c.names.bucket(b)}/`),
    });
    expect(resource(stack, 'aws_cloudwatch_log_group', 'trail')).toMatchObject({
      name: c.names.trailLogGroup,
      kms_key_id: ref('aws_kms_key', 'primary', 'arn'),
    });
  });

  it('sends alerts to a topic under the cohort key, subscribed by the instructors and the notification emails', () => {
    const stack = c.stack();
    expect(resource(stack, 'aws_sns_topic', 'alerts')).toMatchObject({
      name: c.names.topic,
      kms_master_key_id: ref('aws_kms_key', 'primary', 'arn'),
    });
    expect(resource(stack, 'aws_sns_topic_policy', 'alerts').arn).toBe(ref('aws_sns_topic', 'alerts', 'arn'));
    const subscriptions = Object.values(resources(stack, 'aws_sns_topic_subscription'));
    const emails = [...c.cohort.instructors.map((i) => i.email), ...c.cohort.notifications.emails];
    expect(subscriptions.map((s) => s.endpoint).sort()).toEqual([...new Set(emails)].sort());
    for (const s of subscriptions) {
      expect(s).toMatchObject({ protocol: 'email', topic_arn: ref('aws_sns_topic', 'alerts', 'arn') });
    }
  });

  it('routes Glue job and crawler failures to the topic', () => {
    const stack = c.stack();
    const rules = resources(stack, 'aws_cloudwatch_event_rule');
    const expected = [
      ...(c.cohort.datasets.length > 0 ? ['crawler_failed'] : []),
      ...(c.cohort.etl.length > 0 ? ['glue_job_failed'] : []),
    ];
    expect(Object.keys(rules).sort()).toEqual(expected);
    for (const id of expected) {
      expect(resource(stack, 'aws_cloudwatch_event_target', id)).toMatchObject({
        rule: ref('aws_cloudwatch_event_rule', id, 'name'),
        arn: ref('aws_sns_topic', 'alerts', 'arn'),
      });
    }
    if (c.cohort.etl.length > 0) {
      const pattern = JSON.parse(String(rules.glue_job_failed?.event_pattern));
      expect(pattern.detail.state).toEqual(['FAILED', 'TIMEOUT', 'ERROR']);
      const matches = (name: string) =>
        pattern.detail.jobName.some((m: string | { prefix: string }) =>
          typeof m === 'string' ? m === name : name.startsWith(m.prefix),
        );
      for (const entry of c.cohort.etl) {
        expect(matches(c.names.job(entry.name))).toBe(true);
        for (const s of c.cohort.students) expect(matches(c.names.studentJob(entry.name, s.id))).toBe(true);
      }
      expect(matches(new CohortNames(settings.namePrefix, `${c.id}-x`).studentJob('clean', 's01'))).toBe(false);
    }
    if (c.cohort.datasets.length > 0) {
      const pattern = JSON.parse(String(rules.crawler_failed?.event_pattern));
      expect(pattern.detail).toEqual({
        crawlerName: c.cohort.datasets.map((d) => c.names.crawler(d.name)),
        state: ['Failed'],
      });
    }
  });

  it('alarms on each student workgroup scanning too much, and on failed replication with a backup region', () => {
    const stack = c.stack();
    for (const student of c.cohort.students) {
      const alarm = resource(stack, 'aws_cloudwatch_metric_alarm', `student_${student.id.replaceAll('-', '_')}`);
      expect(alarm.alarm_name).toBe(c.names.scanAlarm(student.id));
      expect(alarm.alarm_actions).toEqual([ref('aws_sns_topic', 'alerts', 'arn')]);
      expect(alarm.threshold).toBeGreaterThanOrEqual(c.cohort.athena.scanLimitGbPerQuery * GIB);
      const metrics = (alarm.metric_query as Attributes[]).filter((q) => q.metric !== undefined);
      expect(metrics.length).toBeGreaterThan(0);
      for (const q of metrics) {
        expect(at(q, 'metric', 'metric_name')).toBe('ProcessedBytes');
        expect(at(q, 'metric', 'dimensions', 'WorkGroup')).toBe(c.names.studentWorkgroup(student.id));
      }
    }
    const replication = Object.keys(resources(stack, 'aws_cloudwatch_metric_alarm')).filter((k) =>
      k.startsWith('replication_'),
    );
    expect(replication.sort()).toEqual(
      c.cohort.regions.backup === undefined ? [] : ['replication_processed', 'replication_raw'],
    );
    for (const id of replication) {
      expect(resource(stack, 'aws_cloudwatch_metric_alarm', id).metric_name).toBe('OperationsFailedReplication');
    }
  });

  it('draws a dashboard of Glue runs, Athena bytes per workgroup, bucket sizes and replication latency', () => {
    const dashboard = resource(c.stack(), 'aws_cloudwatch_dashboard', 'cohort');
    expect(dashboard.dashboard_name).toBe(c.names.dashboard);
    const body = String(dashboard.dashboard_body);
    const workgroups = [...c.cohort.students.map((s) => c.names.studentWorkgroup(s.id)), c.names.instructorWorkgroup];
    for (const workgroup of workgroups) expect(body).toContain(`"WorkGroup","${workgroup}"`);
    for (const { name } of expectedBuckets(c).values()) expect(body).toContain(`"BucketName","${name}"`);
    expect(body.includes('ReplicationLatency')).toBe(c.cohort.regions.backup !== undefined);
    expect(body.includes('glue.succeed.ALL')).toBe(c.cohort.etl.length > 0);
  });

  it('stores SES templates whose variables, the password included, are filled at send time', () => {
    const stack = c.stack();
    for (const [kind, id] of [
      ['onboarding', 'onboarding'],
      ['teardown-notice', 'teardown_notice'],
    ] as const) {
      const template = resource(stack, 'aws_ses_template', id);
      expect(template.name).toBe(c.names.sesTemplate(kind));
      expect(template.subject).toBe(EMAIL_TEMPLATES[kind].subject);
      for (const variable of TEMPLATE_VARIABLES[kind]) {
        expect(`${template.html}${template.text}`).toContain(`{{${variable}}}`);
      }
    }
  });

  it('budgets the month on the cohort tag with alerts at each percent, a forecast alert and the freeze action', () => {
    const stack = c.stack();
    const budget = resource(stack, 'aws_budgets_budget', 'cohort');
    expect(budget).toMatchObject({
      name: c.names.budget,
      budget_type: 'COST',
      time_unit: 'MONTHLY',
      limit_unit: 'USD',
      cost_filter: [{ name: 'TagKeyValue', values: [`user:workshop:cohort$${c.id}`] }],
    });
    expect(Number(budget.limit_amount)).toBe(c.cohort.budget.limitUsd);
    const notifications = budget.notification as Attributes[];
    const thresholds = notifications.map((n) => [n.notification_type, n.threshold]);
    expect(thresholds).toEqual([...c.cohort.budget.alertPercents.map((p) => ['ACTUAL', p]), ['FORECASTED', 100]]);
    expect(notifications.length).toBeLessThanOrEqual(5);
    for (const n of notifications) {
      expect(n.subscriber_sns_topic_arns).toEqual([ref('aws_sns_topic', 'alerts', 'arn')]);
      expect(n.subscriber_email_addresses).toEqual(c.cohort.instructors.map((i) => i.email));
    }
    const action = resource(stack, 'aws_budgets_budget_action', 'freeze');
    expect(action).toMatchObject({
      budget_name: ref('aws_budgets_budget', 'cohort', 'name'),
      action_type: 'APPLY_IAM_POLICY',
      approval_model: 'AUTOMATIC',
      execution_role_arn: ref('aws_iam_role', 'budget_action', 'arn'),
      action_threshold: {
        action_threshold_type: 'PERCENTAGE',
        action_threshold_value: c.cohort.budget.freezeAtPercent,
      },
      definition: {
        iam_action_definition: {
          policy_arn: ref('aws_iam_policy', 'freeze', 'arn'),
          groups: [ref('aws_iam_group', 'students', 'name')],
        },
      },
    });
  });

  it('outputs what onboarding and the scheduled jobs read', () => {
    const outputs = c.stack().output;
    expect(outputs.raw_bucket?.value).toBe(ref('aws_s3_bucket', 'raw', 'bucket'));
    expect(outputs.console_sign_in_url?.value).toBe(`https://${accountId}.signin.aws.amazon.com/console`);
    expect(outputs.student_workgroups?.value).toEqual(
      Object.fromEntries(c.cohort.students.map((s) => [s.id, c.names.studentWorkgroup(s.id)])),
    );
    expect(outputs.instructor_role_arn?.value).toBe(ref('aws_iam_role', 'instructor', 'arn'));
    expect(outputs.topic_arn?.value).toBe(ref('aws_sns_topic', 'alerts', 'arn'));
    expect(outputs.database_name?.value).toBe(ref('aws_glue_catalog_database', 'cohort', 'name'));
    expect(outputs.crawler_names?.value).toEqual(
      Object.fromEntries(c.cohort.datasets.map((d) => [d.name, c.names.crawler(d.name)])),
    );
    expect(outputs.job_names?.value).toEqual(
      Object.fromEntries(c.cohort.etl.map((e) => [e.name, c.names.job(e.name)])),
    );
    const replicas = outputs.replica_buckets?.value;
    expect(Object.keys(replicas as object).sort()).toEqual(
      c.cohort.regions.backup === undefined ? [] : ['processed', 'raw'],
    );
  });

  it('uses readable Terraform names and leaves no unescaped template in any string', () => {
    const stack = c.stack();
    for (const [type, byName] of Object.entries(stack.resource)) {
      expect(type).toMatch(/^aws_[a-z0-9_]+$/);
      for (const name of Object.keys(byName)) expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
    }
    // Every "${" is a reference to this stack's resources; IAM variables and text are escaped as "$${".
    const text = JSON.stringify(stack);
    for (const match of text.matchAll(/(?<!\$)\$\{([^}]*)\}/g)) {
      const [type, name] = String(match[1]).split('.');
      expect(stack.resource[String(type)]?.[String(name)], match[0]).toBeDefined();
    }
    expect(text).not.toMatch(/(?<!%)%\{/);
  });
});

describe('backup region', () => {
  it('replicates raw and processed to encrypted replicas, with delete markers, KMS objects, metrics and RTC', () => {
    const stack = seoul.stack();
    for (const source of ['raw', 'processed'] as const) {
      const config = resource(stack, 'aws_s3_bucket_replication_configuration', source);
      expect(config.bucket).toBe(ref('aws_s3_bucket', source, 'id'));
      expect(config.role).toBe(ref('aws_iam_role', 'replication', 'arn'));
      expect(config.depends_on).toEqual([
        `aws_s3_bucket_versioning.${source}`,
        `aws_s3_bucket_versioning.${source}_replica`,
      ]);
      const rule = at(config, 'rule', 0) as Attributes;
      expect(rule).toMatchObject({
        status: 'Enabled',
        delete_marker_replication: { status: 'Enabled' },
        source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
        destination: {
          bucket: ref('aws_s3_bucket', `${source}_replica`, 'arn'),
          encryption_configuration: { replica_kms_key_id: ref('aws_kms_key', 'backup', 'arn') },
          metrics: { status: 'Enabled', event_threshold: { minutes: 15 } },
          replication_time: { status: 'Enabled', time: { minutes: 15 } },
        },
      });
    }
  });

  it('is absent without a backup region', () => {
    const stack = busan.stack();
    expect(stack.resource.aws_s3_bucket_replication_configuration).toBeUndefined();
    expect(resources(stack, 'aws_iam_role').replication).toBeUndefined();
    expect(stack.provider.aws).toHaveLength(1);
  });
});

describe('uploaded files', () => {
  it('copies each dataset and script into the stack folder and points the object at it, with its hash', () => {
    const stack = seoul.stack();
    const stackDir = join(synth.outDir, 'stacks', SEOUL);
    const expected = [
      ...seoul.cohort.datasets.map((d) => [`dataset_${d.name}`, d.source, `${d.name}/`] as const),
      ...seoul.cohort.etl.map(
        (e) => [`etl_script_${e.script.split('/').pop()?.replace('.', '_')}`, e.script, ''] as const,
      ),
    ];
    expect(Object.keys(resources(stack, 'aws_s3_object'))).toHaveLength(expected.length);
    for (const [id, source, prefix] of expected) {
      const object = resource(stack, 'aws_s3_object', id);
      const original = readFileSync(join(import.meta.dirname, '../../workshops', source));
      const copy = readFileSync(join(stackDir, String(object.source)));
      expect(copy.equals(original)).toBe(true);
      expect(String(object.source)).not.toMatch(/^\//);
      expect(object.source_hash).toBe(createHash('sha256').update(original).digest('hex'));
      expect(String(object.key).startsWith(prefix)).toBe(true);
      expect(object).toMatchObject({ bucket: ref('aws_s3_bucket', 'raw', 'id'), server_side_encryption: 'aws:kms' });
      // S3 replicates only what is written after the rule exists.
      expect(object.depends_on).toContain('aws_s3_bucket_replication_configuration.raw');
    }
  });
});
