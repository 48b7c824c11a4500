import { GetDataLakeSettingsCommand, LakeFormationClient } from '@aws-sdk/client-lakeformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { IAM_ALLOWED_PRINCIPALS, lakeFormationApi } from '../../src/aws/lakeformation.ts';

const lf = mockClient(LakeFormationClient);
beforeEach(() => lf.reset());

const api = () => lakeFormationApi(new LakeFormationClient({ region: 'ap-northeast-2' }));
const iamAllowed = [
  { Principal: { DataLakePrincipalIdentifier: IAM_ALLOWED_PRINCIPALS }, Permissions: ['ALL' as const] },
];

describe('lakeformation adapter', () => {
  it('reads the admins and whether new databases and tables grant IAM_ALLOWED_PRINCIPALS', async () => {
    lf.on(GetDataLakeSettingsCommand).resolves({
      DataLakeSettings: {
        DataLakeAdmins: [{ DataLakePrincipalIdentifier: 'arn:aws:iam::123456789012:role/admin' }],
        ReadOnlyAdmins: [{ DataLakePrincipalIdentifier: 'arn:aws:iam::123456789012:role/reader' }],
        CreateDatabaseDefaultPermissions: iamAllowed,
        CreateTableDefaultPermissions: [],
      },
    });
    expect(await api().dataLakeSettings()).toEqual({
      admins: ['arn:aws:iam::123456789012:role/admin'],
      readOnlyAdmins: ['arn:aws:iam::123456789012:role/reader'],
      iamAllowedOnNewDatabases: true,
      iamAllowedOnNewTables: false,
    });
  });

  it('reads an account that never opened Lake Formation (empty settings) as granting nothing', async () => {
    lf.on(GetDataLakeSettingsCommand).resolves({});
    expect(await api().dataLakeSettings()).toEqual({
      admins: [],
      readOnlyAdmins: [],
      iamAllowedOnNewDatabases: false,
      iamAllowedOnNewTables: false,
    });
  });
});
