/** Names of the account-level resources the bootstrap stack creates, derived from `_settings.yaml`. Pure. */
import type { Settings } from '../src/cohort/settings-schema.ts';

export interface RoleName {
  readonly name: string;
  /** IAM path, "/" or "/a/b/". */
  readonly path: string;
}

/** Name and path of a role from its ARN (`arn:aws:iam::123456789012:role/some/path/name`). */
export function roleNameOf(arn: string): RoleName {
  const parts = (arn.split(':role/')[1] ?? '').split('/');
  const name = parts.pop() ?? '';
  return { name, path: parts.length === 0 ? '/' : `/${parts.join('/')}/` };
}

/**
 * The ops role of the scheduled workflows, beside the plan role: `…-plan` becomes `…-ops`
 * (`workshop-gitops-plan` → `workshop-gitops-ops`), any other name gets `-ops` appended.
 */
export function opsRoleArn(settings: Settings): string {
  const plan = settings.github.planRoleArn;
  return plan.endsWith('-plan') ? `${plan.slice(0, -'-plan'.length)}-ops` : `${plan}-ops`;
}

/** The state object of the bootstrap stack itself is local: it creates the bucket the others keep state in. */
export const BOOTSTRAP_STACK_ID = 'bootstrap';

/** Prefix of the state bucket holding the scheduled jobs' state and reports. */
export const OPS_PREFIX = 'ops/';

/** GitHub Actions OIDC issuer and the audience its tokens carry for AWS. */
export const GITHUB_OIDC_URL = 'https://token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
