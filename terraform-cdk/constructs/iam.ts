/**
 * IAM building blocks shared by the constructs: customer-managed policies and roles. A cohort's users, roles, group
 * and managed policies all live under its IAM path (`/workshops/<id>/`), which is how its policies and boundary
 * address them (`…:role/workshops/<id>/<name>`, see policies/arns.ts).
 */
import type { ITerraformDependable } from 'cdktf';
import { type Construct, IamPolicy, IamRole, IamRolePolicy, IamRolePolicyAttachment } from '../cdktf-classes.ts';
import type { PolicyDocument } from '../policies/policy-document.ts';
import { create } from './address.ts';
import { jsonLiteral } from './terraform-text.ts';

export interface ManagedPolicyProps {
  readonly logicalId: string;
  readonly name: string;
  readonly path: string;
  readonly description: string;
  readonly document: PolicyDocument;
}

export function managedPolicy(scope: Construct, props: ManagedPolicyProps): IamPolicy {
  return create(scope, IamPolicy, props.logicalId, {
    name: props.name,
    path: props.path,
    description: props.description,
    policy: jsonLiteral(props.document),
  });
}

export interface RoleProps {
  readonly logicalId: string;
  readonly name: string;
  readonly path: string;
  readonly description: string;
  readonly trust: PolicyDocument;
  /** Permissions boundary; every role a cohort creates has one. */
  readonly boundaryArn?: string;
  readonly maxSessionDuration?: number;
  /** Permissions as a customer-managed policy with this name (attachable, inspectable, 6,144 characters)... */
  readonly managedPolicy?: { readonly name: string; readonly document: PolicyDocument };
  /** ...or as an inline policy (10,240 characters, deleted with the role). */
  readonly inlinePolicy?: PolicyDocument;
  readonly dependsOn?: readonly ITerraformDependable[];
}

export function role(scope: Construct, props: RoleProps): IamRole {
  const id = props.logicalId;
  const created = create(scope, IamRole, id, {
    name: props.name,
    path: props.path,
    description: props.description,
    assumeRolePolicy: jsonLiteral(props.trust),
    ...(props.boundaryArn === undefined ? {} : { permissionsBoundary: props.boundaryArn }),
    ...(props.maxSessionDuration === undefined ? {} : { maxSessionDuration: props.maxSessionDuration }),
    ...(props.dependsOn === undefined ? {} : { dependsOn: [...props.dependsOn] }),
  });
  if (props.managedPolicy !== undefined) {
    const { name, document } = props.managedPolicy;
    const policy = managedPolicy(scope, {
      logicalId: id,
      name,
      path: props.path,
      description: props.description,
      document,
    });
    create(scope, IamRolePolicyAttachment, id, { role: created.name, policyArn: policy.arn });
  }
  if (props.inlinePolicy !== undefined) {
    create(scope, IamRolePolicy, id, { name: props.name, role: created.id, policy: jsonLiteral(props.inlinePolicy) });
  }
  return created;
}
