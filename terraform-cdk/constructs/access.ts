/**
 * Who can do what: students are IAM users in the cohort group (console sign-in only: no access keys, and no
 * password here — onboarding sets one later so it never reaches Terraform state); instructors assume the cohort's
 * instructor role. The group's two customer-managed policies (allow, and the time/place/MFA deny) leave room under
 * the limit of 10 managed policies per group for the budget action's freeze policy.
 */
import {
  Construct,
  IamGroup,
  IamGroupPolicyAttachment,
  type IamRole,
  IamUser,
  IamUserGroupMembership,
} from '../cdktf-classes.ts';
import { instructorPolicy, instructorTrust } from '../policies/instructor.ts';
import { STUDENT_ID_TAG, studentPolicy, studentTimeAndPlaceGuard } from '../policies/student.ts';
import { create, tfId } from './address.ts';
import type { CohortContext } from './cohort-context.ts';
import { managedPolicy, role } from './iam.ts';

/** STS session limit of the instructor role: a teaching day, at most 4 hours at a time. */
export const INSTRUCTOR_SESSION_SECONDS = 4 * 3600;
/**
 * Tag on each student user with the student's id in the cohort file. The student policy scopes table writes on it
 * (`${aws:PrincipalTag/workshop-student}_*`); nobody in a cohort may tag or untag IAM users (see the boundary).
 */
export const TAG_STUDENT = STUDENT_ID_TAG;

export class Access extends Construct {
  readonly group: IamGroup;
  readonly instructorRole: IamRole;
  /** IAM user name per student id. */
  readonly users = new Map<string, IamUser>();

  constructor(scope: Construct, ctx: CohortContext) {
    super(scope, 'access');
    const { cohort, names } = ctx;
    this.group = create(this, IamGroup, 'students', { name: names.studentsGroup, path: names.iamPath });
    const groupPolicies = [
      {
        logicalId: 'student',
        name: names.policy('student'),
        document: studentPolicy(ctx.policy),
        description: `Students of ${cohort.id}`,
      },
      {
        logicalId: 'student_guard',
        name: `${names.policy('student')}-guard`,
        document: studentTimeAndPlaceGuard(ctx.policy),
        description: `Access end, regions and MFA for students of ${cohort.id}`,
      },
    ];
    for (const props of groupPolicies) {
      const policy = managedPolicy(this, { ...props, path: names.iamPath });
      create(this, IamGroupPolicyAttachment, props.logicalId, { group: this.group.name, policyArn: policy.arn });
    }

    for (const student of cohort.students) {
      const id = tfId('student', student.id);
      const user = create(this, IamUser, id, {
        name: names.studentUser(student.id),
        path: names.iamPath,
        permissionsBoundary: ctx.boundaryArn,
        // Onboarding adds a login profile and students add MFA devices; both would block the delete otherwise.
        forceDestroy: true,
        tags: { [TAG_STUDENT]: student.id },
      });
      create(this, IamUserGroupMembership, id, { user: user.name, groups: [this.group.name] });
      this.users.set(student.id, user);
    }

    this.instructorRole = role(this, {
      logicalId: 'instructor',
      name: names.role('instructor'),
      path: names.iamPath,
      description: `Instructors of cohort ${cohort.id}`,
      trust: instructorTrust(ctx.policy),
      boundaryArn: ctx.boundaryArn,
      maxSessionDuration: INSTRUCTOR_SESSION_SECONDS,
      managedPolicy: { name: names.policy('instructor'), document: instructorPolicy(ctx.policy) },
    });
  }
}
