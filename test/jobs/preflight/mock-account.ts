/**
 * An AWS account as aws-sdk-client-mock fakes it for preflight, clean by default: every check passes. Tests then
 * change one answer (the mocks are returned) to make one blocker or warning.
 */
import { AthenaClient, ListWorkGroupsCommand } from '@aws-sdk/client-athena';
import { GlueClient, ListJobsCommand } from '@aws-sdk/client-glue';
import {
  GetAccountSummaryCommand,
  GetRoleCommand,
  IAMClient,
  ListGroupsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { GetDataLakeSettingsCommand, LakeFormationClient } from '@aws-sdk/client-lakeformation';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { GetAccountCommand, GetEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { IAM_ALLOWED_PRINCIPALS } from '../../../src/aws/lakeformation.ts';
import { ACCOUNT } from '../common/cohorts.ts';

export const SENDER = 'workshops@acme.example';
export const APPLY_ROLE = `arn:aws:iam::${ACCOUNT}:role/workshop-gitops-apply`;
export const PLAN_ROLE = `arn:aws:iam::${ACCOUNT}:role/workshop-gitops-plan`;

export const mocks = {
  sts: mockClient(STSClient),
  iam: mockClient(IAMClient),
  s3: mockClient(S3Client),
  lakeFormation: mockClient(LakeFormationClient),
  ses: mockClient(SESv2Client),
  quotas: mockClient(ServiceQuotasClient),
  athena: mockClient(AthenaClient),
  glue: mockClient(GlueClient),
};

export const IAM_ONLY_DEFAULTS = [
  { Principal: { DataLakePrincipalIdentifier: IAM_ALLOWED_PRINCIPALS }, Permissions: ['ALL' as const] },
];

/** Lake Formation settings of an account where Lake Formation governs the catalog. */
export function managedLakeSettings(admins: readonly string[]) {
  return {
    DataLakeSettings: {
      DataLakeAdmins: admins.map((arn) => ({ DataLakePrincipalIdentifier: arn })),
      CreateDatabaseDefaultPermissions: [],
      CreateTableDefaultPermissions: [],
    },
  };
}

export function cleanAccount(): typeof mocks {
  for (const mock of Object.values(mocks)) mock.reset();
  mocks.sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT });
  mocks.iam.on(GetRoleCommand).resolves({});
  mocks.iam.on(GetAccountSummaryCommand).resolves({
    SummaryMap: { Users: 12, UsersQuota: 5000, Groups: 2, GroupsQuota: 300 },
  });
  mocks.iam.on(ListUsersCommand).resolves({ Users: [] });
  mocks.iam.on(ListGroupsCommand).resolves({ Groups: [] });
  mocks.s3.on(HeadBucketCommand).resolves({});
  mocks.lakeFormation.on(GetDataLakeSettingsCommand).resolves({
    DataLakeSettings: {
      DataLakeAdmins: [],
      CreateDatabaseDefaultPermissions: IAM_ONLY_DEFAULTS,
      CreateTableDefaultPermissions: IAM_ONLY_DEFAULTS,
    },
  });
  mocks.ses.on(GetAccountCommand).resolves({
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  });
  mocks.ses.on(GetEmailIdentityCommand).resolves({ VerifiedForSendingStatus: true, VerificationStatus: 'SUCCESS' });
  mocks.quotas.on(ListServiceQuotasCommand).resolves({ Quotas: [] });
  mocks.quotas.on(ListAWSDefaultServiceQuotasCommand, { ServiceCode: 'iam' }).resolves({
    Quotas: [
      { QuotaName: 'Users per account', QuotaCode: 'L-USERS', Value: 5000 },
      { QuotaName: 'Groups per account', QuotaCode: 'L-GROUPS', Value: 300 },
    ],
  });
  mocks.quotas.on(ListAWSDefaultServiceQuotasCommand, { ServiceCode: 'glue' }).resolves({
    Quotas: [
      { QuotaName: 'Max jobs per account', QuotaCode: 'L-JOBS', Value: 1000 },
      { QuotaName: 'Max concurrent job runs per account', QuotaCode: 'L-RUNS', Value: 50 },
    ],
  });
  mocks.quotas.on(ListAWSDefaultServiceQuotasCommand, { ServiceCode: 'athena' }).resolves({ Quotas: [] });
  mocks.athena.on(ListWorkGroupsCommand).resolves({ WorkGroups: [{ Name: 'primary' }] });
  mocks.glue.on(ListJobsCommand).resolves({ JobNames: [] });
  return mocks;
}
