/**
 * Failover (`regions.failover: true`, which needs a backup region): the workshop keeps reading its data in the backup
 * region. Over the replica buckets, that region gets the cohort's Glue database (same name: Glue names are per
 * region), one crawler per dataset over the raw replica, a Glue security configuration with the backup key, and the
 * Athena workgroups (same names, so the student policy's `workgroup/${aws:username}` holds), whose results go to a
 * baseline bucket of their own in the backup region, encrypted with the backup key. Nothing in the primary region
 * changes; removing the flag removes all of this again (after its results bucket is emptied).
 */
import {
  AthenaWorkgroup,
  type AwsProvider,
  Construct,
  GlueCatalogDatabase,
  GlueCrawler,
  GlueSecurityConfiguration,
  type IamRole,
  type KmsKey,
} from '../cdktf-classes.ts';
import { bucketPolicy } from '../policies/bucket.ts';
import { create, tfId } from './address.ts';
import { scanCutoffBytes, workgroupPrefix } from './analytics.ts';
import { BaselineBucket } from './baseline-bucket.ts';
import { type CohortContext, s3Url } from './cohort-context.ts';
import { expiryLifecycle } from './lifecycle-rules.ts';
import { datasetPrefix } from './storage.ts';
import { literal } from './terraform-text.ts';

export interface FailoverProps {
  readonly provider: AwsProvider;
  /** The backup region's key: results and crawler logs there are encrypted with it. */
  readonly key: KmsKey;
  /** The raw replica bucket's name (the crawlers' targets). */
  readonly rawReplica: string;
  /** The cohort's Glue role (IAM is global; its policy already reads the replicas with failover). */
  readonly glueRole: IamRole;
}

export class Failover extends Construct {
  readonly results: BaselineBucket;
  readonly database: GlueCatalogDatabase;
  /** Crawler per dataset name. */
  readonly crawlers: ReadonlyMap<string, GlueCrawler>;
  /** Workgroup per name. */
  readonly workgroups: ReadonlyMap<string, AthenaWorkgroup>;

  constructor(scope: Construct, ctx: CohortContext, props: FailoverProps) {
    super(scope, 'failover');
    const { cohort, names, policy } = ctx;
    const provider = props.provider;
    const kmsKeyArn = props.key.arn;
    const resultsName = names.failoverResultsBucket;

    this.results = new BaselineBucket(this, {
      logicalId: 'results_failover',
      bucketName: resultsName,
      policy: bucketPolicy(policy, resultsName, { trustedPrincipalArns: ctx.ciRoleArns }),
      lifecycle: expiryLifecycle(cohort.athena.resultRetentionDays),
      kmsKeyArn,
      provider,
    });
    this.database = create(this, GlueCatalogDatabase, 'failover', {
      name: names.database,
      description: literal(`Workshop cohort ${cohort.id}: ${cohort.title} (failover, over the replicas)`),
      provider,
    });
    const securityConfiguration = create(this, GlueSecurityConfiguration, 'failover', {
      name: names.securityConfiguration,
      encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: 'SSE-KMS', kmsKeyArn },
        cloudwatchEncryption: { cloudwatchEncryptionMode: 'SSE-KMS', kmsKeyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn },
      },
      provider,
    });

    const crawlers = new Map<string, GlueCrawler>();
    for (const dataset of cohort.datasets) {
      const crawler = create(this, GlueCrawler, tfId('failover', dataset.name), {
        name: names.crawler(dataset.name),
        databaseName: this.database.name,
        role: props.glueRole.arn,
        schedule: cohort.crawler.schedule,
        securityConfiguration: securityConfiguration.name,
        // One target per dataset folder, as in the primary region (pitfall 7).
        s3Target: [{ path: s3Url(props.rawReplica, datasetPrefix(dataset.name)) }],
        recrawlPolicy: { recrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
        provider,
      });
      crawlers.set(dataset.name, crawler);
    }
    this.crawlers = crawlers;

    const workgroups = new Map<string, AthenaWorkgroup>();
    const workgroup = (logicalId: string, name: string) =>
      workgroups.set(
        name,
        create(this, AthenaWorkgroup, logicalId, {
          name,
          description: `Workshop cohort ${cohort.id} (failover)`,
          forceDestroy: true,
          configuration: {
            enforceWorkgroupConfiguration: true,
            publishCloudwatchMetricsEnabled: true,
            bytesScannedCutoffPerQuery: scanCutoffBytes(cohort.athena.scanLimitGbPerQuery),
            resultConfiguration: {
              outputLocation: s3Url(this.results.name, workgroupPrefix(name)),
              encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn },
            },
          },
          provider,
        }),
      );
    for (const student of cohort.students) {
      workgroup(tfId('failover_student', student.id), names.studentWorkgroup(student.id));
    }
    workgroup('failover_instructors', names.instructorWorkgroup);
    this.workgroups = workgroups;
  }
}
