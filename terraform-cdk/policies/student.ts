/**
 * The students group's policies. Everything a student owns is named after their IAM user name or their student id,
 * so one group policy serves the whole class through policy variables: `${aws:username}` for their processed
 * folder, their results folder and workgroup and their `<user>_<etl>` job copies; the `workshop-student` tag on
 * their user (their id, which they cannot change) for their `<id>_*` tables — `s01_trips` needs no quoting in
 * Athena, where a name holding the cohort id's hyphens would.
 */
import { studentTablePrefix } from '../../src/cohort/student-tables.ts';
import {
  ACCOUNT_READS,
  ATHENA_QUERY_ACTIONS,
  GLUE_CATALOG_READS,
  GLUE_JOB_RUN_ACTIONS,
  GLUE_TABLE_WRITES,
  OWN_USER_READS,
  SELF_SERVICE_IAM_WRITES,
  SELF_SERVICE_WITHOUT_MFA,
} from './actions.ts';
import {
  ANY_REGION,
  bucketAndObjects,
  catalogKeyArns,
  catalogRegions,
  cohortCatalogArns,
  cohortRegions,
  cohortTagCondition,
  failsOver,
  glueArns,
  glueCatalogArns,
  glueLogGroupPatterns,
  logGroupArns,
  objectsArn,
  ownMfaArn,
  ownUserArn,
  PREFIXES,
  regionalArn,
  resultsBucketNames,
  taggedGlueArns,
  viaService,
} from './arns.ts';
import {
  allow,
  bucketArn,
  type PolicyContext,
  type PolicyDocument,
  type PolicyStatement,
  policyDocument,
} from './policy-document.ts';

/** Tag on each student user holding their student id; table writes are scoped on it. */
export const STUDENT_ID_TAG = 'workshop-student';

const OWN_FOLDER = `${PREFIXES.students}\${aws:username}/`;
/** The calling student's tables: `<student id>_*`. */
const OWN_TABLES = `${studentTablePrefix(`\${aws:PrincipalTag/${STUDENT_ID_TAG}}`)}*`;
const OWN_RESULTS = `${PREFIXES.workgroups}\${aws:username}/`;

/** What the cohort students group may do (and nothing after the access end). */
export function studentPolicy(ctx: PolicyContext): PolicyDocument {
  const n = ctx.names;
  const failover = failsOver(ctx);
  const raw = [n.bucket('raw'), ...(failover ? [n.replicaBucket('raw')] : [])];
  const processed = [n.bucket('processed'), ...(failover ? [n.replicaBucket('processed')] : [])];
  // With failover, the backup region's workgroups write to the student's prefix of `<base>-results-dr`.
  const results = resultsBucketNames(ctx);
  const statements: (PolicyStatement | false)[] = [
    allow('AccountLevelReads', ACCOUNT_READS, '*'),
    allow('ReadRawData', ['s3:ListBucket', 's3:GetObject'], raw.flatMap(bucketAndObjects)),
    // The console lists folder by folder: the top and students/ (names only, with "/"), then the own folder.
    allow('BrowseTopFolders', ['s3:ListBucket'], [...processed, ...results].map(bucketArn), {
      StringEquals: { 's3:prefix': ['', PREFIXES.students, PREFIXES.workgroups], 's3:delimiter': '/' },
    }),
    allow('ListOwnFolder', ['s3:ListBucket'], processed.map(bucketArn), {
      StringLike: { 's3:prefix': `${OWN_FOLDER}*` },
    }),
    // Athena lists the result location of a CTAS before writing it.
    allow('ListOwnResults', ['s3:ListBucket'], results.map(bucketArn), {
      StringLike: { 's3:prefix': `${OWN_RESULTS}*` },
    }),
    allow(
      'ReadWriteOwnObjects',
      ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      [objectsArn(n.bucket('processed'), OWN_FOLDER), ...results.map((b) => objectsArn(b, OWN_RESULTS))],
    ),
    failover && allow('ReadOwnReplicaObjects', ['s3:GetObject'], objectsArn(n.replicaBucket('processed'), OWN_FOLDER)),
    // Workgroup, catalog and log ARNs name any region: the same grants serve the backup region with failover.
    allow(
      'QueryInOwnWorkgroup',
      ATHENA_QUERY_ACTIONS,
      regionalArn(ctx, 'athena', ANY_REGION, 'workgroup/${aws:username}'),
    ),
    // Catalog reads and the student's own job copies: each action applies to its own resource type only.
    allow(
      'ReadCatalogAndRunOwnJobs',
      [...GLUE_CATALOG_READS, ...(ctx.cohort.etl.length > 0 ? GLUE_JOB_RUN_ACTIONS : [])],
      [
        ...cohortCatalogArns(ctx),
        // ResetJobBookmark takes no resource in IAM, so it is not granted: it would reach every job in the account.
        ...(ctx.cohort.etl.length > 0 ? glueArns(ctx, ['job/${aws:username}_*']) : []),
      ],
    ),
    ctx.cohort.datasets.length > 0 &&
      allow(
        'RunCohortCrawlers',
        ['glue:StartCrawler', 'glue:GetCrawler'],
        taggedGlueArns(ctx, ['crawler']),
        cohortTagCondition(ctx),
      ),
    allow('WriteOwnTables', GLUE_TABLE_WRITES, glueCatalogArns(ctx, OWN_TABLES)),
    allow(
      'ReadGlueLogs',
      ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
      logGroupArns(ctx, glueLogGroupPatterns(ctx)),
    ),
    allow('UseCohortKeysThroughS3', ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], catalogKeyArns(ctx), {
      StringEquals: { 'kms:ViaService': viaService('s3', catalogRegions(ctx)) },
    }),
    allow(
      'ManageOwnPasswordAndMfa',
      [...OWN_USER_READS, ...SELF_SERVICE_IAM_WRITES],
      [ownUserArn(ctx), ownMfaArn(ctx)],
    ),
    // The guard carries the same deny; repeating it here keeps this document time-bounded on its own.
    denyAfterAccessEnd(ctx),
  ];
  return policyDocument(...statements);
}

/** Deny statements: after access end, outside the cohort's regions, and without MFA when the cohort requires it. */
export function studentTimeAndPlaceGuard(ctx: PolicyContext): PolicyDocument {
  return policyDocument(
    denyAfterAccessEnd(ctx),
    {
      Sid: 'DenyOutsideCohortRegions',
      Effect: 'Deny',
      // IAM and STS answer from us-east-1 (or the caller's STS endpoint) and the S3 console lists buckets through
      // the global endpoint: the student's own password, MFA and bucket listing stay usable from there.
      NotAction: [
        ...SELF_SERVICE_WITHOUT_MFA,
        'iam:DeactivateMFADevice',
        's3:ListAllMyBuckets',
        's3:GetBucketLocation',
      ],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': cohortRegions(ctx) } },
    },
    ctx.cohort.security.requireMfa && {
      Sid: 'DenyWithoutMfa',
      Effect: 'Deny',
      NotAction: [...SELF_SERVICE_WITHOUT_MFA],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  );
}

/** Nothing at all after the cohort's access end (the last instant of `schedule.end` in its time zone). */
function denyAfterAccessEnd(ctx: PolicyContext): PolicyStatement {
  return {
    Sid: 'DenyAfterAccessEnd',
    Effect: 'Deny',
    Action: '*',
    Resource: '*',
    Condition: { DateGreaterThan: { 'aws:CurrentTime': ctx.accessEnd } },
  };
}
