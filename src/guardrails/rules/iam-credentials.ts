/**
 * No long-lived credentials in Terraform: an access key's secret and a console password would end up in the state.
 * Students get console passwords from onboarding, outside Terraform.
 */
import { finding, type Rule } from '../rule.ts';

function forbidden(id: string, description: string, types: readonly string[], message: string): Rule {
  const rule: Rule = {
    id,
    severity: 'error',
    appliesTo: 'all',
    description,
    check: (config) => types.flatMap((type) => config.resources(type).map((r) => finding(rule, r.address, message))),
  };
  return rule;
}

export const iamNoAccessKeys: Rule = forbidden(
  'iam-no-access-keys',
  'No aws_iam_access_key (or aws_iam_service_specific_credential): their secrets would be stored in the Terraform state.',
  ['aws_iam_access_key', 'aws_iam_service_specific_credential'],
  'creates a long-lived credential whose secret lands in the Terraform state; remove it (students sign in to the console, instructors assume the instructor role)',
);

export const iamNoLoginProfile: Rule = forbidden(
  'iam-no-login-profile',
  'No aws_iam_user_login_profile: console passwords are set by onboarding, never stored in the Terraform state.',
  ['aws_iam_user_login_profile'],
  'puts a console password in the Terraform state; remove it and let onboarding set the password',
);
