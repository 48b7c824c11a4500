/**
 * The account's Lake Formation settings in one region (`GetDataLakeSettings`): who administers the data lake, and
 * whether new databases and tables still grant `IAM_ALLOWED_PRINCIPALS` (IAM-only access, the AWS default).
 */
import {
  GetDataLakeSettingsCommand,
  type LakeFormationClient,
  type PrincipalPermissions,
} from '@aws-sdk/client-lakeformation';

/** The principal standing for "whatever IAM allows" in Lake Formation's default permissions. */
export const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

export interface DataLakeSettingsSummary {
  /** Principal identifiers (IAM user and role ARNs) of the data-lake admins. */
  readonly admins: readonly string[];
  readonly readOnlyAdmins: readonly string[];
  /** New databases grant IAM_ALLOWED_PRINCIPALS (CreateDatabaseDefaultPermissions). */
  readonly iamAllowedOnNewDatabases: boolean;
  /** New tables grant IAM_ALLOWED_PRINCIPALS (CreateTableDefaultPermissions). */
  readonly iamAllowedOnNewTables: boolean;
}

export interface LakeFormationApi {
  dataLakeSettings(): Promise<DataLakeSettingsSummary>;
}

const identifiers = (principals: readonly { DataLakePrincipalIdentifier?: string | undefined }[] | undefined) =>
  (principals ?? []).flatMap((p) => (p.DataLakePrincipalIdentifier ? [p.DataLakePrincipalIdentifier] : []));

const grantsIamAllowed = (defaults: readonly PrincipalPermissions[] | undefined) =>
  identifiers((defaults ?? []).map((d) => d.Principal ?? {})).includes(IAM_ALLOWED_PRINCIPALS);

export function lakeFormationApi(client: LakeFormationClient): LakeFormationApi {
  return {
    async dataLakeSettings() {
      const { DataLakeSettings: settings } = await client.send(new GetDataLakeSettingsCommand({}));
      return {
        admins: identifiers(settings?.DataLakeAdmins),
        readOnlyAdmins: identifiers(settings?.ReadOnlyAdmins),
        iamAllowedOnNewDatabases: grantsIamAllowed(settings?.CreateDatabaseDefaultPermissions),
        iamAllowedOnNewTables: grantsIamAllowed(settings?.CreateTableDefaultPermissions),
      };
    },
  };
}
