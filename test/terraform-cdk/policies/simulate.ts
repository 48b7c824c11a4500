/**
 * Offline IAM evaluation of our policy documents with @cloud-copilot/iam-simulate (a test-only dependency). The
 * simulator fills in no context keys: every test passes the ones its policies test.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../../../terraform-cdk/policies/policy-document.ts';

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface SimulateInput {
  /** Policies of the principal; a group's policies go here beside the user's (the simulator has no groups). */
  readonly identityPolicies: readonly PolicyDocument[];
  readonly boundary?: PolicyDocument;
  readonly resourcePolicy?: PolicyDocument;
  /** Defaults to a user of the test account. */
  readonly principal?: string;
  readonly action: string;
  readonly resource: string;
  /** Account owning the resource; defaults to the test account. */
  readonly resourceAccount?: string;
  readonly context: Readonly<Record<string, string | readonly string[]>>;
}

export const ACCOUNT = '123456789012';

/**
 * Keys AWS sends that the simulator's data does not list for the action, so it would drop them before evaluating:
 * KMS encryption context (`kms:EncryptionContext:<key>`) and GitHub's OIDC claims. When a test passes one, the
 * request is validated normally and then evaluated with these keys kept (every other dropped key stays dropped).
 */
const KEYS_THE_SIMULATOR_DROPS = [/^kms:EncryptionContext:/i, /^token\.actions\.githubusercontent\.com:/i];

export async function simulate(input: SimulateInput): Promise<Decision> {
  const simulation = toSimulation(input, input.context);
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    throw new Error(`simulation of ${input.action} on ${input.resource} failed: ${JSON.stringify(result.errors)}`);
  }
  const ignored = result.resultType === 'single' ? (result.result.ignoredContextKeys ?? []) : [];
  if (!ignored.some((key) => KEYS_THE_SIMULATOR_DROPS.some((re) => re.test(key)))) return result.overallResult;
  const kept = Object.fromEntries(
    Object.entries(input.context).filter(
      ([key]) => !ignored.includes(key) || KEYS_THE_SIMULATOR_DROPS.some((re) => re.test(key)),
    ),
  );
  const unsafe = toSimulation(input, kept);
  // The unchecked path loads the resource policy without a name and then reads it; a pre-validated policy (a
  // plain `ValidatedPolicy` record of @cloud-copilot/iam-policy) carries its name through.
  if (input.resourcePolicy !== undefined) {
    unsafe.resourcePolicy = {
      __validated: true,
      policyDocument: input.resourcePolicy,
      metadata: { name: 'resource' },
      errors: [],
    };
  }
  return runUnsafeSimulation(unsafe, {});
}

function toSimulation(input: SimulateInput, context: SimulateInput['context']): Simulation {
  return {
    request: {
      principal: input.principal ?? `arn:aws:iam::${ACCOUNT}:user/someone`,
      action: input.action,
      resource: { resource: input.resource, accountId: input.resourceAccount ?? ACCOUNT },
      contextVariables: Object.fromEntries(
        Object.entries(context).map(([k, v]) => [k, typeof v === 'string' ? v : [...v]]),
      ),
    },
    identityPolicies: input.identityPolicies.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(input.boundary === undefined
      ? {}
      : { permissionBoundaryPolicies: [{ name: 'boundary', policy: input.boundary }] }),
    ...(input.resourcePolicy === undefined ? {} : { resourcePolicy: input.resourcePolicy }),
  };
}
