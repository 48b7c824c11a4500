import { describe, expect, it } from 'vitest';
import { readHclValue } from '../../src/guardrails/hcl-value.ts';
import { interpolations, referencedAddresses, wholeInterpolation } from '../../src/guardrails/interpolation.ts';
import { readTerraformConfig, type TfResource } from '../../src/guardrails/terraform-json.ts';
import { COHORT, validCohortConfig } from './fixtures/valid-cohort.ts';

const config = readTerraformConfig(validCohortConfig());
const must = (address: string): TfResource => {
  const found = config.get(address);
  if (found === undefined) throw new Error(`no ${address}`);
  return found;
};

describe('interpolations', () => {
  it('finds references, skipping $${} escapes and nested braces', () => {
    const text = 'arn:${aws_s3_bucket.raw.arn}/students/$${aws:username}/${jsonencode({"a" = aws_kms_key.k.arn})}';
    expect(interpolations(text)).toEqual(['aws_s3_bucket.raw.arn', 'jsonencode({"a" = aws_kms_key.k.arn})']);
    expect([...referencedAddresses({ x: [text] })]).toEqual(['aws_s3_bucket.raw', 'aws_kms_key.k']);
  });

  it('tells a whole-string interpolation from a template', () => {
    expect(wholeInterpolation(' ${data.aws_iam_policy_document.x.json} ')).toBe('data.aws_iam_policy_document.x.json');
    expect(wholeInterpolation('${a.b}-${c.d}')).toBeUndefined();
    expect(wholeInterpolation('$${aws:username}')).toBeUndefined();
  });

  it('does not take a longer resource name for a shorter one', () => {
    expect([...referencedAddresses('${aws_s3_bucket.raw_dr.arn}')]).toEqual(['aws_s3_bucket.raw_dr']);
  });
});

describe('TerraformConfig', () => {
  it('lists resources by type with their addresses', () => {
    expect(config.resources('aws_s3_bucket').map((r) => r.address)).toEqual([
      'aws_s3_bucket.raw',
      'aws_s3_bucket.processed',
      'aws_s3_bucket.results',
      'aws_s3_bucket.trail',
      'aws_s3_bucket.raw_dr',
      'aws_s3_bucket.processed_dr',
    ]);
  });

  it('finds companions that reference a bucket by .id or .bucket, not those of a similarly named bucket', () => {
    const raw = must('aws_s3_bucket.raw');
    expect(config.referencing('aws_s3_bucket_versioning', 'bucket', raw).map((r) => r.address)).toEqual([
      'aws_s3_bucket_versioning.raw',
    ]);
    expect(config.referencing('aws_s3_bucket_ownership_controls', 'bucket', raw).map((r) => r.address)).toEqual([
      'aws_s3_bucket_ownership_controls.raw',
    ]);
  });

  it('matches literal names and ARNs written by hand', () => {
    const raw = must('aws_s3_bucket.raw');
    expect(config.refersTo(`acme-ws-${COHORT}-raw`, raw)).toBe(true);
    expect(config.refersTo(`arn:aws:s3:::acme-ws-${COHORT}-raw`, raw)).toBe(true);
    expect(config.refersTo(`arn:aws:s3:::acme-ws-${COHORT}-raw-dr`, raw)).toBe(false);
    const student = must('aws_iam_policy.student');
    expect(
      config.refersTo(`arn:aws:iam::123456789012:policy/workshops/${COHORT}/acme-ws-${COHORT}-student`, student),
    ).toBe(true);
  });

  it('resolves providers, aliases and regions, including a resource-level region', () => {
    expect(config.defaultRegion()).toBe('ap-northeast-2');
    expect(config.providerOf(must('aws_s3_bucket.raw_dr'))?.address).toBe('provider.aws.backup');
    expect(config.regionOf(must('aws_s3_bucket.raw_dr'))).toBe('ap-southeast-1');
    expect(config.regionOf(must('aws_s3_bucket.raw'))).toBe('ap-northeast-2');
    expect(config.backupProviders().map((p) => p.region)).toEqual(['ap-southeast-1']);
    const moved = readTerraformConfig({
      provider: { aws: { region: 'us-east-1' } },
      resource: { aws_s3_bucket: { a: { region: 'eu-west-1', provider: '${aws}' } } },
    });
    const bucket = moved.resources('aws_s3_bucket')[0];
    expect(bucket === undefined ? undefined : moved.regionOf(bucket)).toBe('eu-west-1');
    expect(moved.backupProviders()).toEqual([]);
  });

  it('reads the cohort id from the default provider and merges resource tags over default tags', () => {
    expect(config.cohortId()).toBe(COHORT);
    const tagged = readTerraformConfig({
      provider: { aws: [{ default_tags: { tags: { 'workshop:cohort': 'a', x: '1' } } }] },
      resource: { aws_sns_topic: { t: { tags: { 'workshop:cohort': 'b' } } } },
    });
    const topic = tagged.resources('aws_sns_topic')[0];
    expect(topic === undefined ? undefined : tagged.effectiveTags(topic)).toEqual({
      tags: { 'workshop:cohort': 'b', x: '1' },
      known: true,
    });
  });

  it('treats a provider reference to an undeclared alias as unknown', () => {
    const odd = readTerraformConfig({ resource: { aws_s3_bucket: { a: { provider: 'aws.nowhere' } } } });
    const bucket = odd.resources('aws_s3_bucket')[0];
    expect(bucket === undefined ? 'missing' : odd.providerOf(bucket)).toBeUndefined();
  });
});

