import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/guardrails/rules/index.ts';
import { runGuardrails } from '../../src/guardrails/run.ts';
import {
  COHORT,
  firstBlock,
  type Json,
  type JsonMap,
  policyOf,
  resourceBody,
  validCohortConfig,
} from './fixtures/valid-cohort.ts';

/** Every one-element array of blocks written as the bare block (as a hand edit or another generator might). */
function singleBlocksAsObjects(value: Json): Json {
  if (Array.isArray(value)) {
    const items = value.map(singleBlocksAsObjects);
    const only = items[0];
    return items.length === 1 && typeof only === 'object' && only !== null && !Array.isArray(only) ? only : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, singleBlocksAsObjects(v)]));
  }
  return value;
}

// Nested blocks of the resources the rules read; wrapping maps such as `tags` would change their meaning.
const BLOCK_KEYS = new Set([
  'versioning_configuration',
  'apply_server_side_encryption_by_default',
  'rule',
  'delete_marker_replication',
  'source_selection_criteria',
  'sse_kms_encrypted_objects',
  'destination',
  'encryption_configuration',
  'metrics',
  'replication_time',
  'configuration',
  'result_configuration',
]);

/** Every object-valued nested block written as a one-element array. */
function blocksAsArrays(value: Json): Json {
  if (Array.isArray(value)) return value.map(blocksAsArrays);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const inner = blocksAsArrays(v);
        const wrap = BLOCK_KEYS.has(k) && typeof inner === 'object' && inner !== null && !Array.isArray(inner);
        return [k, wrap ? [inner] : inner];
      }),
    );
  }
  return value;
}

/** Every JSON-string `policy` argument replaced by the parsed object. */
function policiesAsObjects(value: Json): Json {
  if (Array.isArray(value)) return value.map(policiesAsObjects);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        (k === 'policy' || k === 'assume_role_policy') && typeof v === 'string' && v.startsWith('{')
          ? (JSON.parse(v) as Json)
          : policiesAsObjects(v),
      ]),
    );
  }
  return value;
}

const allRuleIds = RULES.map((r) => r.id);

describe('tolerant reading of the valid fixture', () => {
  it.each([
    ['one-element block lists written as objects', singleBlocksAsObjects],
    ['single blocks written as one-element arrays', blocksAsArrays],
    ['policies written as objects instead of JSON strings', policiesAsObjects],
  ])('stays quiet with %s', (_what, transform) => {
    const original = validCohortConfig();
    const transformed = transform(original);
    expect(transformed).not.toEqual(original);
    const report = runGuardrails(COHORT, transformed);
    expect(report.findings).toEqual([]);
    expect(report.passed).toEqual(allRuleIds);
  });

  it('still finds a broken setting when blocks are objects', () => {
    const config = validCohortConfig();
    firstBlock(
      firstBlock(resourceBody(config, 'aws_s3_bucket_replication_configuration', 'raw'), 'rule'),
      'destination',
    ).encryption_configuration = {};
    const report = runGuardrails(COHORT, singleBlocksAsObjects(config));
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      'replication-configured aws_s3_bucket_replication_configuration.raw',
    ]);
  });

  it('still finds an Allow of * on * in a policy written as an object', () => {
    const config = validCohortConfig();
    resourceBody(config, 'aws_iam_policy', 'instructor').policy = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
    };
    const report = runGuardrails(COHORT, config);
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['iam-no-star aws_iam_policy.instructor']);
  });

  it('checks a policy written with Fn.jsonencode', () => {
    const config = validCohortConfig();
    resourceBody(config, 'aws_iam_policy', 'instructor').policy =
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = "*", "Resource" = "*"}]})}';
    const report = runGuardrails(COHORT, config);
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['iam-no-star aws_iam_policy.instructor']);
  });

  it('accepts string booleans and numbers', () => {
    const config = validCohortConfig();
    resourceBody(config, 'aws_cloudtrail', 'trail').enable_log_file_validation = 'true';
    resourceBody(config, 'aws_glue_job', 'clean_taxi_trips').timeout = '60';
    resourceBody(config, 'aws_s3_bucket_public_access_block', 'raw').block_public_acls = 'true';
    expect(runGuardrails(COHORT, config).findings).toEqual([]);
  });

  it('matches companions that name a bucket literally instead of by reference', () => {
    const config = validCohortConfig();
    resourceBody(config, 'aws_s3_bucket_versioning', 'raw').bucket = `acme-ws-${COHORT}-raw`;
    expect(runGuardrails(COHORT, config).findings).toEqual([]);
  });
});

