import { describe, expect, it } from 'vitest';
import type { ReplicationRuleSettings } from '../../../src/aws/s3-replication.ts';
import { checkConfiguration, type PairSettings, ruleTo } from '../../../src/jobs/dr-audit/configuration-check.ts';
import { BACKUP_KEY, healthyReplication } from './fakes.ts';

const pair = { role: 'raw' as const, source: 'acme-ws-c-raw', replica: 'acme-ws-c-raw-dr' };
const key = { arns: [BACKUP_KEY] };

function settings(rule: Partial<ReplicationRuleSettings> = {}, over: Partial<PairSettings> = {}): PairSettings {
  const healthy = healthyReplication(pair.replica);
  const [base] = healthy.rules;
  if (base === undefined) throw new Error('no rule');
  return {
    replication: { ...healthy, rules: [{ ...base, ...rule }] },
    sourceVersioning: { status: 'Enabled', mfaDelete: 'Disabled' },
    replicaVersioning: { status: 'Enabled', mfaDelete: 'Disabled' },
    replicaEncryption: { algorithm: 'aws:kms', kmsKeyId: BACKUP_KEY, bucketKeyEnabled: true },
    replicaPublicAccess: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
    ...over,
  };
}

const failures = (s: PairSettings) =>
  checkConfiguration(pair, s, key)
    .findings.filter((f) => f.severity === 'failure')
    .map((f) => f.key);

describe('checkConfiguration', () => {
  it('finds nothing wrong with the configuration the cohort stack builds', () => {
    expect(checkConfiguration(pair, settings(), key).findings).toEqual([]);
  });

  it.each<[string, Partial<ReplicationRuleSettings>, string]>([
    ['a disabled rule', { status: 'Disabled' }, 'config:raw:replication-rule'],
    ['a rule for one prefix', { prefix: 'trips/' }, 'config:raw:rule-scope'],
    ['a rule selecting by tag', { filtersOnTags: true }, 'config:raw:rule-scope'],
    ['no delete-marker replication', { deleteMarkerReplication: 'Disabled' }, 'config:raw:delete-markers'],
    ['KMS objects not selected (pitfall 10)', { sseKmsEncryptedObjects: 'Disabled' }, 'config:raw:sse-kms-objects'],
    [
      'another replica key',
      { replicaKmsKeyId: 'arn:aws:kms:ap-southeast-1:123456789012:key/other' },
      'config:raw:replica-key',
    ],
    ['no RTC', { replicationTime: { status: 'Disabled' } }, 'config:raw:rtc'],
    ['RTC at another time', { replicationTime: { status: 'Enabled', minutes: 30 } }, 'config:raw:rtc'],
    ['no metrics', { metrics: { status: 'Disabled' } }, 'config:raw:metrics'],
  ])('fails %s', (_name, rule, expected) => {
    expect(failures(settings(rule))).toEqual([expected]);
  });

  it('accepts the replica key given as a key id', () => {
    expect(failures(settings({ replicaKmsKeyId: 'bbbbbbbb-0000-4000-8000-000000000002' }))).toEqual([]);
  });

  it.each<[string, Partial<PairSettings>, string]>([
    [
      'unversioned source',
      { sourceVersioning: { status: 'Suspended', mfaDelete: 'Disabled' } },
      'config:raw:versioning-source',
    ],
    [
      'unversioned replica',
      { replicaVersioning: { status: 'Disabled', mfaDelete: 'Disabled' } },
      'config:raw:versioning-replica',
    ],
    ['no public-access block on the replica', { replicaPublicAccess: undefined }, 'config:raw:replica-public-access'],
    [
      'a partial public-access block',
      {
        replicaPublicAccess: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: false,
          restrictPublicBuckets: true,
        },
      },
      'config:raw:replica-public-access',
    ],
    ['a replica without default encryption', { replicaEncryption: undefined }, 'config:raw:replica-encryption'],
    [
      'a replica encrypted with SSE-S3',
      { replicaEncryption: { algorithm: 'AES256', bucketKeyEnabled: false } },
      'config:raw:replica-encryption',
    ],
  ])('fails an %s', (_name, over, expected) => {
    expect(failures(settings({}, over))).toEqual([expected]);
  });

  it('fails a missing rule once, and marks the rule checks not applicable', () => {
    const result = checkConfiguration(pair, settings({}, { replication: undefined }), key);
    expect(result.findings.map((f) => f.key)).toEqual(['config:raw:replication-rule']);
    expect(result.checks.filter((c) => c.status === 'n/a').map((c) => c.check)).toEqual([
      'whole bucket',
      'delete markers',
      'KMS-encrypted objects',
      'replica key',
      'replication time control',
      'replication metrics',
    ]);
  });

  it('ignores rules to other buckets', () => {
    const other = settings({ destinationBucketArn: 'arn:aws:s3:::somewhere-else' });
    expect(failures(other)).toContain('config:raw:replication-rule');
  });

  it('reports MFA delete as it is, never as a failure', () => {
    const result = checkConfiguration(
      pair,
      settings({}, { replicaVersioning: { status: 'Enabled', mfaDelete: 'Enabled' } }),
      key,
    );
    expect(result.mfaDelete).toEqual({ source: 'Disabled', replica: 'Enabled' });
    expect(result.findings).toEqual([]);
  });

  it('only warns about keys when the backup key is unknown', () => {
    const result = checkConfiguration(pair, settings(), { arns: [] });
    expect(result.findings.map((f) => [f.key, f.severity])).toEqual([
      ['config:raw:replica-key', 'warning'],
      ['config:raw:replica-encryption', 'warning'],
    ]);
  });
});

describe('ruleTo', () => {
  it('prefers the enabled rule, then the highest priority', () => {
    const arn = `arn:aws:s3:::${pair.replica}`;
    const rule = (id: string, status: string, priority: number): ReplicationRuleSettings => ({
      id,
      status,
      priority,
      prefix: '',
      filtersOnTags: false,
      destinationBucketArn: arn,
    });
    const replication = { rules: [rule('a', 'Disabled', 9), rule('b', 'Enabled', 1), rule('c', 'Enabled', 5)] };
    expect(ruleTo(replication, pair.replica)?.id).toBe('c');
  });
});
