/**
 * Readable, stable Terraform addresses. Every element the stacks create gets an explicit logical id, because the
 * review comment, plan digests and guardrail findings name resources by address (`aws_iam_user.student_s01`); the
 * cdktf default (a hash of the construct path) would change whenever a construct moves.
 */
import type { TerraformOutputConfig, TerraformVariableConfig } from 'cdktf';
import { type Construct, TerraformOutput, TerraformStack, TerraformVariable } from '../cdktf-classes.ts';

const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Addresses already taken in each stack, with the construct path that took them. */
const claimed = new WeakMap<TerraformStack, Map<string, string>>();

/** Raised when a cohort cannot be turned into Terraform; the message says what to change. */
export class SynthesisError extends Error {
  override readonly name = 'SynthesisError';
}

/** A Terraform name from parts: joined with "_", every other character ("-", ".", "@") becomes "_". */
export function tfId(...parts: readonly string[]): string {
  const id = parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
  if (!TERRAFORM_NAME.test(id)) throw new SynthesisError(`"${id}" is not a valid Terraform name`);
  return id;
}

/**
 * Reserves `<kind>.<logicalId>` in the stack of `scope`. Two elements mapping to one address (student "a-b" and an
 * ETL copy whose names join to the same string, say) fail synthesis here, naming both, instead of one silently
 * replacing the other.
 */
function claim(scope: Construct, kind: string, logicalId: string): string {
  const constructId = `${kind}.${logicalId}`;
  const path = scope.node.path === '' ? constructId : `${scope.node.path}/${constructId}`;
  if (!TERRAFORM_NAME.test(logicalId))
    throw new SynthesisError(`"${logicalId}" is not a valid Terraform name (${path})`);
  const stack = TerraformStack.of(scope);
  let taken = claimed.get(stack);
  if (taken === undefined) {
    taken = new Map();
    claimed.set(stack, taken);
  }
  const previous = taken.get(constructId);
  if (previous !== undefined) {
    throw new SynthesisError(
      `stack "${stack.node.id}": ${previous} and ${path} both map to the Terraform address ${constructId}; ` +
        'rename one of the ids they come from ("-" and "_" are the same in addresses)',
    );
  }
  taken.set(constructId, path);
  return constructId;
}

/** A provider resource class: its constructor and Terraform type. */
export interface ResourceClass<C, T> {
  new (scope: Construct, id: string, config: C): T;
  readonly tfResourceType: string;
}

/** Creates a resource at the address `<type>.<logicalId>`. */
export function create<C, T extends { overrideLogicalId(id: string): void }>(
  scope: Construct,
  type: ResourceClass<C, T>,
  logicalId: string,
  config: C,
): T {
  const resource = new type(scope, claim(scope, type.tfResourceType, logicalId), config);
  resource.overrideLogicalId(logicalId);
  return resource;
}

/** Creates the output `output.<name>`. */
export function output(scope: Construct, name: string, config: TerraformOutputConfig): TerraformOutput {
  const element = new TerraformOutput(scope, claim(scope, 'output', name), config);
  element.overrideLogicalId(name);
  return element;
}

/** Creates the input variable `var.<name>`. */
export function variable(scope: Construct, name: string, config: TerraformVariableConfig): TerraformVariable {
  const element = new TerraformVariable(scope, claim(scope, 'var', name), config);
  element.overrideLogicalId(name);
  return element;
}
