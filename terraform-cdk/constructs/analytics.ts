/**
 * Athena workgroups: one per student, named exactly as the student's IAM user (the student policy allows queries in
 * `workgroup/${aws:username}` only), and one for the instructors. Each enforces its settings: the per-query scan
 * cutoff, encrypted results under its own prefix of the results bucket, CloudWatch metrics.
 */
import { AthenaWorkgroup, Construct } from '../cdktf-classes.ts';
import { PREFIXES } from '../policies/arns.ts';
import { create, tfId } from './address.ts';
import { type CohortContext, s3Url } from './cohort-context.ts';

const GIB = 1024 ** 3;

/** Where a workgroup's query results (and CTAS tables, pitfall 4) go in the results bucket. */
export function workgroupPrefix(workgroup: string): string {
  return `${PREFIXES.workgroups}${workgroup}/`;
}

/** The per-query scan cutoff in bytes. */
export function scanCutoffBytes(scanLimitGbPerQuery: number): number {
  return Math.round(scanLimitGbPerQuery * GIB);
}

export class Analytics extends Construct {
  /** Workgroup name per student id. */
  readonly studentWorkgroups = new Map<string, AthenaWorkgroup>();
  readonly instructorWorkgroup: AthenaWorkgroup;

  constructor(scope: Construct, ctx: CohortContext) {
    super(scope, 'analytics');
    const { cohort, names } = ctx;
    for (const student of cohort.students) {
      this.studentWorkgroups.set(
        student.id,
        this.workgroup(ctx, tfId('student', student.id), names.studentWorkgroup(student.id)),
      );
    }
    this.instructorWorkgroup = this.workgroup(ctx, 'instructors', names.instructorWorkgroup);
  }

  private workgroup(ctx: CohortContext, logicalId: string, name: string): AthenaWorkgroup {
    return create(this, AthenaWorkgroup, logicalId, {
      name,
      description: `Workshop cohort ${ctx.cohort.id}`,
      // Saved queries and history would otherwise block deleting the workgroup at teardown (pitfall 4).
      forceDestroy: true,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: scanCutoffBytes(ctx.cohort.athena.scanLimitGbPerQuery),
        resultConfiguration: {
          outputLocation: s3Url(ctx.names.bucket('results'), workgroupPrefix(name)),
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: ctx.keys.primary.arn },
        },
      },
    });
  }
}
