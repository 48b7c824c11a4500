/**
 * Lake Formation for `lakeFormation: managed` (pitfall 1). In an account where Lake Formation governs the Glue
 * Data Catalog, IAM permissions alone no longer let anyone create or read catalog objects: every principal of the
 * cohort needs explicit grants on its database and tables, and on the data locations registered with Lake
 * Formation. This construct registers the cohort's raw and processed buckets (with Lake Formation's service-linked
 * role) and grants:
 *
 * | principal | database | every table | data location |
 * |---|---|---|---|
 * | Glue role (crawlers, jobs, student copies) | create table, alter, drop, describe | all but grant | raw, processed |
 * | instructor role | create table, describe | all but grant | raw, processed |
 * | ops role (scheduled jobs: schema checks) | describe | describe | — |
 * | each student user | create table, describe | select, describe | their own processed folder |
 *
 * Students get their grants one by one: Lake Formation takes IAM users and roles as principals, never IAM groups.
 * A table's creator gets every permission on it from Lake Formation, so students can drop the tables they create
 * and no other (IAM also limits them to `<id>_*`). A student's data location grant is their own folder only: a
 * table over another student's folder would otherwise let Lake Formation vend credentials for it.
 *
 * With `regions.failover`, the backup region's catalog is governed the same way: Lake Formation is regional, so the
 * replica buckets are registered there and every grant above is repeated on the failover database, the locations
 * being the replicas (a student's own folder of the processed replica). Those addresses start with `failover_`.
 *
 * The account's data-lake admin list is never touched (no `aws_lakeformation_data_lake_settings`): the apply role
 * must already be an admin there, in each region, which `workshop preflight` checks. With `iam-only` nothing here
 * is synthesized.
 */
import {
  type AwsProvider,
  Construct,
  type GlueCatalogDatabase,
  type IamRole,
  type IamUser,
  LakeformationPermissions,
  LakeformationResource,
} from '../cdktf-classes.ts';
import { PREFIXES } from '../policies/arns.ts';
import { create, tfId } from './address.ts';
import type { CohortContext } from './cohort-context.ts';

/** Lake Formation permissions per kind of grant (no `ALL`, no grant option: nobody passes these on). */
export const LF_PERMISSIONS = {
  manageDatabase: ['CREATE_TABLE', 'ALTER', 'DROP', 'DESCRIBE'],
  createInDatabase: ['CREATE_TABLE', 'DESCRIBE'],
  describe: ['DESCRIBE'],
  manageTables: ['SELECT', 'INSERT', 'DELETE', 'DESCRIBE', 'ALTER', 'DROP'],
  readTables: ['SELECT', 'DESCRIBE'],
  dataLocation: ['DATA_LOCATION_ACCESS'],
} as const;

type Permissions = (typeof LF_PERMISSIONS)[keyof typeof LF_PERMISSIONS];

/** A catalog of the cohort in one region: its database and the buckets registered there. */
export interface LakeFormationCatalog {
  readonly database: GlueCatalogDatabase;
  /** ARNs (Terraform references) of the buckets registered with Lake Formation: raw and processed, or replicas. */
  readonly bucketArns: { readonly raw: string; readonly processed: string };
}

export interface LakeFormationProps extends LakeFormationCatalog {
  readonly glueRole: IamRole;
  readonly instructorRole: IamRole;
  /** The scheduled jobs' role (a bootstrap role, by ARN). */
  readonly opsRoleArn: string;
  /** IAM user per student id. */
  readonly students: ReadonlyMap<string, IamUser>;
  /** With `regions.failover`: the backup region's catalog over the replicas, and that region's provider. */
  readonly failover?: LakeFormationCatalog & { readonly provider: AwsProvider };
}

type Registrations = { readonly raw: LakeformationResource; readonly processed: LakeformationResource };

