import { describe, expect, it } from 'vitest';
import type { Finding, Rule } from '../../src/guardrails/rule.ts';
import { RULES } from '../../src/guardrails/rules/index.ts';
import { formatFinding, type GuardrailReport, hasErrors, runGuardrails } from '../../src/guardrails/run.ts';
import { COHORT, type JsonMap, resourceBody, validCohortConfig } from './fixtures/valid-cohort.ts';

const BUCKET = 'acme-ws-workshops-terraform-state';

/** A bootstrap stack: the state bucket with its baseline and the GitHub OIDC roles. */
function bootstrapConfig(): JsonMap {
  const ref = '${aws_s3_bucket.state.id}';
  return {
    provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { 'managed-by': 'workshop-gitops' } }] }] },
    resource: {
      aws_s3_bucket: { state: { bucket: BUCKET } },
      aws_s3_bucket_versioning: { state: { bucket: ref, versioning_configuration: { status: 'Enabled' } } },
      aws_s3_bucket_server_side_encryption_configuration: {
        state: {
          bucket: ref,
          rule: [
            {
              apply_server_side_encryption_by_default: {
                sse_algorithm: 'aws:kms',
                kms_master_key_id: '${aws_kms_key.state.arn}',
              },
              bucket_key_enabled: true,
            },
          ],
        },
      },
      aws_s3_bucket_public_access_block: {
        state: {
          bucket: ref,
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      },
      aws_s3_bucket_ownership_controls: { state: { bucket: ref, rule: { object_ownership: 'BucketOwnerEnforced' } } },
      aws_s3_bucket_policy: {
        state: {
          bucket: ref,
          policy: JSON.stringify({
            Statement: [
              {
                Effect: 'Deny',
                Principal: { AWS: '*' },
                Action: 's3:*',
                Resource: '*',
                Condition: { Bool: { 'aws:SecureTransport': false } },
              },
            ],
          }),
        },
      },
      aws_kms_key: { state: { enable_key_rotation: true } },
      aws_iam_openid_connect_provider: {
        github: { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] },
      },
      aws_iam_role: {
        plan: {
          name: 'workshop-gitops-plan',
          assume_role_policy: JSON.stringify({
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Federated: '${aws_iam_openid_connect_provider.github.arn}' },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                  StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/workshop-gitops:pull_request' },
                },
              },
            ],
          }),
        },
      },
    },
  };
}

describe('formatFinding', () => {
  it('prints STACK RESOURCE_ADDRESS RULE: message', () => {
    const f: Finding = {
      ruleId: 's3-versioning',
      severity: 'error',
      address: 'aws_s3_bucket.raw',
      message: 'bucket has no versioning; add aws_s3_bucket_versioning with status Enabled',
    };
    expect(formatFinding('seoul-data-eng-2026-12', f)).toBe(
      'seoul-data-eng-2026-12 aws_s3_bucket.raw s3-versioning: bucket has no versioning; add aws_s3_bucket_versioning with status Enabled',
    );
  });

  it('keeps a finding on one line whatever its message holds', () => {
    const f: Finding = {
      ruleId: 'x',
      severity: 'warning',
      address: 'aws_s3_bucket.a',
      message: 'first\nsecond\r\n  third',
    };
    expect(formatFinding('s', f)).toBe('s aws_s3_bucket.a x: first second third');
  });

  it('is what the runner produces for a real finding', () => {
    const config = validCohortConfig();
    delete (config.resource as Record<string, Record<string, JsonMap>>).aws_s3_bucket_versioning?.raw;
    const report = runGuardrails(COHORT, config);
    expect(report.findings.map((f) => formatFinding(report.stack, f))).toEqual([
      `${COHORT} aws_s3_bucket.raw s3-versioning: bucket has no versioning; add aws_s3_bucket_versioning with status Enabled`,
    ]);
  });
});

