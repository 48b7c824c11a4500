/** What preflight reads, one small adapter per service, built from the shared client factory. */
import { type AthenaWorkgroupsApi, athenaWorkgroupsApi } from '../../aws/athena-workgroups.ts';
import type { AwsClientFactory } from '../../aws/clients.ts';
import { type GlueJobNamesApi, glueJobNamesApi } from '../../aws/glue-job-names.ts';
import { type IamAccountApi, iamAccountApi } from '../../aws/iam-account.ts';
import { type LakeFormationApi, lakeFormationApi } from '../../aws/lakeformation.ts';
import { type S3BucketExistsApi, s3BucketExistsApi } from '../../aws/s3-bucket-exists.ts';
import { type ServiceQuotasApi, serviceQuotasApi } from '../../aws/service-quotas.ts';
import { type SesAccountApi, sesAccountApi } from '../../aws/ses-account.ts';
import { type StsApi, stsApi } from '../../aws/sts.ts';

export interface PreflightApis {
  readonly sts: StsApi;
  readonly iam: IamAccountApi;
  s3(region: string): S3BucketExistsApi;
  lakeFormation(region: string): LakeFormationApi;
  ses(region: string): SesAccountApi;
  /** Service Quotas of a region (IAM's quotas are listed in us-east-1). */
  quotas(region: string): ServiceQuotasApi;
  athena(region: string): AthenaWorkgroupsApi;
  glue(region: string): GlueJobNamesApi;
}

/** IAM is global: its clients and its Service Quotas entries live in us-east-1. */
export const IAM_REGION = 'us-east-1';

/** One adapter per region, so each keeps its own caches (Service Quotas lists are read once). */
function perRegion<T>(make: (region: string) => T): (region: string) => T {
  const made = new Map<string, T>();
  return (region) => {
    const found = made.get(region);
    if (found !== undefined) return found;
    const created = make(region);
    made.set(region, created);
    return created;
  };
}

export function awsPreflightApis(aws: AwsClientFactory): PreflightApis {
  return {
    sts: stsApi(aws.client('sts', IAM_REGION)),
    iam: iamAccountApi(aws.client('iam', IAM_REGION)),
    s3: perRegion((region) => s3BucketExistsApi(aws.client('s3', region))),
    lakeFormation: perRegion((region) => lakeFormationApi(aws.client('lakeformation', region))),
    ses: perRegion((region) => sesAccountApi(aws.client('sesv2', region))),
    quotas: perRegion((region) => serviceQuotasApi(aws.client('serviceQuotas', region))),
    athena: perRegion((region) => athenaWorkgroupsApi(aws.client('athena', region))),
    glue: perRegion((region) => glueJobNamesApi(aws.client('glue', region))),
  };
}
