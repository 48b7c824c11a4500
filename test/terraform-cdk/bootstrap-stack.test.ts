import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGED_BY, TAG_COHORT } from '../../src/cohort/names.ts';
import { accountIdOf, Settings } from '../../src/cohort/settings-schema.ts';
import { opsRoleArn, roleNameOf } from '../../terraform-cdk/bootstrap-names.ts';
import { senderRegions } from '../../terraform-cdk/bootstrap-stack.ts';
import {
  applyRolePolicy,
  type BootstrapPolicyContext,
  githubApplyTrust,
  githubOpsTrust,
  githubPlanTrust,
  planRolePolicy,
  stateBucketPolicy,
} from '../../terraform-cdk/policies/bootstrap.ts';
import { opsRolePolicy } from '../../terraform-cdk/policies/ops.ts';
import { exampleCohorts, exampleSettings } from '../support/example-cohorts.ts';
import { at, policyOf, ref, resource, resources, type Synthesized, synthesizeExamples } from './synthesized.ts';

const settings = exampleSettings();
const ctx: BootstrapPolicyContext = {
  accountId: accountIdOf(settings),
  repository: settings.github.repository,
  stateBucket: settings.state.bucket,
  namePrefix: settings.namePrefix,
  stateRegion: settings.state.region,
};

let synth: Synthesized;
beforeAll(() => {
  synth = synthesizeExamples();
});
afterAll(() => synth.cleanup());
const stack = () => synth.stack('bootstrap');

describe('bootstrap stack', () => {
  it('keeps its own state locally, since it creates the state bucket', () => {
    expect(stack().terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  it('creates the state bucket versioned, encrypted, private and TLS-only', () => {
    const s = stack();
    expect(resource(s, 'aws_s3_bucket', 'state')).toMatchObject({
      bucket: settings.state.bucket,
      force_destroy: false,
    });
    expect(at(resource(s, 'aws_s3_bucket_versioning', 'state'), 'versioning_configuration', 'status')).toBe('Enabled');
    const encryption = at(resource(s, 'aws_s3_bucket_server_side_encryption_configuration', 'state'), 'rule', 0);
    expect(encryption).toMatchObject({
      apply_server_side_encryption_by_default: {
        sse_algorithm: 'aws:kms',
        kms_master_key_id: '${aws_kms_key.state.arn}',
      },
      bucket_key_enabled: true,
    });
    expect(resource(s, 'aws_kms_key', 'state')).toMatchObject({ enable_key_rotation: true });
    expect(resource(s, 'aws_s3_bucket_public_access_block', 'state')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(at(resource(s, 'aws_s3_bucket_ownership_controls', 'state'), 'rule', 'object_ownership')).toBe(
      'BucketOwnerEnforced',
    );
    expect(policyOf(resource(s, 'aws_s3_bucket_policy', 'state'))).toEqual(stateBucketPolicy(ctx));
    const rule = at(resource(s, 'aws_s3_bucket_lifecycle_configuration', 'state'), 'rule', 0);
    expect(at(rule, 'expiration')).toBeUndefined();
    expect(at(rule, 'noncurrent_version_expiration', 0, 'noncurrent_days')).toBeGreaterThan(0);
  });

  it("trusts GitHub's OIDC issuer for the sts.amazonaws.com audience", () => {
    expect(resource(stack(), 'aws_iam_openid_connect_provider', 'github')).toMatchObject({
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
  });

  it('creates the plan, apply and ops roles named in the settings, each with its trust and permissions', () => {
    const s = stack();
    const expected = [
      ['plan', settings.github.planRoleArn, githubPlanTrust(ctx), planRolePolicy(ctx)],
      ['apply', settings.github.applyRoleArn, githubApplyTrust(ctx), applyRolePolicy(ctx)],
      ['ops', opsRoleArn(settings), githubOpsTrust(ctx), opsRolePolicy(ctx)],
    ] as const;
    expect(Object.keys(resources(s, 'aws_iam_role')).sort()).toEqual(['apply', 'ops', 'plan']);
    for (const [id, arn, trust, permissions] of expected) {
      const role = resource(s, 'aws_iam_role', id);
      const { name, path } = roleNameOf(arn);
      expect(role).toMatchObject({ name, path, depends_on: ['aws_iam_openid_connect_provider.github'] });
      expect(policyOf(role, 'assume_role_policy')).toEqual(trust);
      const inline = resource(s, 'aws_iam_role_policy', id);
      expect(inline.role).toBe(ref('aws_iam_role', id, 'id'));
      expect(policyOf(inline)).toEqual(permissions);
      expect(s.output[`${id}_role_arn`]?.value).toBe(ref('aws_iam_role', id, 'arn'));
    }
  });

  it('activates the cohort cost-allocation tag', () => {
    expect(resource(stack(), 'aws_ce_cost_allocation_tag', 'cohort')).toMatchObject({
      tag_key: TAG_COHORT,
      status: 'Active',
    });
  });

  it('verifies the SES sender, given as a variable, in the state region and every region cohorts use', () => {
    const s = stack();
    expect(s.variable?.ses_sender_email).toMatchObject({ type: 'string' });
    expect(s.variable?.ses_sender_email?.default).toBeUndefined();
    const regions = [...new Set([settings.state.region, ...exampleCohorts().map((c) => c.regions.primary)])].sort();
    const identities = resources(s, 'aws_ses_email_identity');
    expect(Object.keys(identities).sort()).toEqual(regions.map((r) => `sender_${r.replaceAll('-', '_')}`).sort());
    for (const region of regions) {
      const identity = identities[`sender_${region.replaceAll('-', '_')}`];
      expect(identity?.email).toBe('${var.ses_sender_email}');
      const provider = s.provider.aws.find((p) => p.region === region);
      expect(provider).toBeDefined();
      expect(identity?.provider).toBe(provider?.alias === undefined ? undefined : `aws.${provider.alias}`);
    }
  });

  it('tags its resources as managed by this repository', () => {
    for (const provider of stack().provider.aws) {
      expect(at(provider, 'default_tags', 0, 'tags', 'managed-by')).toBe(MANAGED_BY);
    }
  });
});

describe('bootstrap names', () => {
  it('reads a role name and path from its ARN', () => {
    expect(roleNameOf('arn:aws:iam::123456789012:role/ci/github/deploy')).toEqual({
      name: 'deploy',
      path: '/ci/github/',
    });
    expect(roleNameOf('arn:aws:iam::123456789012:role/deploy')).toEqual({ name: 'deploy', path: '/' });
  });

  it('names the ops role after the plan role', () => {
    const withPlan = Settings.parse({ ...settings });
    expect(opsRoleArn(withPlan)).toBe(withPlan.github.planRoleArn.replace(/-plan$/, '-ops'));
    const other = Settings.parse({
      ...settings,
      github: {
        ...settings.github,
        planRoleArn: 'arn:aws:iam::123456789012:role/reader',
      },
    });
    expect(opsRoleArn(other)).toBe('arn:aws:iam::123456789012:role/reader-ops');
  });

  it('lists each SES region once, sorted', () => {
    const cohorts = exampleCohorts();
    expect(senderRegions(settings, [...cohorts, ...cohorts])).toEqual(
      [...new Set([settings.state.region, ...cohorts.map((c) => c.regions.primary)])].sort(),
    );
  });
});
