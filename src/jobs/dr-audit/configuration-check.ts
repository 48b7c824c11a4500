/**
 * The configuration half of the DR audit, as a pure function of what S3 answered for one source/replica pair:
 * a replication rule to the right replica covering the whole bucket, with delete markers, KMS-encrypted objects
 * re-encrypted with the backup key (pitfall 10: with the wrong key or without the KMS selection, objects are skipped
 * silently), Replication Time Control and metrics; versioning on both sides; the replica blocked from public access
 * and encrypted with the backup key. MFA delete is reported only: automation cannot switch it on (only the root user
 * with an MFA device can).
 */
import type {
  BucketEncryption,
  BucketReplication,
  BucketVersioning,
  PublicAccessBlock,
  ReplicationRuleSettings,
} from '../../aws/s3-replication.ts';
import { type BackupKey, describeBackupKey, isBackupKey } from './backup-key.ts';
import { type BucketPair, bucketArn } from './bucket-pairs.ts';
import { type Finding, failure, warning } from './finding.ts';
import { RTC_TARGET_MINUTES } from './replication-target.ts';

export interface PairSettings {
  readonly replication: BucketReplication | undefined;
  readonly sourceVersioning: BucketVersioning;
  readonly replicaVersioning: BucketVersioning;
  readonly replicaEncryption: BucketEncryption | undefined;
  readonly replicaPublicAccess: PublicAccessBlock | undefined;
}

export type CheckStatus = 'ok' | 'failed' | 'warning' | 'info' | 'n/a';

export interface CheckResult {
  readonly check: string;
  readonly status: CheckStatus;
  /** What was found, in a few words. */
  readonly value: string;
}

export interface ConfigurationResult {
  readonly checks: readonly CheckResult[];
  readonly findings: readonly Finding[];
  readonly mfaDelete: { readonly source: string; readonly replica: string };
}

/** The rule replicating to the replica: an enabled one first, then by priority (S3 applies the highest). */
export function ruleTo(
  replication: BucketReplication | undefined,
  replica: string,
): ReplicationRuleSettings | undefined {
  const arn = bucketArn(replica);
  const rules = (replication?.rules ?? []).filter((r) => r.destinationBucketArn === arn);
  return rules.sort(
    (a, b) => Number(b.status === 'Enabled') - Number(a.status === 'Enabled') || (b.priority ?? 0) - (a.priority ?? 0),
  )[0];
}

class Checks {
  readonly checks: CheckResult[] = [];
  readonly findings: Finding[] = [];

  constructor(private readonly pair: BucketPair) {}

  /** Records one check; a failing one adds a finding keyed `config:<role>:<slug>`. */
  add(check: string, slug: string, ok: boolean | undefined, value: string, problem: string): void {
    const key = `config:${this.pair.role}:${slug}`;
    if (ok === true) {
      this.checks.push({ check, status: 'ok', value });
    } else if (ok === false) {
      this.checks.push({ check, status: 'failed', value });
      this.findings.push(failure(key, problem));
    } else {
      this.checks.push({ check, status: 'warning', value });
      this.findings.push(warning(key, problem));
    }
  }

  skip(check: string): void {
    this.checks.push({ check, status: 'n/a', value: 'no rule' });
  }
}

const enabled = (status: string | undefined) => status === 'Enabled';
const state = (status: string | undefined) => status ?? 'not set';

