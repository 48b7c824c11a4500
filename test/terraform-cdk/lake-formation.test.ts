/**
 * `lakeFormation: managed` (pitfall 1): the cohort stack registers its raw and processed buckets and grants the Glue
 * role, the instructor role, the ops role and every student user what they need; with `iam-only` (the default)
 * nothing of Lake Formation is synthesized. The account's data-lake admins are never set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CohortNames } from '../../src/cohort/names.ts';
import { accountIdOf, type Settings, Settings as SettingsSchema } from '../../src/cohort/settings-schema.ts';
import { runGuardrails } from '../../src/guardrails/run.ts';
import { opsRoleArn } from '../../terraform-cdk/bootstrap-names.ts';
import { LF_PERMISSIONS } from '../../terraform-cdk/constructs/lake-formation.ts';
import { STUDENT_ID_TAG } from '../../terraform-cdk/policies/student.ts';
import { BUSAN, exampleCohort, exampleCohorts, exampleSettings, SEOUL } from '../support/example-cohorts.ts';
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

const iamOnly = exampleSettings();
const managedSettings: Settings = { ...iamOnly, lakeFormation: 'managed' };
const LF_TYPES = [
  'aws_lakeformation_resource',
  'aws_lakeformation_permissions',
  'aws_lakeformation_data_lake_settings',
];
const LF_ROLE = `arn:aws:iam::${accountIdOf(iamOnly)}:role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess`;

let managed: Synthesized;
let plain: Synthesized;
beforeAll(() => {
  managed = synthesizeInto(tempDir(), exampleCohorts(), managedSettings);
  plain = synthesizeInto(tempDir(), exampleCohorts(), iamOnly);
});
afterAll(() => {
  managed.cleanup();
  plain.cleanup();
});

const perms = (list: readonly string[]) => list.join(',');
const grants = (stack: TerraformJson) => Object.values(resources(stack, 'aws_lakeformation_permissions'));

/**
 * What a principal holds, as "database: …", "tables: …" and "location <arn>: …" lines, for readable checks; only
 * grants made in the backup region (provider `aws.backup`) with `inBackup`, else only the primary region's.
 */
function holdings(stack: TerraformJson, principal: string, inBackup = false): string[] {
  return grants(stack)
    .filter((g) => g.principal === principal && (g.provider === 'aws.backup') === inBackup)
    .map((g) => {
      const perms = (g.permissions as string[]).join(',');
      if (g.database !== undefined) return `database ${String((g.database as Attributes).name)}: ${perms}`;
      if (g.table !== undefined) {
        const table = g.table as Attributes;
        return `tables ${String(table.database_name)}/${table.wildcard === true ? '*' : String(table.name)}: ${perms}`;
      }
      return `location ${String((g.data_location as Attributes).arn)}: ${perms}`;
    })
    .sort();
}

describe('with iam-only (the default)', () => {
  it('the setting defaults to iam-only and takes managed, nothing else', () => {
    expect(iamOnly.lakeFormation).toBe('iam-only');
    const { lakeFormation: _, quotas: __, ...raw } = iamOnly;
    expect(SettingsSchema.parse({ ...raw, lakeFormation: 'managed' }).lakeFormation).toBe('managed');
    expect(SettingsSchema.safeParse({ ...raw, lakeFormation: 'hybrid' }).success).toBe(false);
  });

  it.each([SEOUL, BUSAN, 'bootstrap'])('stack %s holds no Lake Formation resource', (id) => {
    for (const type of LF_TYPES) expect(resources(plain.stack(id), type)).toEqual({});
  });

  it('the key policy names no Lake Formation role', () => {
    const key = JSON.stringify(policyOf(resource(plain.stack(SEOUL), 'aws_kms_key', 'primary')));
    expect(key).not.toContain('lakeformation');
  });
});

