/**
 * Lake Formation against `lakeFormation:` in the settings (pitfall 1). An account whose defaults no longer grant
 * IAM_ALLOWED_PRINCIPALS rejects catalog writes made with IAM permissions alone; in managed mode the apply role
 * must be a data-lake admin to create the database and grant. This project never edits the admin list.
 */
import type { DataLakeSettingsSummary, LakeFormationApi } from '../../aws/lakeformation.ts';
import type { LakeFormationMode } from '../../cohort/settings-schema.ts';
import { blocker, type Finding, guarded, ok, warning } from './finding.ts';

/** IAM-only when both new databases and new tables still grant IAM_ALLOWED_PRINCIPALS; otherwise Lake Formation rules. */
export function catalogMode(settings: DataLakeSettingsSummary): LakeFormationMode {
  return settings.iamAllowedOnNewDatabases && settings.iamAllowedOnNewTables ? 'iam-only' : 'managed';
}

/** `account:role-name` of a role ARN, path or not (Lake Formation may list a role without its path). */
function roleKey(arn: string): string {
  const [, , , , account = '', resource = ''] = arn.split(':');
  return `${account}:${resource.split('/').at(-1) ?? ''}`;
}

export function includesRole(identifiers: readonly string[], roleArn: string): boolean {
  const wanted = roleKey(roleArn);
  return identifiers.some((id) => id.includes(':role/') && roleKey(id) === wanted);
}

export interface LakeFormationExpectation {
  readonly region: string;
  readonly setting: LakeFormationMode;
  readonly applyRoleArn: string;
  readonly planRoleArn: string;
}

const CHECK = 'Lake Formation';

function modeFinding(actual: LakeFormationMode, expected: LakeFormationExpectation): Finding {
  if (actual === expected.setting) return ok(CHECK, `${actual}, as lakeFormation in _settings.yaml says`);
  if (actual === 'managed') {
    return blocker(
      CHECK,
      `Lake Formation governs the catalog in ${expected.region} (new databases and tables do not grant ` +
        'IAM_ALLOWED_PRINCIPALS), but the settings say iam-only: creating the cohort database would fail with ' +
        '"Insufficient Lake Formation permission(s)". Set lakeFormation: managed in workshops/_settings.yaml and ' +
        'make the apply role a data-lake admin',
    );
  }
  return blocker(
    CHECK,
    `the catalog in ${expected.region} uses IAM-only access (the AWS default), but the settings say managed. ` +
      'Set lakeFormation: iam-only, or have the account switch its Lake Formation defaults first',
  );
}

function adminFindings(settings: DataLakeSettingsSummary, expected: LakeFormationExpectation): Finding[] {
  const apply = includesRole(settings.admins, expected.applyRoleArn)
    ? ok('Lake Formation admin', `the apply role is a data-lake admin in ${expected.region}`)
    : blocker(
        'Lake Formation admin',
        `the apply role (${expected.applyRoleArn}) is not a data-lake admin in ${expected.region}: it cannot create ` +
          'the cohort database or grant on it. Have an admin add it under Lake Formation > Administrative roles ' +
          '(this project never changes that list)',
      );
  const readers = [...settings.admins, ...settings.readOnlyAdmins];
  const plan = includesRole(readers, expected.planRoleArn)
    ? ok('Lake Formation read-only admin', 'the plan role can read the grants')
    : warning(
        'Lake Formation read-only admin',
        `the plan role (${expected.planRoleArn}) is no data-lake admin in ${expected.region}: pull-request plans ` +
          'cannot read the Lake Formation grants. Add it as a read-only admin',
      );
  return [apply, plan];
}

export function lakeFormationFindings(api: LakeFormationApi, expected: LakeFormationExpectation): Promise<Finding[]> {
  return guarded(CHECK, async () => {
    const settings = await api.dataLakeSettings();
    const findings = [modeFinding(catalogMode(settings), expected)];
    if (expected.setting === 'managed') findings.push(...adminFindings(settings, expected));
    return findings;
  });
}
