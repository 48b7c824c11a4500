/**
 * `regions.failover: true`: the stack also builds, in the backup region and over the replica buckets, the Glue
 * database, one crawler per dataset, the security configuration, the Athena workgroups (same names) and a baseline
 * results bucket encrypted with the backup key. Without the flag none of it exists, and the flag adds without
 * removing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CohortNames, derivedNames } from '../../src/cohort/names.ts';
import type { ResolvedCohort } from '../../src/cohort/schema.ts';
import { runGuardrails } from '../../src/guardrails/run.ts';
import { exampleCohort, exampleSettings, SEOUL } from '../support/example-cohorts.ts';
import {
  type Attributes,
  policyOf,
  ref,
  resource,
  resources,
  type Synthesized,
  synthesizeInto,
  type TerraformJson,
  tempDir,
} from './synthesized.ts';

const settings = exampleSettings();
const names = new CohortNames(settings.namePrefix, SEOUL);

function failingOver(): ResolvedCohort {
  const cohort = exampleCohort(SEOUL);
  return { ...cohort, regions: { ...cohort.regions, failover: true } };
}

let plain: Synthesized;
let failover: Synthesized;
beforeAll(() => {
  plain = synthesizeInto(tempDir(), [exampleCohort(SEOUL)], settings);
  failover = synthesizeInto(tempDir(), [failingOver()], settings);
});
afterAll(() => {
  plain.cleanup();
  failover.cleanup();
});

function addresses(stack: TerraformJson): Set<string> {
  return new Set(
    Object.entries(stack.resource).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)),
  );
}

const isFailover = (address: string) => /\.(results_failover|failover(_.*)?)$/.test(address);

describe('failover', () => {
  it('adds resources only, all of them in the backup region, and none without the flag', () => {
    const before = addresses(plain.stack(SEOUL));
    const after = addresses(failover.stack(SEOUL));
    expect([...before].filter((a) => !after.has(a))).toEqual([]);
    const added = [...after].filter((a) => !before.has(a));
    expect(added.every(isFailover)).toBe(true);
    expect([...before].filter(isFailover)).toEqual([]);
    const stack = failover.stack(SEOUL);
    for (const address of added) {
      const [type = '', name = ''] = address.split('.');
      expect(resource(stack, type, name).provider, address).toBe('aws.backup');
    }
    const cohort = failingOver();
    expect(added.filter((a) => a.startsWith('aws_athena_workgroup.'))).toHaveLength(cohort.students.length + 1);
    expect(added.filter((a) => a.startsWith('aws_glue_crawler.'))).toHaveLength(cohort.datasets.length);
  });

  it('builds the catalog under the primary names, crawling the raw replica with the cohort’s Glue role', () => {
    const stack = failover.stack(SEOUL);
    expect(resource(stack, 'aws_s3_bucket', 'raw_replica').bucket).toBe(names.replicaBucket('raw'));
    expect(resource(stack, 'aws_glue_catalog_database', 'failover').name).toBe(names.database);
    const crawler = resource(stack, 'aws_glue_crawler', 'failover_taxi_trips');
    expect(crawler).toMatchObject({
      name: names.crawler('taxi_trips'),
      database_name: ref('aws_glue_catalog_database', 'failover', 'name'),
      role: ref('aws_iam_role', 'glue', 'arn'),
      security_configuration: ref('aws_glue_security_configuration', 'failover', 'name'),
      // The raw replica, by reference: the crawler is created after it.
      s3_target: [{ path: `s3://${ref('aws_s3_bucket', 'raw_replica', 'bucket')}/taxi_trips/` }],
    });
    const security = resource(stack, 'aws_glue_security_configuration', 'failover');
    expect(JSON.stringify(security)).toContain(ref('aws_kms_key', 'backup', 'arn'));
    expect(JSON.stringify(security)).not.toContain(ref('aws_kms_key', 'primary', 'arn'));
  });

  it('gives every workgroup its primary name, its own prefix of the backup results bucket and the backup key', () => {
    const stack = failover.stack(SEOUL);
    const workgroups = Object.values(resources(stack, 'aws_athena_workgroup')).filter(
      (w) => w.provider === 'aws.backup',
    );
    const primary = Object.values(resources(stack, 'aws_athena_workgroup')).filter((w) => w.provider === undefined);
    expect(workgroups.map((w) => w.name).sort()).toEqual(primary.map((w) => w.name).sort());
    for (const workgroup of workgroups) {
      const result = (workgroup.configuration as Attributes).result_configuration as Attributes;
      expect(result.output_location).toBe(
        `s3://${ref('aws_s3_bucket', 'results_failover', 'bucket')}/workgroups/${String(workgroup.name)}/`,
      );
      expect(result.encryption_configuration).toEqual({
        encryption_option: 'SSE_KMS',
        kms_key_arn: ref('aws_kms_key', 'backup', 'arn'),
      });
    }
  });

  it('keeps query results in a baseline bucket of the backup region, encrypted with the backup key', () => {
    const stack = failover.stack(SEOUL);
    expect(resource(stack, 'aws_s3_bucket', 'results_failover')).toMatchObject({
      bucket: names.failoverResultsBucket,
      force_destroy: false,
      provider: 'aws.backup',
    });
    expect(resource(stack, 'aws_s3_bucket_public_access_block', 'results_failover')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const encryption = resource(stack, 'aws_s3_bucket_server_side_encryption_configuration', 'results_failover');
    expect(JSON.stringify(encryption)).toContain(ref('aws_kms_key', 'backup', 'arn'));
    expect(resource(stack, 'aws_s3_bucket_versioning', 'results_failover')).toMatchObject({
      versioning_configuration: { status: 'Enabled' },
    });
  });
});

describe('the failover results bucket', () => {
  const results = (stack: TerraformJson, name: string) =>
    Object.keys(stack.resource)
      .filter((type) => resources(stack, type)[name] !== undefined)
      .sort();

  it('has every part of the baseline the primary results bucket has, all in the backup region', () => {
    const stack = failover.stack(SEOUL);
    const parts = results(stack, 'results');
    expect(parts).toEqual(
      expect.arrayContaining([
        'aws_s3_bucket',
        'aws_s3_bucket_lifecycle_configuration',
        'aws_s3_bucket_policy',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
      ]),
    );
    expect(results(stack, 'results_failover')).toEqual(parts);
    for (const type of parts) expect(resource(stack, type, 'results_failover').provider, type).toBe('aws.backup');
  });

  it('refuses requests without TLS and expires results after the retention the primary one keeps', () => {
    const stack = failover.stack(SEOUL);
    const policy = JSON.stringify(policyOf(resource(stack, 'aws_s3_bucket_policy', 'results_failover')));
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).toContain(`arn:aws:s3:::${names.failoverResultsBucket}/*`);
    const lifecycle = (name: string) => {
      // Only the rules: the bucket, provider and construct metadata differ by design.
      return resource(stack, 'aws_s3_bucket_lifecycle_configuration', name).rule;
    };
    const days = failingOver().athena.resultRetentionDays;
    expect(lifecycle('results')).toEqual([expect.objectContaining({ expiration: [{ days }], status: 'Enabled' })]);
    expect(lifecycle('results_failover')).toEqual(lifecycle('results'));
  });
});

describe('names and permissions with failover', () => {
  it('builds in the backup region exactly the names the validator checks for it', () => {
    const stack = failover.stack(SEOUL);
    const cohort = failingOver();
    const backup = cohort.regions.backup;
    const built = (type: string, attribute: string) =>
      Object.values(resources(stack, type))
        .filter((r) => r.provider === 'aws.backup')
        .map((r) => String(r[attribute]));
    const synthesized = [
      ...built('aws_glue_catalog_database', 'name').map((name) => `glueDatabase ${name}`),
      ...built('aws_glue_security_configuration', 'name').map((name) => `glueSecurityConfiguration ${name}`),
      ...built('aws_glue_crawler', 'name').map((name) => `glueCrawler ${name}`),
      ...built('aws_athena_workgroup', 'name').map((name) => `athenaWorkgroup ${name}`),
    ];
    const derived = derivedNames(settings.namePrefix, cohort)
      .filter((d) => d.region === backup)
      .map((d) => `${d.kind} ${d.name}`);
    expect(derived.sort()).toEqual(synthesized.sort());
    const buckets = derivedNames(settings.namePrefix, cohort).filter((d) => d.kind === 's3Bucket');
    expect(buckets.map((d) => d.name)).toContain(resource(stack, 'aws_s3_bucket', 'results_failover').bucket);
  });

  it.each(['student', 'instructor', 'boundary'])(
    'the synthesized %s policy reaches the failover results bucket only with failover',
    (policy) => {
      const text = (synth: Synthesized) =>
        JSON.stringify(policyOf(resource(synth.stack(SEOUL), 'aws_iam_policy', policy)));
      expect(text(failover)).toContain(`arn:aws:s3:::${names.failoverResultsBucket}/`);
      expect(text(plain)).not.toContain(names.failoverResultsBucket);
    },
  );

  it('gives each student their own prefix of it, by user name', () => {
    const student = JSON.stringify(policyOf(resource(failover.stack(SEOUL), 'aws_iam_policy', 'student')));
    expect(student).toContain(`arn:aws:s3:::${names.failoverResultsBucket}/workgroups/\${aws:username}/*`);
  });
});

describe('failover and the guardrails', () => {
  it('passes every guardrail the stack without failover passes', () => {
    const findings = (synth: Synthesized) =>
      runGuardrails(SEOUL, synth.stack(SEOUL)).findings.map((f) => `${f.ruleId} ${f.address}`);
    const withFailover = findings(failover);
    expect(withFailover).toEqual(findings(plain));
    expect(withFailover.filter((f) => isFailover(f.split(' ')[1] ?? ''))).toEqual([]);
  });
});