interface Grant {
  readonly principal: string;
  readonly database?: Permissions;
  readonly tables?: Permissions;
  /** Registered locations (or paths below them) with DATA_LOCATION_ACCESS, by a name for the address. */
  readonly locations?: Readonly<Record<string, string>>;
}

/** One region's catalog, with the prefix of its addresses and that region's provider (none for the primary). */
interface Target extends LakeFormationCatalog {
  readonly prefix: readonly string[];
  readonly provider?: AwsProvider;
}

export class LakeFormation extends Construct {
  /** Registered locations in the primary region: raw and processed. */
  readonly registrations: Registrations;
  /** Registered locations in the backup region with failover: the raw and processed replicas. */
  readonly failoverRegistrations: Registrations | undefined;

  constructor(scope: Construct, ctx: CohortContext, props: LakeFormationProps) {
    super(scope, 'lake_formation');
    const { database, bucketArns, failover } = props;
    this.registrations = this.governCatalog(ctx, props, { database, bucketArns, prefix: [] });
    this.failoverRegistrations =
      failover === undefined ? undefined : this.governCatalog(ctx, props, { ...failover, prefix: ['failover'] });
  }

  /** Registers one region's buckets and grants every principal of the cohort their permissions there. */
  private governCatalog(ctx: CohortContext, props: LakeFormationProps, target: Target): Registrations {
    const register = (role: 'raw' | 'processed') =>
      create(this, LakeformationResource, tfId(...target.prefix, role), {
        arn: target.bucketArns[role],
        useServiceLinkedRole: true,
        ...providerOf(target),
      });
    const registrations = { raw: register('raw'), processed: register('processed') };
    const locations = { raw: registrations.raw.arn, processed: registrations.processed.arn };

    this.grant(target, 'glue', {
      principal: props.glueRole.arn,
      database: LF_PERMISSIONS.manageDatabase,
      tables: LF_PERMISSIONS.manageTables,
      locations,
    });
    this.grant(target, 'instructor', {
      principal: props.instructorRole.arn,
      database: LF_PERMISSIONS.createInDatabase,
      tables: LF_PERMISSIONS.manageTables,
      locations,
    });
    this.grant(target, 'ops', {
      principal: props.opsRoleArn,
      database: LF_PERMISSIONS.describe,
      tables: LF_PERMISSIONS.describe,
    });
    for (const [studentId, user] of props.students) {
      const folder = `${PREFIXES.students}${ctx.names.studentUser(studentId)}`;
      this.grant(target, tfId('student', studentId), {
        principal: user.arn,
        database: LF_PERMISSIONS.createInDatabase,
        tables: LF_PERMISSIONS.readTables,
        locations: { own_folder: `${registrations.processed.arn}/${folder}` },
      });
    }
    return registrations;
  }

  /** One `aws_lakeformation_permissions` per principal and resource: Lake Formation grants one resource at a time. */
  private grant(target: Target, who: string, grant: Grant): void {
    const { database } = target;
    const id = (...parts: string[]) => tfId(...target.prefix, who, ...parts);
    const provider = providerOf(target);
    if (grant.database !== undefined) {
      create(this, LakeformationPermissions, id('database'), {
        principal: grant.principal,
        permissions: [...grant.database],
        database: { name: database.name },
        ...provider,
      });
    }
    if (grant.tables !== undefined) {
      create(this, LakeformationPermissions, id('tables'), {
        principal: grant.principal,
        permissions: [...grant.tables],
        table: { databaseName: database.name, wildcard: true },
        ...provider,
      });
    }
    for (const [name, arn] of Object.entries(grant.locations ?? {})) {
      create(this, LakeformationPermissions, id('location', name), {
        principal: grant.principal,
        permissions: [...LF_PERMISSIONS.dataLocation],
        dataLocation: { arn },
        ...provider,
      });
    }
  }
}

function providerOf(target: Target): { provider?: AwsProvider } {
  return target.provider === undefined ? {} : { provider: target.provider };
}