function ruleChecks(c: Checks, pair: BucketPair, rule: ReplicationRuleSettings | undefined, key: BackupKey): void {
  const where = `${pair.source} → ${pair.replica}`;
  c.add(
    'replication rule',
    'replication-rule',
    rule !== undefined && enabled(rule.status),
    rule === undefined ? 'none' : `${rule.id ?? '(no id)'}: ${rule.status}`,
    rule === undefined
      ? `${pair.source} has no replication rule to ${pair.replica}: its objects are not backed up`
      : `the replication rule ${where} is ${rule.status}: its objects are not backed up`,
  );
  const ruleLevel = [
    'whole bucket',
    'delete markers',
    'KMS-encrypted objects',
    'replica key',
    'replication time control',
    'replication metrics',
  ];
  if (rule === undefined) {
    for (const check of ruleLevel) c.skip(check);
    return;
  }
  const whole = rule.prefix === '' && !rule.filtersOnTags;
  c.add(
    'whole bucket',
    'rule-scope',
    whole,
    whole ? 'yes' : `prefix "${rule.prefix}"${rule.filtersOnTags ? ' and tags' : ''}`,
    `the replication rule ${where} selects only some objects (prefix "${rule.prefix}"${rule.filtersOnTags ? ', tags' : ''}): the rest is not backed up`,
  );
  c.add(
    'delete markers',
    'delete-markers',
    enabled(rule.deleteMarkerReplication),
    state(rule.deleteMarkerReplication),
    `delete-marker replication ${where} is ${state(rule.deleteMarkerReplication)}: deletions are not mirrored`,
  );
  c.add(
    'KMS-encrypted objects',
    'sse-kms-objects',
    enabled(rule.sseKmsEncryptedObjects),
    state(rule.sseKmsEncryptedObjects),
    `replication ${where} does not select SSE-KMS objects (SseKmsEncryptedObjects ${state(rule.sseKmsEncryptedObjects)}): every KMS-encrypted object is silently skipped`,
  );
  const keyOk = isBackupKey(rule.replicaKmsKeyId, key);
  c.add(
    'replica key',
    'replica-key',
    keyOk,
    rule.replicaKmsKeyId ?? 'not set',
    keyOk === undefined
      ? `cannot verify the replica key of ${where}: ${describeBackupKey(key)}`
      : `replication ${where} re-encrypts with ${rule.replicaKmsKeyId ?? 'no key'}, not the backup key ${describeBackupKey(key)}: replication of KMS objects fails or uses a key the backup region does not own`,
  );
  const rtc = rule.replicationTime;
  c.add(
    'replication time control',
    'rtc',
    enabled(rtc?.status) && rtc?.minutes === RTC_TARGET_MINUTES,
    rtc === undefined ? 'not set' : `${rtc.status}${rtc.minutes === undefined ? '' : `, ${rtc.minutes} min`}`,
    `Replication Time Control ${where} is not enabled at ${RTC_TARGET_MINUTES} minutes: no replication-time SLA`,
  );
  const metrics = rule.metrics;
  c.add(
    'replication metrics',
    'metrics',
    enabled(metrics?.status),
    metrics === undefined
      ? 'not set'
      : `${metrics.status}${metrics.minutes === undefined ? '' : `, threshold ${metrics.minutes} min`}`,
    `replication metrics ${where} are off: latency, pending and failed operations cannot be watched`,
  );
}

function bucketChecks(c: Checks, pair: BucketPair, settings: PairSettings, key: BackupKey): void {
  for (const [side, bucket, versioning] of [
    ['source', pair.source, settings.sourceVersioning],
    ['replica', pair.replica, settings.replicaVersioning],
  ] as const) {
    c.add(
      `versioning (${side})`,
      `versioning-${side}`,
      enabled(versioning.status),
      versioning.status,
      `versioning of ${bucket} is ${versioning.status}: S3 does not replicate ${side === 'source' ? 'from' : 'to'} an unversioned bucket, and deletions cannot be undone`,
    );
  }
  const block = settings.replicaPublicAccess;
  const blocked = [
    block?.blockPublicAcls,
    block?.ignorePublicAcls,
    block?.blockPublicPolicy,
    block?.restrictPublicBuckets,
  ].every((flag) => flag === true);
  c.add(
    'replica public access blocked',
    'replica-public-access',
    blocked,
    block === undefined ? 'no block' : blocked ? 'all four' : 'partly',
    `the public-access block of ${pair.replica} is ${block === undefined ? 'missing' : 'incomplete'}: the backup copy could be made public`,
  );
  const encryption = settings.replicaEncryption;
  const kms = encryption?.algorithm === 'aws:kms' || encryption?.algorithm === 'aws:kms:dsse';
  const keyOk = kms ? isBackupKey(encryption?.kmsKeyId, key) : false;
  c.add(
    'replica encrypted with the backup key',
    'replica-encryption',
    keyOk,
    encryption === undefined ? 'none' : `${encryption.algorithm ?? '?'} ${encryption.kmsKeyId ?? ''}`.trim(),
    keyOk === undefined
      ? `cannot verify the default key of ${pair.replica}: ${describeBackupKey(key)}`
      : kms
        ? `${pair.replica} encrypts by default with ${encryption?.kmsKeyId ?? 'the AWS-managed key'}, not the backup key`
        : `${pair.replica} is not encrypted with KMS by default (${encryption?.algorithm ?? 'no default encryption'})`,
  );
}

export function checkConfiguration(pair: BucketPair, settings: PairSettings, key: BackupKey): ConfigurationResult {
  const c = new Checks(pair);
  ruleChecks(c, pair, ruleTo(settings.replication, pair.replica), key);
  bucketChecks(c, pair, settings, key);
  const mfaDelete = { source: settings.sourceVersioning.mfaDelete, replica: settings.replicaVersioning.mfaDelete };
  c.checks.push({
    check: 'MFA delete (reported only)',
    status: 'info',
    value: `source ${mfaDelete.source}, replica ${mfaDelete.replica}`,
  });
  return { checks: c.checks, findings: c.findings, mfaDelete };
}
