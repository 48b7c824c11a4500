/**
 * Once per AWS account (local state: it creates the bucket every other stack keeps its state in): the Terraform
 * state bucket, GitHub's OIDC identity provider, the plan, apply and ops roles the workflows assume, activation of
 * the `workshop:cohort` cost-allocation tag, and the SES sender identity in every region cohorts send email from.
 */
import { MANAGED_BY, TAG_COHORT, TAG_MANAGED_BY } from '../src/cohort/names.ts';
import type { ResolvedCohort } from '../src/cohort/schema.ts';
import { accountIdOf, type Settings } from '../src/cohort/settings-schema.ts';
import {
  BOOTSTRAP_STACK_ID,
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_URL,
  opsRoleArn,
  roleNameOf,
} from './bootstrap-names.ts';
import {
  CeCostAllocationTag,
  type Construct,
  IamOpenidConnectProvider,
  KmsAlias,
  KmsKey,
  LocalBackend,
  SesEmailIdentity,
} from './cdktf-classes.ts';
import { create, output, tfId, variable } from './constructs/address.ts';
import { BaselineBucket } from './constructs/baseline-bucket.ts';
import { role } from './constructs/iam.ts';
import { IndependentStack } from './constructs/independent-stack.ts';
import { stateLifecycle } from './constructs/lifecycle-rules.ts';
import { awsProvider, pinTerraform } from './constructs/terraform-settings.ts';
import { jsonLiteral } from './constructs/terraform-text.ts';
import {
  applyRolePolicy,
  type BootstrapPolicyContext,
  githubApplyTrust,
  githubOpsTrust,
  githubPlanTrust,
  planRolePolicy,
  stateBucketPolicy,
  stateKeyPolicy,
} from './policies/bootstrap.ts';
import { opsRolePolicy } from './policies/ops.ts';

/** The bootstrap stack's local state file, relative to its folder `DIR/stacks/bootstrap/`. */
export const BOOTSTRAP_STATE_FILE = 'terraform.tfstate';

/** Tag on the account-level resources. */
export const TAG_COMPONENT = 'workshop:component';

/** Regions the SES identity is needed in: where cohorts keep their email templates, and the state region. */
export function senderRegions(settings: Settings, cohorts: readonly ResolvedCohort[]): string[] {
  return [...new Set([settings.state.region, ...cohorts.map((c) => c.regions.primary)])].sort();
}

export interface BootstrapStackProps {
  readonly settings: Settings;
  /** Every cohort of the repository (not only those being synthesized): they decide the SES regions. */
  readonly cohorts: readonly ResolvedCohort[];
}

export class BootstrapStack extends IndependentStack {
  constructor(scope: Construct, props: BootstrapStackProps) {
    super(scope, BOOTSTRAP_STACK_ID);
    const { settings } = props;
    const accountId = accountIdOf(settings);
    const ctx: BootstrapPolicyContext = {
      accountId,
      repository: settings.github.repository,
      stateBucket: settings.state.bucket,
      namePrefix: settings.namePrefix,
      stateRegion: settings.state.region,
    };
    // Local state, in the stack's folder (kept across syntheses): this stack creates the bucket for remote state.
    new LocalBackend(this, { path: BOOTSTRAP_STATE_FILE });
    pinTerraform(this);
    const tags = { [TAG_MANAGED_BY]: MANAGED_BY, [TAG_COMPONENT]: BOOTSTRAP_STACK_ID };
    awsProvider(this, { region: settings.state.region, accountId, tags });

    // State is encrypted with its own customer-managed key: reading it needs a KMS grant as well as S3 access.
    const stateKey = create(this, KmsKey, 'state', {
      description: 'Terraform state of the workshop cohorts',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: jsonLiteral(stateKeyPolicy(ctx)),
    });
    create(this, KmsAlias, 'state', {
      name: `alias/workshops/${settings.namePrefix}-state`,
      targetKeyId: stateKey.keyId,
    });
    const state = new BaselineBucket(this, {
      logicalId: 'state',
      bucketName: settings.state.bucket,
      policy: stateBucketPolicy(ctx),
      lifecycle: stateLifecycle(),
      kmsKeyArn: stateKey.arn,
    });

    const oidc = create(this, IamOpenidConnectProvider, 'github', {
      url: GITHUB_OIDC_URL,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
    });
    const roles = [
      [
        'plan',
        settings.github.planRoleArn,
        githubPlanTrust(ctx),
        planRolePolicy(ctx),
        'Terraform plan on pull requests',
      ],
      ['apply', settings.github.applyRoleArn, githubApplyTrust(ctx), applyRolePolicy(ctx), 'Terraform apply from main'],
      ['ops', opsRoleArn(settings), githubOpsTrust(ctx), opsRolePolicy(ctx), 'Scheduled workshop operations'],
    ] as const;
    for (const [id, arn, trust, permissions, description] of roles) {
      const { name, path } = roleNameOf(arn);
      // The trust policies name the OIDC provider by ARN: create it first.
      const created = role(this, {
        logicalId: id,
        name,
        path,
        description,
        trust,
        inlinePolicy: permissions,
        dependsOn: [oidc],
      });
      output(this, `${id}_role_arn`, { value: created.arn });
    }

    create(this, CeCostAllocationTag, 'cohort', { tagKey: TAG_COHORT, status: 'Active' });

    const sender = variable(this, 'ses_sender_email', {
      type: 'string',
      description: 'Address the workshop emails are sent from; SES emails it a verification link per region',
    });
    for (const region of senderRegions(settings, props.cohorts)) {
      const provider =
        region === settings.state.region
          ? undefined
          : awsProvider(this, { region, accountId, tags, alias: tfId('ses', region) });
      create(this, SesEmailIdentity, tfId('sender', region), {
        email: sender.stringValue,
        ...(provider === undefined ? {} : { provider }),
      });
    }

    output(this, 'state_bucket', { value: state.name });
    output(this, 'github_oidc_provider_arn', { value: oidc.arn });
  }
}
