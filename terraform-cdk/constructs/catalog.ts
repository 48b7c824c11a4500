/**
 * The Glue catalog side: the cohort database, one crawler per dataset folder, the security configuration every
 * crawler and job runs with, the Glue service role, and the log group of the jobs' continuous logs.
 */
import {
  CloudwatchLogGroup,
  Construct,
  GlueCatalogDatabase,
  GlueCrawler,
  GlueSecurityConfiguration,
  type IamRole,
} from '../cdktf-classes.ts';
import { glueRolePolicy, glueTrust } from '../policies/glue.ts';
import { create, tfId } from './address.ts';
import { type CohortContext, s3Url } from './cohort-context.ts';
import { role } from './iam.ts';
import { datasetPrefix } from './storage.ts';
import { literal } from './terraform-text.ts';

/** Retention of the cohort's log groups: the longest a cohort runs (90 days) is within it. */
export const LOG_RETENTION_DAYS = 90;

export class Catalog extends Construct {
  readonly role: IamRole;
  readonly database: GlueCatalogDatabase;
  readonly securityConfiguration: GlueSecurityConfiguration;
  readonly logGroup: CloudwatchLogGroup;
  /** Crawler name per dataset name. */
  readonly crawlers: ReadonlyMap<string, GlueCrawler>;

  constructor(scope: Construct, ctx: CohortContext, rawBucket: string) {
    super(scope, 'catalog');
    const { cohort, names } = ctx;
    const kmsKeyArn = ctx.keys.primary.arn;

    this.role = role(this, {
      logicalId: 'glue',
      name: names.role('glue'),
      path: names.iamPath,
      description: `Glue crawlers and jobs of cohort ${cohort.id}`,
      trust: glueTrust(),
      boundaryArn: ctx.boundaryArn,
      managedPolicy: { name: names.policy('glue'), document: glueRolePolicy(ctx.policy) },
    });
    this.database = create(this, GlueCatalogDatabase, 'cohort', {
      name: names.database,
      description: literal(`Workshop cohort ${cohort.id}: ${cohort.title}`),
    });
    this.securityConfiguration = create(this, GlueSecurityConfiguration, 'cohort', {
      name: names.securityConfiguration,
      encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: 'SSE-KMS', kmsKeyArn },
        cloudwatchEncryption: { cloudwatchEncryptionMode: 'SSE-KMS', kmsKeyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn },
      },
    });
    this.logGroup = create(this, CloudwatchLogGroup, 'glue', {
      name: names.glueLogGroupPrefix,
      retentionInDays: LOG_RETENTION_DAYS,
      kmsKeyId: kmsKeyArn,
    });

    const crawlers = new Map<string, GlueCrawler>();
    for (const dataset of cohort.datasets) {
      const crawler = create(this, GlueCrawler, tfId('dataset', dataset.name), {
        name: names.crawler(dataset.name),
        databaseName: this.database.name,
        role: this.role.arn,
        schedule: cohort.crawler.schedule,
        securityConfiguration: this.securityConfiguration.name,
        // One target per dataset folder: sibling folders would be merged into one table (pitfall 7).
        s3Target: [{ path: s3Url(rawBucket, datasetPrefix(dataset.name)) }],
        // Incremental crawls add new folders (partitions) only. AWS accepts them only with a schema-change policy
        // that logs changes instead of applying them; schema changes then need a full crawl, started by hand.
        recrawlPolicy: { recrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
      });
      crawlers.set(dataset.name, crawler);
    }
    this.crawlers = crawlers;
  }
}
