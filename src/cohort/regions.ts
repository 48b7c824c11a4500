/**
 * Commercial AWS regions (the `aws` partition). GovCloud and China are separate partitions with their own
 * accounts, ARNs and endpoints, so a cohort cannot use them alongside this repository's bootstrap account.
 */
export const COMMERCIAL_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
] as const;

export type CommercialRegion = (typeof COMMERCIAL_REGIONS)[number];

const REGION_SET: ReadonlySet<string> = new Set(COMMERCIAL_REGIONS);

export function isCommercialRegion(value: string): value is CommercialRegion {
  return REGION_SET.has(value);
}
