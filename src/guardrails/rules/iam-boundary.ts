/** Every IAM user and role of a cohort stack carries the permissions boundary that confines it to the cohort. */
import { nonEmptyString } from '../json-values.ts';
import { finding, type Rule } from '../rule.ts';

export const iamBoundary: Rule = {
  id: 'iam-boundary',
  severity: 'error',
  appliesTo: 'cohort',
  description: 'Every aws_iam_user and aws_iam_role of a cohort stack has a permissions_boundary.',
  check: (config) =>
    [...config.resources('aws_iam_user'), ...config.resources('aws_iam_role')]
      .filter((principal) => nonEmptyString(principal.body.permissions_boundary) === undefined)
      .map((principal) =>
        finding(
          iamBoundary,
          principal.address,
          `${principal.type === 'aws_iam_user' ? 'user' : 'role'} has no permissions boundary; set permissions_boundary to the ARN of the cohort boundary policy`,
        ),
      ),
};
