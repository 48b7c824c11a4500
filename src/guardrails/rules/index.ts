/** Every guardrail rule, in report order. */
import type { Rule } from '../rule.ts';
import { athenaCutoff } from './athena-cutoff.ts';
import { budgetNotifications } from './budget-notifications.ts';
import { glueJobTimeout } from './glue-job-timeout.ts';
import { iamBoundary } from './iam-boundary.ts';
import { iamNoAccessKeys, iamNoLoginProfile } from './iam-credentials.ts';
import { iamNoStar } from './iam-no-star.ts';
import { iamTimeBounded } from './iam-time-bounded.ts';
import { replicationConfigured, replicationMonitored } from './replication.ts';
import { s3Encryption, s3Lifecycle, s3Ownership, s3PublicAccess, s3Versioning } from './s3-baseline.ts';
import { s3TlsOnly } from './s3-tls-only.ts';
import { tagsCohort } from './tags-cohort.ts';
import { trailValidation } from './trail-validation.ts';

export const RULES: readonly Rule[] = [
  s3Versioning,
  s3Encryption,
  s3PublicAccess,
  s3TlsOnly,
  s3Ownership,
  s3Lifecycle,
  replicationConfigured,
  replicationMonitored,
  iamNoStar,
  iamTimeBounded,
  iamNoAccessKeys,
  iamNoLoginProfile,
  iamBoundary,
  tagsCohort,
  budgetNotifications,
  trailValidation,
  athenaCutoff,
  glueJobTimeout,
];
