/**
 * The `terraform` block and providers every stack shares: an S3 backend with S3-native locking, the AWS provider
 * pinned to the major version the bindings were generated from, and default tags on every taggable resource.
 */
import type { Settings } from '../../src/cohort/settings-schema.ts';
import { AwsProvider, S3Backend, type TerraformStack } from '../cdktf-classes.ts';
import { literal } from './terraform-text.ts';

/** @cdktf/provider-aws 21 is generated from hashicorp/aws 6.25; older 6.x releases lack some arguments used here. */
export const AWS_PROVIDER_VERSION = '~> 6.25';
/** `use_lockfile` (S3-native state locking) is generally available from Terraform 1.11. */
export const TERRAFORM_VERSION = '>= 1.11';

export function s3Backend(stack: TerraformStack, state: Settings['state'], key: string): S3Backend {
  const backend = new S3Backend(stack, { bucket: state.bucket, region: state.region, key, encrypt: true });
  // The cdktf 0.21 binding predates `use_lockfile`.
  backend.addOverride('use_lockfile', true);
  return backend;
}

export function pinTerraform(stack: TerraformStack): void {
  stack.addOverride('terraform.required_version', TERRAFORM_VERSION);
  stack.addOverride('terraform.required_providers.aws', { source: 'hashicorp/aws', version: AWS_PROVIDER_VERSION });
}

export interface ProviderProps {
  readonly region: string;
  readonly accountId: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Set for every provider but the default one. */
  readonly alias?: string;
}

export function awsProvider(stack: TerraformStack, props: ProviderProps): AwsProvider {
  const tags = Object.fromEntries(Object.entries(props.tags).map(([k, v]) => [literal(k), literal(v)]));
  return new AwsProvider(stack, props.alias === undefined ? 'aws' : `aws_${props.alias}`, {
    region: props.region,
    // A wrong credential set fails at plan instead of creating a cohort in some other account.
    allowedAccountIds: [props.accountId],
    defaultTags: [{ tags }],
    ...(props.alias === undefined ? {} : { alias: props.alias }),
  });
}