describe('with managed', () => {
  const cohort = exampleCohort(SEOUL);
  const names = new CohortNames(iamOnly.namePrefix, SEOUL);
  const stack = () => managed.stack(SEOUL);
  const db = ref('aws_glue_catalog_database', 'cohort', 'name');
  const raw = ref('aws_lakeformation_resource', 'raw', 'arn');
  const processed = ref('aws_lakeformation_resource', 'processed', 'arn');

  it('registers the raw and processed buckets with the service-linked role', () => {
    const registered = resources(stack(), 'aws_lakeformation_resource');
    expect(Object.keys(registered).sort()).toEqual(['processed', 'raw']);
    expect(registered.raw).toMatchObject({ arn: ref('aws_s3_bucket', 'raw', 'arn'), use_service_linked_role: true });
    expect(registered.processed).toMatchObject({
      arn: ref('aws_s3_bucket', 'processed', 'arn'),
      use_service_linked_role: true,
    });
  });

  it('grants the Glue role (crawlers and jobs) the database, its tables and both locations', () => {
    expect(holdings(stack(), ref('aws_iam_role', 'glue', 'arn'))).toEqual(
      [
        `database ${db}: ${perms(['CREATE_TABLE', 'ALTER', 'DROP', 'DESCRIBE'])}`,
        `tables ${db}/*: ${perms(LF_PERMISSIONS.manageTables)}`,
        `location ${raw}: DATA_LOCATION_ACCESS`,
        `location ${processed}: DATA_LOCATION_ACCESS`,
      ].sort(),
    );
  });

  it('grants the instructor role table creation, every table and both locations', () => {
    expect(holdings(stack(), ref('aws_iam_role', 'instructor', 'arn'))).toEqual(
      [
        `database ${db}: CREATE_TABLE,DESCRIBE`,
        `tables ${db}/*: ${perms(LF_PERMISSIONS.manageTables)}`,
        `location ${raw}: DATA_LOCATION_ACCESS`,
        `location ${processed}: DATA_LOCATION_ACCESS`,
      ].sort(),
    );
  });

  it("lets the ops role describe the catalog (the crawl job's schema check)", () => {
    expect(holdings(stack(), opsRoleArn(iamOnly))).toEqual([`database ${db}: DESCRIBE`, `tables ${db}/*: DESCRIBE`]);
  });

  it('grants every student, user by user, table creation, reads and their own processed folder only', () => {
    expect(cohort.students.length).toBeGreaterThan(1);
    for (const student of cohort.students) {
      const user = ref('aws_iam_user', `student_${student.id}`, 'arn');
      expect(holdings(stack(), user)).toEqual(
        [
          `database ${db}: CREATE_TABLE,DESCRIBE`,
          `tables ${db}/*: SELECT,DESCRIBE`,
          `location ${processed}/students/${names.studentUser(student.id)}: DATA_LOCATION_ACCESS`,
        ].sort(),
      );
    }
  });

  it('grants nothing else: no group principal, no ALL, no grant option', () => {
    const principals = new Set(grants(stack()).map((g) => g.principal));
    const expected = new Set([
      ref('aws_iam_role', 'glue', 'arn'),
      ref('aws_iam_role', 'instructor', 'arn'),
      opsRoleArn(iamOnly),
      ...cohort.students.map((s) => ref('aws_iam_user', `student_${s.id}`, 'arn')),
    ]);
    expect(principals).toEqual(expected);
    for (const grant of grants(stack())) {
      expect(grant.permissions).not.toContain('ALL');
      expect(grant.permissions_with_grant_option).toBeUndefined();
    }
    expect(grants(stack())).toHaveLength(4 + 4 + 2 + 3 * cohort.students.length);
  });

  it("never changes the account's data-lake settings (its admin list)", () => {
    for (const id of [SEOUL, BUSAN, 'bootstrap']) {
      expect(resources(managed.stack(id), 'aws_lakeformation_data_lake_settings')).toEqual({});
    }
  });

  it("lets Lake Formation's role use the primary key through S3", () => {
    const key = JSON.stringify(policyOf(resource(stack(), 'aws_kms_key', 'primary')));
    expect(key).toContain(LF_ROLE);
    const backupKey = JSON.stringify(policyOf(resource(stack(), 'aws_kms_key', 'backup')));
    expect(backupKey).not.toContain(LF_ROLE);
  });

  it('passes every guardrail the iam-only stack passes', () => {
    const errors = (json: TerraformJson) =>
      runGuardrails(SEOUL, json)
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.address} ${f.ruleId}`);
    expect(errors(stack())).toEqual(errors(plain.stack(SEOUL)));
  });
});

describe('with managed and failover: the backup region is governed too', () => {
  const cohort = exampleCohort(SEOUL);
  const names = new CohortNames(iamOnly.namePrefix, SEOUL);
  let both: Synthesized;
  beforeAll(() => {
    both = synthesizeInto(tempDir(), [{ ...cohort, regions: { ...cohort.regions, failover: true } }], managedSettings);
  });
  afterAll(() => both.cleanup());
  const stack = () => both.stack(SEOUL);
  const inBackup = (json: TerraformJson) => grants(json).filter((g) => g.provider === 'aws.backup');
  const backupHoldings = (principal: string) => holdings(stack(), principal, true);
  const db = ref('aws_glue_catalog_database', 'failover', 'name');
  const raw = ref('aws_lakeformation_resource', 'failover_raw', 'arn');
  const processed = ref('aws_lakeformation_resource', 'failover_processed', 'arn');

  it('registers the replica buckets in the backup region, beside the primary registrations', () => {
    const registered = resources(stack(), 'aws_lakeformation_resource');
    expect(Object.keys(registered).sort()).toEqual(['failover_processed', 'failover_raw', 'processed', 'raw']);
    for (const role of ['raw', 'processed']) {
      const replica = { arn: ref('aws_s3_bucket', `${role}_replica`, 'arn'), use_service_linked_role: true };
      expect(registered[`failover_${role}`]).toMatchObject({ ...replica, provider: 'aws.backup' });
    }
    expect(registered.raw?.provider).toBeUndefined();
  });

  it('repeats every primary grant on the failover database and the replicas, and only there', () => {
    const primary = grants(stack()).filter((g) => g.provider === undefined);
    expect(primary).toEqual(grants(managed.stack(SEOUL)));
    expect(inBackup(stack())).toHaveLength(primary.length);
    for (const grant of inBackup(stack())) {
      expect(JSON.stringify(grant)).not.toContain(ref('aws_glue_catalog_database', 'cohort', 'name'));
      expect(JSON.stringify(grant)).not.toContain(ref('aws_lakeformation_resource', 'raw', 'arn'));
    }
  });

  it.each([
    ['Glue role (the failover crawlers)', 'glue', LF_PERMISSIONS.manageDatabase],
    ['instructor role', 'instructor', LF_PERMISSIONS.createInDatabase],
  ] as const)('grants the %s the failover database, every table there and both replicas', (_, role, onDatabase) => {
    expect(backupHoldings(ref('aws_iam_role', role, 'arn'))).toEqual(
      [
        `database ${db}: ${perms(onDatabase)}`,
        `tables ${db}/*: ${perms(LF_PERMISSIONS.manageTables)}`,
        `location ${raw}: DATA_LOCATION_ACCESS`,
        `location ${processed}: DATA_LOCATION_ACCESS`,
      ].sort(),
    );
  });

  it('lets the ops role describe the failover catalog', () => {
    expect(backupHoldings(opsRoleArn(iamOnly))).toEqual([`database ${db}: DESCRIBE`, `tables ${db}/*: DESCRIBE`]);
  });

  it('grants every student table creation, reads and their own folder of the processed replica only', () => {
    for (const student of cohort.students) {
      const user = ref('aws_iam_user', `student_${student.id}`, 'arn');
      expect(backupHoldings(user)).toEqual(
        [
          `database ${db}: ${perms(LF_PERMISSIONS.createInDatabase)}`,
          `tables ${db}/*: ${perms(LF_PERMISSIONS.readTables)}`,
          `location ${processed}/students/${names.studentUser(student.id)}: DATA_LOCATION_ACCESS`,
        ].sort(),
      );
    }
  });

  it("lets Lake Formation's role use the backup key through S3 in the backup region", () => {
    const key = JSON.stringify(policyOf(resource(stack(), 'aws_kms_key', 'backup')));
    expect(key).toContain(LF_ROLE);
    expect(key).toContain(`s3.${cohort.regions.backup ?? ''}.amazonaws.com`);
  });

  it('passes every guardrail the managed stack without failover passes', () => {
    const errors = (json: TerraformJson) =>
      runGuardrails(SEOUL, json)
        .findings.filter((f) => f.severity === 'error')
        .map((f) => `${f.address} ${f.ruleId}`);
    expect(errors(stack())).toEqual(errors(managed.stack(SEOUL)));
  });
});

describe('student users', () => {
  it(`carry their student id as the ${STUDENT_ID_TAG} tag the student policy scopes tables on`, () => {
    for (const student of exampleCohort(BUSAN).students) {
      const user = resource(plain.stack(BUSAN), 'aws_iam_user', `student_${student.id}`);
      expect(user.tags).toMatchObject({ [STUDENT_ID_TAG]: student.id });
    }
  });
});