describe('policies the rules cannot read', () => {
  it('are reported as warnings, not passed silently and not as errors', () => {
    const config = validCohortConfig();
    resourceBody(config, 'aws_iam_policy', 'instructor').policy = '${aws_iam_policy.elsewhere.policy}';
    const report = runGuardrails(COHORT, config);
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.address}`)).toEqual([
      'warning iam-no-star aws_iam_policy.instructor',
    ]);
    expect(report.findings[0]?.message).toMatch(/^cannot check policy: the policy is computed by/);
  });

  it('do not hide a time bound provided by another attached policy', () => {
    const config = validCohortConfig();
    // The student policy becomes unreadable, but the guard still denies "*" after the access end.
    resourceBody(config, 'aws_iam_policy', 'student').policy = '${aws_iam_policy.elsewhere.policy}';
    const report = runGuardrails(COHORT, config);
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual(['iam-no-star aws_iam_policy.student']);
  });
});

describe('heuristics', () => {
  it('exempt a managed policy used only as a permissions boundary from iam-no-star', () => {
    const config = validCohortConfig();
    const boundary = resourceBody(config, 'aws_iam_policy', 'boundary');
    boundary.policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(runGuardrails(COHORT, config).findings).toEqual([]);
    resourceBody(config, 'aws_iam_role_policy_attachment', 'glue').policy_arn = '${aws_iam_policy.boundary.arn}';
    expect(runGuardrails(COHORT, config).findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      'iam-no-star aws_iam_policy.boundary',
    ]);
  });

  it('let a user inherit the time bound of its group, and require one for an outside managed policy', () => {
    const config = validCohortConfig();
    const resources = config.resource as Record<string, Record<string, JsonMap>>;
    resources.aws_iam_user_policy_attachment = {
      s01_readonly: { user: '${aws_iam_user.student_s01.name}', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    };
    expect(runGuardrails(COHORT, config).findings).toEqual([]);
    const guard = resourceBody(config, 'aws_iam_policy', 'student_guard');
    const doc = policyOf(guard);
    const end = doc.Statement.find((s) => s.Sid === 'AccessEnds');
    if (end === undefined) throw new Error('no AccessEnds');
    end.Action = ['s3:*', 'athena:*', 'glue:*', 'kms:*', 'iam:ChangePassword'];
    guard.policy = JSON.stringify(doc);
    const report = runGuardrails(COHORT, config);
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      'iam-time-bounded aws_iam_user_policy_attachment.s01_readonly',
    ]);
    expect(report.findings[0]?.message).toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
  });

  it('require no replication without a backup provider, but still check replication that exists', () => {
    const config = validCohortConfig();
    const providers = (config.provider as { aws: JsonMap[] }).aws;
    providers.splice(1);
    const resources = config.resource as Record<string, Record<string, JsonMap>>;
    for (const type of Object.keys(resources)) {
      for (const [name, body] of Object.entries(resources[type] ?? {})) {
        if (body.provider === 'aws.backup' || name.endsWith('_dr')) delete resources[type]?.[name];
      }
    }
    delete resources.aws_kms_key?.backup;
    delete resources.aws_kms_alias?.backup;
    delete resources.aws_s3_bucket_replication_configuration?.processed;
    const report = runGuardrails(COHORT, config);
    // processed is no longer required to replicate; the raw replication left behind is still checked below.
    expect(report.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([]);
    firstBlock(
      resourceBody(config, 'aws_s3_bucket_replication_configuration', 'raw'),
      'rule',
    ).delete_marker_replication = {
      status: 'Disabled',
    };
    expect(runGuardrails(COHORT, config).findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      'replication-configured aws_s3_bucket_replication_configuration.raw',
    ]);
  });
});
