/** The cohort's CloudTrail trail proves its logs untampered (log-file validation) and encrypts them with KMS. */
import { isTrue, nonEmptyString } from '../json-values.ts';
import { problemsPerResource, type Rule, requireType } from '../rule.ts';

export const trailValidation: Rule = {
  id: 'trail-validation',
  severity: 'error',
  appliesTo: 'cohort',
  description: 'The stack has an aws_cloudtrail; each has enable_log_file_validation true and a kms_key_id.',
  check: (config) => [
    ...requireType(
      trailValidation,
      config,
      'aws_cloudtrail',
      'the stack has no trail; add an aws_cloudtrail with log-file validation and KMS encryption',
    ),
    ...problemsPerResource(
      trailValidation,
      config,
      'aws_cloudtrail',
      'trail is not tamper-evident and encrypted',
      (trail) => [
        ...(isTrue(trail.body.enable_log_file_validation) ? [] : ['set enable_log_file_validation to true']),
        ...(nonEmptyString(trail.body.kms_key_id) === undefined ? ['set kms_key_id to the cohort KMS key'] : []),
      ],
    ),
  ],
};