describe('policy documents', () => {
  it('parses a JSON-string policy holding references and IAM variables', () => {
    const parsed = config.policy(must('aws_iam_policy.student').body.policy);
    if (!parsed.ok) throw new Error(parsed.reason);
    const own = parsed.document.statements.find((s) => s.sid === 'OwnProcessedPrefix');
    expect(own?.resources).toEqual(['${aws_s3_bucket.processed.arn}/students/$${aws:username}/*']);
  });

  it('resolves ${data.aws_iam_policy_document.x.json} from the data source, including source documents', () => {
    const cfg = readTerraformConfig({
      data: {
        aws_iam_policy_document: {
          base: { statement: { sid: 'Base', actions: 's3:GetObject', resources: ['*'] } },
          doc: {
            source_policy_documents: ['${data.aws_iam_policy_document.base.json}'],
            statement: [
              {
                effect: 'Deny',
                not_actions: ['iam:ChangePassword'],
                resources: ['*'],
                principals: { type: '*', identifiers: ['*'] },
                condition: { test: 'Bool', variable: 'aws:SecureTransport', values: [false] },
              },
            ],
          },
        },
      },
    });
    const parsed = cfg.policy('${data.aws_iam_policy_document.doc.json}');
    expect(parsed).toEqual({
      ok: true,
      document: {
        statements: [
          { sid: 'Base', effect: 'Allow', actions: ['s3:GetObject'], resources: ['*'], conditions: [] },
          {
            effect: 'Deny',
            notActions: ['iam:ChangePassword'],
            resources: ['*'],
            principal: '*',
            conditions: [{ operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      },
    });
  });

  it("reads CDKTF's Fn.jsonencode form, turning bare references into interpolations", () => {
    const encoded =
      '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = ["s3:GetObject"], "Resource" = "${aws_s3_bucket.raw.arn}/*"}, {"Effect" = "Deny", "Action" = "*", "Resource" = aws_s3_bucket.raw.arn, "Condition" = {"Bool" = {"aws:SecureTransport" = false}}}]})}';
    const parsed = config.policy(encoded);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.document.statements.map((s) => s.resources)).toEqual([
      ['${aws_s3_bucket.raw.arn}/*'],
      ['${aws_s3_bucket.raw.arn}'],
    ]);
    expect(parsed.document.statements[1]?.conditions).toEqual([
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] },
    ]);
  });

  it('reads HCL literals and reports unreadable ones as undefined', () => {
    expect(readHclValue('{a = [1, true, null, "x\\"y"], "b" = lookup(var.m, "k", "d")}')).toEqual({
      a: [1, true, null, 'x"y'],
      b: '${lookup(var.m, "k", "d")}',
    });
    expect(readHclValue('{"a" = ')).toBeUndefined();
  });

  it('says why a policy cannot be read', () => {
    const reason = (value: unknown) => {
      const parsed = config.policy(value);
      return parsed.ok ? 'parsed' : parsed.reason;
    };
    expect(reason('${aws_iam_policy.other.policy}')).toBe('the policy is computed by ${aws_iam_policy.other.policy}');
    expect(reason('${data.aws_iam_policy_document.missing.json}')).toBe(
      'data.aws_iam_policy_document.missing is not in the configuration',
    );
    expect(reason('{"Statement": [')).toMatch(/^the policy is not valid JSON/);
    expect(reason('{"Statement": [{"Effect": "Maybe"}]}')).toBe('a statement has Effect "Maybe"');
    expect(reason(42)).toBe('there is no policy document');
  });

  it('stops following data sources that include each other', () => {
    const cyclic = readTerraformConfig({
      data: {
        aws_iam_policy_document: {
          a: { source_policy_documents: ['${data.aws_iam_policy_document.b.json}'] },
          b: { source_policy_documents: ['${data.aws_iam_policy_document.a.json}'] },
        },
      },
    });
    const parsed = cyclic.policy('${data.aws_iam_policy_document.a.json}');
    expect(parsed.ok ? 'parsed' : parsed.reason).toMatch(/nest too deeply/);
  });
});
