import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/guardrails/rules/index.ts';
import { formatFinding, runGuardrails } from '../../src/guardrails/run.ts';
import {
  addResource,
  COHORT,
  deleteResource,
  firstBlock,
  type JsonMap,
  policyOf,
  resourceBody,
  setPolicy,
  validCohortConfig,
} from './fixtures/valid-cohort.ts';

interface BreakingCase {
  readonly rule: string;
  readonly what: string;
  readonly address: string;
  mutate(config: JsonMap): void;
}

const body = resourceBody;
const withoutStatement = (target: JsonMap, sid: string) => {
  const doc = policyOf(target);
  setPolicy(target, { Statement: doc.Statement.filter((s) => s.Sid !== sid) });
};
const addStatement = (target: JsonMap, statement: JsonMap, argument = 'policy') => {
  const doc = policyOf(target, argument);
  setPolicy(target, { Statement: [...doc.Statement, statement] }, argument);
};
const replicationRule = (config: JsonMap, id: string) =>
  firstBlock(body(config, 'aws_s3_bucket_replication_configuration', id), 'rule');
const sseRule = (config: JsonMap, id: string) =>
  firstBlock(body(config, 'aws_s3_bucket_server_side_encryption_configuration', id), 'rule');

const CASES: readonly BreakingCase[] = [
  {
    rule: 's3-versioning',
    what: 'a bucket without versioning',
    address: 'aws_s3_bucket.processed',
    mutate: (c) => deleteResource(c, 'aws_s3_bucket_versioning', 'processed'),
  },
  {
    rule: 's3-versioning',
    what: 'suspended versioning on a replica',
    address: 'aws_s3_bucket.raw_dr',
    mutate: (c) => {
      firstBlock(body(c, 'aws_s3_bucket_versioning', 'raw_dr'), 'versioning_configuration').status = 'Suspended';
    },
  },
  {
    rule: 's3-encryption',
    what: 'bucket keys off on a replica',
    address: 'aws_s3_bucket.raw_dr',
    mutate: (c) => {
      sseRule(c, 'raw_dr').bucket_key_enabled = false;
    },
  },
  {
    rule: 's3-encryption',
    what: 'SSE-S3 instead of SSE-KMS',
    address: 'aws_s3_bucket.results',
    mutate: (c) => {
      sseRule(c, 'results').apply_server_side_encryption_by_default = { sse_algorithm: 'AES256' };
    },
  },
  {
    rule: 's3-encryption',
    what: 'the AWS-managed aws/s3 key',
    address: 'aws_s3_bucket.trail',
    mutate: (c) => {
      firstBlock(sseRule(c, 'trail'), 'apply_server_side_encryption_by_default').kms_master_key_id = 'alias/aws/s3';
    },
  },
  {
    rule: 's3-public-access',
    what: 'one public-access setting off',
    address: 'aws_s3_bucket.trail',
    mutate: (c) => {
      body(c, 'aws_s3_bucket_public_access_block', 'trail').restrict_public_buckets = false;
    },
  },
  {
    rule: 's3-tls-only',
    what: 'a bucket policy without the TLS deny',
    address: 'aws_s3_bucket.raw',
    mutate: (c) => {
      const policy = body(c, 'aws_s3_bucket_policy', 'raw');
      addStatement(policy, {
        Sid: 'ReadOnlyAudit',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:DeleteBucket',
        Resource: '*',
      });
      withoutStatement(policy, 'DenyInsecureTransport');
    },
  },
  {
    rule: 's3-tls-only',
    what: 'a data-source policy denying the wrong condition value',
    address: 'aws_s3_bucket.results',
    mutate: (c) => {
      const data = (c.data as Record<string, Record<string, JsonMap>>).aws_iam_policy_document?.results_policy;
      if (data === undefined) throw new Error('fixture has no results_policy');
      firstBlock(firstBlock(data, 'statement'), 'condition').values = ['true'];
    },
  },
  {
    rule: 's3-ownership',
    what: 'ACLs left on',
    address: 'aws_s3_bucket.raw',
    mutate: (c) => {
      firstBlock(body(c, 'aws_s3_bucket_ownership_controls', 'raw'), 'rule').object_ownership = 'ObjectWriter';
    },
  },
  {
    rule: 's3-lifecycle',
    what: 'no abort of incomplete multipart uploads',
    address: 'aws_s3_bucket.processed_dr',
    mutate: (c) => {
      delete firstBlock(body(c, 'aws_s3_bucket_lifecycle_configuration', 'processed_dr'), 'rule')
        .abort_incomplete_multipart_upload;
    },
  },
  {
    rule: 'replication-configured',
    what: 'a processed bucket that is not replicated',
    address: 'aws_s3_bucket.processed',
    mutate: (c) => deleteResource(c, 'aws_s3_bucket_replication_configuration', 'processed'),
  },
  {
    rule: 'replication-configured',
    what: 'delete markers not replicated',
    address: 'aws_s3_bucket_replication_configuration.raw',
    mutate: (c) => {
      replicationRule(c, 'raw').delete_marker_replication = { status: 'Disabled' };
    },
  },
  {
    rule: 'replication-configured',
    what: 'KMS-encrypted objects not selected',
    address: 'aws_s3_bucket_replication_configuration.processed',
    mutate: (c) => {
      delete replicationRule(c, 'processed').source_selection_criteria;
    },
  },
  {
    rule: 'replication-configured',
    what: 'the replica key taken from the source region',
    address: 'aws_s3_bucket_replication_configuration.raw',
    mutate: (c) => {
      firstBlock(firstBlock(replicationRule(c, 'raw'), 'destination'), 'encryption_configuration').replica_kms_key_id =
        '${aws_kms_key.primary.arn}';
    },
  },
  {
    rule: 'replication-monitored',
    what: 'replication metrics off',
    address: 'aws_s3_bucket_replication_configuration.raw',
    mutate: (c) => {
      firstBlock(replicationRule(c, 'raw'), 'destination').metrics = { status: 'Disabled' };
    },
  },
  {
    rule: 'iam-no-star',
    what: 'an instructor policy allowing * on *',
    address: 'aws_iam_policy.instructor',
    mutate: (c) =>
      addStatement(body(c, 'aws_iam_policy', 'instructor'), {
        Sid: 'Admin',
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
      }),
  },
  {
    rule: 'iam-no-star',
    what: 'a role inline policy allowing *:*',
    address: 'aws_iam_role.budget_action',
    mutate: (c) => {
      const inline = firstBlock(body(c, 'aws_iam_role', 'budget_action'), 'inline_policy');
      addStatement(inline, { Effect: 'Allow', Action: ['*:*'], Resource: ['*'] });
    },
  },
  {
    rule: 'iam-no-star',
    what: 'a bucket policy allowing everything',
    address: 'aws_s3_bucket_policy.trail',
    mutate: (c) =>
      addStatement(body(c, 'aws_s3_bucket_policy', 'trail'), {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: '*',
        Resource: '*',
      }),
  },
  {
    rule: 'iam-time-bounded',
    what: 'the student guard without its access-end deny',
    address: 'aws_iam_policy.student',
    mutate: (c) => withoutStatement(body(c, 'aws_iam_policy', 'student_guard'), 'AccessEnds'),
  },
  {
    rule: 'iam-time-bounded',
    what: 'an access-end deny with the wrong date operator',
    address: 'aws_iam_policy.student',
    mutate: (c) => {
      const guard = body(c, 'aws_iam_policy', 'student_guard');
      const doc = policyOf(guard);
      const end = doc.Statement.find((s) => s.Sid === 'AccessEnds');
      if (end === undefined) throw new Error('no AccessEnds');
      end.Condition = { DateLessThan: { 'aws:CurrentTime': '2026-12-09T14:59:59Z' } };
      setPolicy(guard, doc);
    },
  },
  {
    rule: 'iam-time-bounded',
    what: 'a user policy on a student who is not in the guarded group',
    address: 'aws_iam_user_policy.s01_extra',
    mutate: (c) => {
      deleteResource(c, 'aws_iam_user_group_membership', 'student_s01');
      addResource(c, 'aws_iam_user_policy', 's01_extra', {
        user: '${aws_iam_user.student_s01.name}',
        policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'glue:CreateTable', Resource: '*' }] }),
      });
    },
  },
  {
    rule: 'iam-no-access-keys',
    what: 'an access key for a student',
    address: 'aws_iam_access_key.s01',
    mutate: (c) => addResource(c, 'aws_iam_access_key', 's01', { user: '${aws_iam_user.student_s01.name}' }),
  },
  {
    rule: 'iam-no-login-profile',
    what: 'a console password in Terraform',
    address: 'aws_iam_user_login_profile.s01',
    mutate: (c) =>
      addResource(c, 'aws_iam_user_login_profile', 's01', {
        user: '${aws_iam_user.student_s01.name}',
        password_reset_required: true,
      }),
  },
  {
    rule: 'iam-boundary',
    what: 'a role without a permissions boundary',
    address: 'aws_iam_role.glue',
    mutate: (c) => {
      delete body(c, 'aws_iam_role', 'glue').permissions_boundary;
    },
  },
  {
    rule: 'tags-cohort',
    what: 'a resource tagged with another cohort',
    address: 'aws_glue_job.clean_taxi_trips',
    mutate: (c) => {
      body(c, 'aws_glue_job', 'clean_taxi_trips').tags = { 'workshop:cohort': 'busan-intro-2026-12' };
    },
  },
  {
    rule: 'tags-cohort',
    what: 'a backup provider without the cohort tag',
    address: 'aws_kms_key.backup',
    mutate: (c) => {
      const providers = (c.provider as { aws: JsonMap[] }).aws;
      const backup = providers[1];
      if (backup === undefined) throw new Error('no backup provider');
      delete backup.default_tags;
    },
  },
  {
    rule: 'budget-notifications',
    what: 'notifications without subscribers',
    address: 'aws_budgets_budget.monthly',
    mutate: (c) => {
      const budget = body(c, 'aws_budgets_budget', 'monthly');
      budget.notification = (budget.notification as JsonMap[]).map(
        ({ subscriber_email_addresses: _e, subscriber_sns_topic_arns: _t, ...rest }) => rest,
      );
    },
  },
  {
    rule: 'budget-notifications',
    what: 'no budget at all',
    address: 'aws_budgets_budget',
    mutate: (c) => {
      deleteResource(c, 'aws_budgets_budget', 'monthly');
      deleteResource(c, 'aws_budgets_budget_action', 'freeze');
    },
  },
  {
    rule: 'trail-validation',
    what: 'log-file validation off',
    address: 'aws_cloudtrail.trail',
    mutate: (c) => {
      body(c, 'aws_cloudtrail', 'trail').enable_log_file_validation = false;
    },
  },
  {
    rule: 'trail-validation',
    what: 'no trail',
    address: 'aws_cloudtrail',
    mutate: (c) => deleteResource(c, 'aws_cloudtrail', 'trail'),
  },
  {
    rule: 'athena-cutoff',
    what: 'a student workgroup without a scan cutoff',
    address: 'aws_athena_workgroup.student_s02',
    mutate: (c) => {
      delete firstBlock(body(c, 'aws_athena_workgroup', 'student_s02'), 'configuration').bytes_scanned_cutoff_per_query;
    },
  },
  {
    rule: 'athena-cutoff',
    what: 'a workgroup that lets clients override its settings',
    address: 'aws_athena_workgroup.instructors',
    mutate: (c) => {
      firstBlock(body(c, 'aws_athena_workgroup', 'instructors'), 'configuration').enforce_workgroup_configuration =
        false;
    },
  },
  {
    rule: 'glue-job-timeout',
    what: 'a student job without a timeout',
    address: 'aws_glue_job.clean_taxi_trips_s01',
    mutate: (c) => {
      delete body(c, 'aws_glue_job', 'clean_taxi_trips_s01').timeout;
    },
  },
  {
    rule: 'glue-job-timeout',
    what: 'a job without a worker cap',
    address: 'aws_glue_job.clean_taxi_trips',
    mutate: (c) => {
      delete body(c, 'aws_glue_job', 'clean_taxi_trips').number_of_workers;
    },
  },
];

describe('guardrail rules on the valid cohort fixture', () => {
  it('stay quiet: every rule passes', () => {
    const report = runGuardrails(COHORT, validCohortConfig());
    expect(report.findings).toEqual([]);
    expect(report.passed).toEqual(RULES.map((r) => r.id));
  });

  it('each have at least one breaking case below', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe.each(CASES)('$rule fires on $what', (breaking) => {
  const config = validCohortConfig();
  breaking.mutate(config);
  const report = runGuardrails(COHORT, config);
  const rule = RULES.find((r) => r.id === breaking.rule);

  it('and no other rule fires', () => {
    expect([...new Set(report.findings.map((f) => f.ruleId))]).toEqual([breaking.rule]);
    expect(report.passed).toEqual(RULES.map((r) => r.id).filter((id) => id !== breaking.rule));
  });

  it(`names ${breaking.address} at the rule's severity`, () => {
    const hit = report.findings.find((f) => f.address === breaking.address);
    expect(hit?.severity).toBe(rule?.severity);
    const line = hit === undefined ? '' : formatFinding(report.stack, hit);
    expect(line.startsWith(`${COHORT} ${breaking.address} ${breaking.rule}: `)).toBe(true);
  });
});