describe('runGuardrails', () => {
  const throwing: Rule = {
    id: 'always-throws',
    severity: 'error',
    appliesTo: 'all',
    description: 'test rule',
    check: () => {
      throw new TypeError("Cannot read properties of undefined (reading 'status')");
    },
  };

  it('turns a crashing rule into a guardrail-crashed error naming it, and still runs the others', () => {
    const report = runGuardrails(COHORT, validCohortConfig(), { rules: [throwing, ...RULES] });
    expect(report.findings).toEqual([
      {
        ruleId: 'guardrail-crashed',
        severity: 'error',
        address: 'cdk.tf.json',
        message: expect.stringContaining('rule always-throws crashed (TypeError: Cannot read properties'),
      },
    ]);
    expect(report.passed).toEqual(RULES.map((r) => r.id));
    expect(hasErrors([report])).toBe(true);
  });

  it('survives a configuration whose values throw when read', () => {
    const config = validCohortConfig();
    const versioning = resourceBody(config, 'aws_s3_bucket_versioning', 'raw');
    Object.defineProperty(versioning, 'bucket', {
      enumerable: true,
      get() {
        throw new Error('corrupt value');
      },
    });
    const report = runGuardrails(COHORT, config);
    const crashed = report.findings.filter((f) => f.ruleId === 'guardrail-crashed');
    expect(crashed.length).toBeGreaterThan(0);
    expect(crashed.every((f) => /^rule [a-z0-9-]+ crashed \(Error: corrupt value\)/.test(f.message))).toBe(true);
    expect(report.passed).toContain('budget-notifications');
  });

  it.each([
    ['resources of the wrong type', { resource: { aws_s3_bucket: 'nope', aws_iam_policy: [1, null, 'x'] } }],
    [
      'nulls where blocks belong',
      { provider: { aws: null }, resource: { aws_s3_bucket: { a: null, b: { bucket: null } } } },
    ],
    [
      'numbers and strings in nested blocks',
      {
        resource: {
          aws_s3_bucket: { a: { bucket: 'a' } },
          aws_s3_bucket_replication_configuration: {
            r: { bucket: '${aws_s3_bucket.a.id}', role: 'r', rule: [7, { status: 'Enabled', destination: 'x' }] },
          },
          aws_athena_workgroup: { w: { configuration: [null, 'x'] } },
          aws_iam_group: { g: {} },
          aws_iam_group_policy: {
            p: { group: '${aws_iam_group.g.name}', policy: '{"Statement": {"Effect": "Allow", "Action": 5}}' },
          },
        },
      },
    ],
  ])('does not throw on %s', (_what, json) => {
    const report = runGuardrails(COHORT, json);
    expect(report.findings.filter((f) => f.ruleId === 'guardrail-crashed')).toEqual([]);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('reports JSON text that does not parse, or is not an object, without throwing', () => {
    const bad = runGuardrails(COHORT, '{"resource": {');
    expect(bad.findings).toHaveLength(1);
    expect(bad.findings[0]).toMatchObject({ ruleId: 'terraform-json', severity: 'error', address: 'cdk.tf.json' });
    expect(bad.findings[0]?.message).toMatch(/^the file is not valid JSON \(SyntaxError: /);
    expect(bad.passed).toEqual([]);
    expect(runGuardrails(COHORT, '[]').findings[0]?.message).toMatch(/^the file is not a JSON object/);
    expect(runGuardrails(COHORT, JSON.stringify(validCohortConfig())).findings).toEqual([]);
  });

  it('runs only the rules that apply to every stack on the bootstrap stack', () => {
    const report = runGuardrails('bootstrap', bootstrapConfig());
    expect(report.findings).toEqual([]);
    expect(report.passed).toEqual(RULES.filter((r) => r.appliesTo === 'all').map((r) => r.id));
    expect(report.passed).toEqual(
      expect.arrayContaining(['s3-versioning', 's3-encryption', 's3-tls-only', 'iam-no-star', 'iam-no-access-keys']),
    );
    expect(report.passed).not.toContain('budget-notifications');
    // The same file as a cohort stack lacks a budget, a trail and the cohort tag.
    const asCohort = runGuardrails('some-cohort', bootstrapConfig());
    expect(new Set(asCohort.findings.map((f) => f.ruleId))).toEqual(
      new Set(['budget-notifications', 'trail-validation', 'tags-cohort', 'iam-boundary', 's3-lifecycle']),
    );
  });

  it('checks the bootstrap state bucket baseline', () => {
    const config = bootstrapConfig();
    delete (config.resource as Record<string, Record<string, JsonMap>>).aws_s3_bucket_policy;
    const report = runGuardrails('bootstrap', config);
    expect(report.findings.map((f) => formatFinding(report.stack, f))).toEqual([
      expect.stringMatching(/^bootstrap aws_s3_bucket\.state s3-tls-only: bucket has no bucket policy; /),
    ]);
  });
});

describe('hasErrors', () => {
  const report = (findings: Finding[]): GuardrailReport => ({ stack: 's', findings, passed: [] });
  const warning: Finding = { ruleId: 'replication-monitored', severity: 'warning', address: 'a.b', message: 'm' };

  it('is false for no findings or warnings only, true once any report has an error', () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([report([]), report([warning])])).toBe(false);
    expect(hasErrors([report([warning]), report([{ ...warning, severity: 'error' }])])).toBe(true);
  });
});

describe('rule metadata', () => {
  it('has unique kebab-case ids, a description and error severity for security and data-loss rules', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.description.length).toBeGreaterThan(20);
    }
    const warnings = RULES.filter((r) => r.severity === 'warning').map((r) => r.id);
    expect(warnings).toEqual(['s3-lifecycle', 'replication-monitored']);
  });
});
